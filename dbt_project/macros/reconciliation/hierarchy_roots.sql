{#-
    The top of each group's hierarchy: the sum of the codes printed without an ancestor (normally the
    类), i.e. the total a table's coded rows add up to. One row per group. The arguments after
    `group_by` are hierarchy_nodes' and are passed on to it (their defaults are stated there).
-#}
{% macro hierarchy_roots(relation, code_column, group_by) -%}
    with hr_nodes as (

        {{ hierarchy_nodes(relation, code_column, group_by, *varargs, **kwargs) | indent(8) }}

    )

    select
        {% for column in group_by %}{{ column }},
        {% endfor -%}
        {{ addend_aggregates('node_', 'node_code', 'root_codes') | indent(8) }}
    from hr_nodes
    where parent_code is null
    group by all
{%- endmacro %}
