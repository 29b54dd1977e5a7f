{#-
    The top of each group's hierarchy: the sum of the codes printed without an ancestor (normally the
    类), i.e. the total a table's coded rows add up to. One row per group.
-#}
{% macro hierarchy_roots(
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
    with hr_nodes as (

        {{ hierarchy_nodes(relation, code_column, group_by, amount_column, id_column, name_column,
                           locator_column, text_column, order_by, method_column) | indent(8) }}

    )

    select
        {% for column in group_by %}{{ column }},
        {% endfor -%}
        count(*) as addend_count,
        sum(node_amount_yuan) as actual_yuan,
        string_agg(node_code, ', ' order by node_code) as root_codes,
        list(node_fact_id order by node_code) as actual_fact_ids,
        string_agg(node_code || ': ' || coalesce(node_source_locator, '?'), '; ' order by node_code)
            as actual_source_locator,
        string_agg(coalesce(node_source_text, ''), ' ‖ ' order by node_code) as actual_source_text
    from hr_nodes
    where parent_code is null
    group by all
{%- endmacro %}
