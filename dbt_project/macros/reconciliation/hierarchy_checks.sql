{#-
    Children → parent: for every printed parent code with printed children in the same group, the
    parent's amount (expected) against the sum of its children (actual), with the status under the
    tolerance policy (0.01万元 per child). See hierarchy_nodes for how parents and children are found.
-#}
{% macro hierarchy_checks(
    relation,
    code_column,
    group_by,
    amount_column='amount_yuan',
    id_column='line_item_id',
    name_column='subject_name',
    locator_column='source_locator',
    text_column='source_text',
    order_by="case when extraction_method = 'table' then 0 else 1 end, source_locator, line_item_id",
    method_column='extraction_method'
) -%}
    with hc_nodes as (

        {{ hierarchy_nodes(relation, code_column, group_by, amount_column, id_column, name_column,
                           locator_column, text_column, order_by, method_column) | indent(8) }}

    ),

    hc_children as (

        select
            {% for column in group_by %}{{ column }},
            {% endfor -%}
            parent_code,
            count(*) as addend_count,
            sum(node_amount_yuan) as actual_yuan,
            string_agg(node_code, ', ' order by node_code) as child_codes,
            min(length(node_code)) as child_code_length_min,
            max(length(node_code)) as child_code_length_max,
            list(node_fact_id order by node_code) as actual_fact_ids,
            string_agg(node_code || ': ' || coalesce(node_source_locator, '?'), '; ' order by node_code)
                as actual_source_locator,
            string_agg(coalesce(node_source_text, ''), ' ‖ ' order by node_code) as actual_source_text
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
            parent.node_fact_id as expected_fact_id,
            parent.node_amount_yuan as expected_yuan,
            parent.node_source_locator as expected_source_locator,
            parent.node_source_text as expected_source_text,
            children.child_codes,
            children.child_code_length_min,
            children.child_code_length_max,
            children.addend_count,
            children.actual_yuan,
            children.actual_fact_ids,
            children.actual_source_locator,
            children.actual_source_text,
            children.actual_yuan - parent.node_amount_yuan as difference_yuan,
            {{ rounding_tolerance('children.addend_count') }} as tolerance_yuan
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
