{#- 类 / 款 / 项 from the length of a classification code (3 / 5 / 7 digits). -#}
{% macro code_level_label(code_expression) -%}
    {{ code_length_label('length(' ~ code_expression ~ ')') }}
{%- endmacro %}
