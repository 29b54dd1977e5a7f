{#-
    The typed columns of one printed figure as ingested: its amount in yuan, the figure and unit as
    printed, and where it stands (see source_position_casts). The staging side of
    printed_figure_columns, so that the fact tables' shared columns have one type each.
-#}
{% macro printed_figure_casts() -%}
cast(amount_yuan as decimal(20, 2)) as amount_yuan,
cast(reported_amount as varchar) as reported_amount,
cast(reported_unit as varchar) as reported_unit,
{{ source_position_casts() }}
{%- endmacro %}
