{#- `left.c is not distinct from right.c and …` for every column of `columns` (nulls compare equal). -#}
{% macro null_safe_join(left_alias, right_alias, columns) -%}
    {%- for column in columns %}
    {% if not loop.first %}and {% endif %}{{ left_alias }}.{{ column }} is not distinct from {{ right_alias }}.{{ column }}
    {%- endfor %}
{%- endmacro %}
