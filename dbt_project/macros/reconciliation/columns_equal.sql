{#-
    `left.c = right.c and …` for every column of `columns`: the join of two rows of one grouping
    (a copy and its reference, a prose figure and the tables of its grouping). Plain equality, so a
    null never matches; null_safe_join is the variant where nulls compare equal. Written once so that
    a rule's grouping reads as the list of its columns.
-#}
{% macro columns_equal(left_alias, right_alias, columns) -%}
    {%- for column in columns %}
    {% if not loop.first %}and {% endif %}{{ left_alias }}.{{ column }} = {{ right_alias }}.{{ column }}
    {%- endfor %}
{%- endmacro %}
