{#-
    Children → parent: for every printed parent code with printed children in the same group, the
    parent's amount (expected) against the sum of its children (actual), with the status under the
    tolerance policy (0.01万元 per child). See hierarchy_nodes for how parents and children are found;
    the arguments after `group_by` (amount_column, id_column, …, method_column) are hierarchy_nodes'
    and are passed on to it, so their defaults are stated once, there.
-#}
{% macro hierarchy_checks(relation, code_column, group_by) -%}
    with hc_nodes as (

        {{ hierarchy_nodes(relation, code_column, group_by, *varargs, **kwargs) | indent(8) }}

    ),

    hc_children as (

        select
            {% for column in group_by %}{{ column }},
            {% endfor -%}
            parent_code,
            {{ addend_aggregates('node_', 'node_code', 'child_codes') | indent(12) }},
            min(length(node_code)) as child_code_length_min,
            max(length(node_code)) as child_code_length_max
        from hc_nodes
        where parent_code is not null
        group by all

    ),

    hc_checks as (

        select
            {% for column in group_by %}parent.{{ column }},
            {% endfor -%}
            parent.node_code as parent_code,
            parent.node_subject_name as parent_subject_name,
            {{ sum_check_sides('parent', 'node_', 'children',
                               ['child_codes', 'child_code_length_min', 'child_code_length_max']) | indent(12) }}
        from hc_nodes as parent
        inner join hc_children as children
            on {{ null_safe_join('parent', 'children', group_by) }}
            and parent.node_code = children.parent_code

    )

    select
        *,
        {{ reconciliation_status('difference_yuan', 'tolerance_yuan') }} as status
    from hc_checks
{%- endmacro %}
