{#-
    Rules PROC-PARTS and PROC-LINES (what they say is in the reconciliation_rules seed).

    PROC-PARTS: the 政府采购 total against its goods + works + services parts (macro
    parts_whole_checks), per document, fund source and amount kind, whether the figures come from the
    政府采购预算表 or from the prose. A part that is not printed counts as zero only when the total and
    the printed parts come from one table (a blank cell); a sentence that gives only some parts is not
    checked.

    PROC-LINES: within one 政府采购 item table, the item lines under a 专项 × 经济科目 line add up to it
    (a project line printed twice under one kind leaves its items unchecked: which items are whose is
    not known), and the project lines under a kind add up to the kind's total printed in the same
    table. A difference beyond rounding in a table that left a printed amount unread is `unverified`.
-#}

with

reported_totals as (

    select * from {{ ref('int_reported_totals_identified') }}

),

procurement_line_items as (

    select
        *,
        regexp_extract(source_locator, '\bt(\d+)\b', 1) as table_number,
        {{ printed_rounding_yuan() }} as rounding_yuan
    from {{ ref('int_procurement_line_items_identified') }}

),

extraction_issues as (

    select * from {{ ref('stg_ingested__extraction_issues') }}

),

tables_with_unread_amounts as (

    {{ tables_with_unread_amounts('extraction_issues') }}

),

procurement_parts as (

    {{ parts_whole_checks('reported_totals', 'measure', 'procurement_total',
        ['procurement_goods', 'procurement_works', 'procurement_services'],
        group_by=['document_id', 'fund_source', 'amount_kind'],
        id_column='reported_total_id') | indent(4) }}

),

parts_checked as (

    select
        {{- sum_check_columns(
            "'The 政府采购 total (' || " ~ amount_kind_label('amount_kind') ~ " || ')'",
            "'its parts (' || replace(replace(replace(part_categories, 'procurement_goods', '货物'),"
                ~ " 'procurement_works', '工程'), 'procurement_services', '服务') || ') add up to'",
            {
                'rule_id': "'PROC-PARTS'",
                'check_name': "'货物 + 工程 + 服务 = 政府采购合计'",
                'check_key': "concat_ws('|', 'procurement', fund_source, amount_kind)",
                'scope': "'procurement_total'",
                'expense_type': 'cast(null as varchar)',
            }
        ) }}
    from procurement_parts

),

-- the whole of each group of lines: a project line (of its items) or a kind's printed total (of its
-- project lines); a project or economic subject name is null for a kind's whole
line_wholes as (

    select
        document_id,
        table_number,
        amount_kind,
        procurement_kind,
        project_name,
        economic_subject_name,
        'item' as addend_level,
        procurement_line_item_id as fact_id,
        amount_yuan,
        source_locator,
        source_text,
        rounding_yuan
    from procurement_line_items
    where line_level = 'project'
    qualify count(*) over (
        partition by document_id, table_number, amount_kind, procurement_kind, project_name, economic_subject_name
    ) = 1

    union all

    select
        document_id,
        regexp_extract(source_locator, '\bt(\d+)\b', 1) as table_number,
        amount_kind,
        replace(measure, 'procurement_', '') as procurement_kind,
        cast(null as varchar) as project_name,
        cast(null as varchar) as economic_subject_name,
        'project' as addend_level,
        reported_total_id as fact_id,
        amount_yuan,
        source_locator,
        source_text,
        {{ printed_rounding_yuan() }} as rounding_yuan
    from reported_totals
    where measure in ('procurement_goods', 'procurement_works', 'procurement_services')
        and extraction_method = 'table'

),

line_addends as (

    select
        document_id,
        table_number,
        amount_kind,
        procurement_kind,
        case when line_level = 'item' then project_name end as project_name,
        case when line_level = 'item' then economic_subject_name end as economic_subject_name,
        line_level as addend_level,
        count(*) as addend_count,
        sum(amount_yuan) as actual_yuan,
        sum(rounding_yuan) as addend_rounding_yuan,
        list(procurement_line_item_id order by source_locator) as actual_fact_ids,
        string_agg(coalesce(item_name, project_name, '?') || ': ' || source_locator, '; ' order by source_locator)
            as actual_source_locator,
        string_agg(source_text, ' ‖ ' order by source_locator) as actual_source_text
    from procurement_line_items
    group by all

),

lines_compared as (

    select
        whole.*,
        addends.addend_count,
        addends.actual_yuan,
        addends.actual_fact_ids,
        addends.actual_source_locator,
        addends.actual_source_text,
        {{ rounding_tolerance('addends.addend_rounding_yuan', 'whole.rounding_yuan') }} as tolerance_yuan,
        unread.table_number is not null as has_unread_amounts,
        case whole.procurement_kind when 'goods' then '货物' when 'works' then '工程' else '服务' end as kind_label
    from line_wholes as whole
    inner join line_addends as addends
        on whole.document_id = addends.document_id
        and whole.table_number = addends.table_number
        and whole.amount_kind = addends.amount_kind
        and whole.procurement_kind = addends.procurement_kind
        and whole.addend_level = addends.addend_level
        and whole.project_name is not distinct from addends.project_name
        and whole.economic_subject_name is not distinct from addends.economic_subject_name
    left join tables_with_unread_amounts as unread
        on whole.document_id = unread.document_id
        and whole.table_number = unread.table_number

),

lines_checked as (

    select
        {{- audit_row_columns({
            'rule_id': "'PROC-LINES'",
            'check_key': "concat_ws('|', 'lines', table_number, procurement_kind, project_name, economic_subject_name, amount_kind)",
            'check_name': "case addend_level when 'item' then '采购物品之和 = 专项 × 经济科目' else '专项之和 = ' || kind_label || '合计' end",
            'scope': "concat_ws(' · ', procurement_kind, project_name, economic_subject_name, 't' || table_number)",
            'expense_type': 'cast(null as varchar)',
            'fund_source': "'all'",
            'expected_yuan': 'amount_yuan',
            'difference_yuan': 'actual_yuan - amount_yuan',
            'status': "case when has_unread_amounts and abs(actual_yuan - amount_yuan) > tolerance_yuan "
                      "then 'unverified' else " ~ reconciliation_status('actual_yuan - amount_yuan', 'tolerance_yuan') ~ " end",
            'detail': comparison_detail(
                "case addend_level when 'item' then 'The 政府采购 line ' || project_name || ' × ' || economic_subject_name"
                    ~ " else 'The 政府采购 ' || kind_label || ' total' end",
                "case addend_level when 'item' then 'its items add up to' else 'its 专项 lines add up to' end",
                'amount_yuan', 'actual_yuan', 'tolerance_yuan', 'source_locator', 'actual_source_locator'
            ),
            'expected_source_locator': 'source_locator',
            'expected_source_text': 'source_text',
            'fact_ids': 'list_prepend(fact_id, actual_fact_ids)',
        }) }}
    from lines_compared

),

final as (

    select * from parts_checked
    union all by name
    select * from lines_checked

)

select * from final
