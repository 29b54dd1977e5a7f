{#- class / section / item (类 / 款 / 项) for a classification code of 3 / 5 / 7 digits, null otherwise;
    the level names of dim_functional_subject, so that a fact's code and its dimension row agree. -#}
{% macro code_level(code_expression) -%}
    case length({{ code_expression }}) when 3 then 'class' when 5 then 'section' when 7 then 'item' end
{%- endmacro %}
