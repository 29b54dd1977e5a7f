{#- A stable 16-hex-character key from one or more text expressions (nulls are kept distinct from ''). -#}
{% macro short_hash(expressions) -%}
    {%- if expressions is string -%}{%- set expressions = [expressions] -%}{%- endif -%}
    substr(sha256(concat_ws('|'
    {%- for expression in expressions -%}
        , coalesce(cast({{ expression }} as varchar), '∅')
    {%- endfor -%}
    )), 1, 16)
{%- endmacro %}
