{#-
    Schemas are named literally (`staging`, `intermediate`, `marts`, `reference`, `audit_failures`),
    not dbt's default `<target schema>_<custom schema>`: the marts schema is a public contract.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
