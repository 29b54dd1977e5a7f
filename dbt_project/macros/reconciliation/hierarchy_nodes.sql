{#-
    Every coded amount of `relation` with its nearest ancestor printed in the same group.

    Codes nest by prefix (类 3 digits → 款 5 → 项 7; economic 类 3 → 款 5 → local 7-digit extensions),
    so the parent of a code is the longest proper prefix present in the same group; when a 款 row is
    missing, its 项 count directly towards the 类. Rows without a printed ancestor are roots.
    A figure printed more than once in a group (table and prose) is taken once: `order_by` picks it
    (table before narrative); the repeat rule compares the copies. When a group has table rows, rows
    extracted from prose (`method_column` other than 'table') are left out: prose mentions a few
    subjects, not a breakdown, and a prose-only subject must not become an addend of a table's parent
    (the label rule LBL-SUBJECT-CONTEXT reports such subjects). Pass method_column=none to keep all.

    Output: the `group_by` columns, node_code, node_amount_yuan, node_fact_id, node_subject_name,
    node_source_locator, node_source_text, node_rounding_yuan (printed_rounding_yuan), parent_code (null
    for a root).
-#}
{% macro hierarchy_nodes(
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
    with hn_source as (

        select
            *,
            {% if method_column -%}
            bool_or({{ method_column }} = 'table') over (
                partition by {% for column in group_by %}{{ column }}{{ ', ' if not loop.last }}{% endfor %}
            ) as hn_group_has_table,
            {{ method_column }} = 'table' as hn_is_table
            {%- else -%}
            false as hn_group_has_table,
            true as hn_is_table
            {%- endif %}
        from {{ relation }}
        where {{ code_column }} is not null
            and {{ amount_column }} is not null

    ),

    hn_rows as (

        select
            {% for column in group_by %}{{ column }},
            {% endfor -%}
            {{ code_column }} as node_code,
            {{ amount_column }} as node_amount_yuan,
            cast({{ id_column }} as varchar) as node_fact_id,
            {{ name_column }} as node_subject_name,
            {{ locator_column }} as node_source_locator,
            {{ text_column }} as node_source_text,
            {{ printed_rounding_yuan(amount_column) }} as node_rounding_yuan
        from hn_source
        where regexp_full_match({{ code_column }}, '\d{3}(\d{2})*')
            and (hn_is_table or not hn_group_has_table)
        qualify row_number() over (
            partition by {% for column in group_by %}{{ column }}, {% endfor %}{{ code_column }}
            order by {{ order_by }}
        ) = 1

    )

    select
        node.*,
        ancestor.node_code as parent_code
    from hn_rows as node
    left join hn_rows as ancestor
        on {{ null_safe_join('node', 'ancestor', group_by) }}
        and length(ancestor.node_code) < length(node.node_code)
        and starts_with(node.node_code, ancestor.node_code)
    qualify row_number() over (
        partition by {% for column in group_by %}node.{{ column }}, {% endfor %}node.node_code
        order by length(ancestor.node_code) desc nulls last
    ) = 1
{%- endmacro %}
