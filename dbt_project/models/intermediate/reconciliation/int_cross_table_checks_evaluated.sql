{#-
    Rule XTAB-SUBJECT (what it says is in the reconciliation_rules seed): a subject line printed in two
    different tables of one document (the 收支总表 class rows, the 支出决算表 / 支出预算表, the 财政拨款
    and 一般公共预算 tables) for the same grouping (subjects × expense type × fund source × amount kind)
    has one value. The copy in the first table (by locator) is the reference; every copy in another
    table is one check against it.

    Copies printed to the same precision must be equal to the digit (macro same_figure_tolerance:
    326.71 against 326.72 is a finding, not rounding). Copies within one table and prose copies stay
    with REP-FIGURE.
-#}

with

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

table_copies as (

    select
        document_id,
        concat_ws('|', coalesce(functional_subject_code, ''), coalesce(economic_subject_code, ''),
            expense_type, fund_source, amount_kind) as figure_key,
        concat_ws(' × ', functional_subject_code, economic_subject_code) as subjects,
        functional_subject_code,
        economic_subject_code,
        amount_kind,
        expense_type,
        fund_source,
        line_item_id as fact_id,
        amount_yuan,
        coalesce(table_title, '?') as table_title,
        regexp_extract(source_locator, '(?:^|\s)t(\d+)', 1) as table_number,
        source_locator,
        source_text,
        {{ printed_rounding_yuan() }} as rounding_yuan
    from line_items
    where extraction_method = 'table'
        and amount_yuan is not null
        and regexp_extract(source_locator, '(?:^|\s)t(\d+)', 1) <> ''

),

ranked as (

    select
        *,
        dense_rank() over (
            partition by document_id, figure_key
            order by cast(table_number as integer)
        ) as table_rank,
        row_number() over (
            partition by document_id, figure_key
            order by cast(table_number as integer), source_locator, fact_id
        ) as copy_number
    from table_copies

),

compared as (

    select
        copy.*,
        reference.amount_yuan as reference_yuan,
        reference.fact_id as reference_fact_id,
        reference.table_title as reference_table_title,
        reference.source_locator as reference_source_locator,
        reference.source_text as reference_source_text,
        {{ same_figure_tolerance('copy.rounding_yuan', 'reference.rounding_yuan') }} as tolerance_yuan
    from ranked as copy
    inner join ranked as reference
        on {{ columns_equal('copy', 'reference', ['document_id', 'figure_key']) | indent(8) }}
        and reference.copy_number = 1
    where copy.table_rank > 1

),

final as (

    select
        {{- audit_row_columns({
            'rule_id': "'XTAB-SUBJECT'",
            'check_key': "concat_ws('|', 'line', figure_key, source_locator, fact_id)",
            'check_name': "'同一科目跨表数字一致'",
            'scope': "subjects || ' ' || " ~ grouping_label('amount_kind', 'expense_type', 'fund_source'),
            'expected_yuan': 'reference_yuan',
            'actual_yuan': 'amount_yuan',
            'difference_yuan': 'amount_yuan - reference_yuan',
            'addend_count': '1',
            'status': reconciliation_status('amount_yuan - reference_yuan', 'tolerance_yuan'),
            'detail': comparison_detail(
                "'Line ' || subjects || ' ' || " ~ grouping_label('amount_kind', 'expense_type', 'fund_source')
                    ~ " || ' in ' || reference_table_title",
                "'the same line in ' || table_title || ' is'",
                'reference_yuan', 'amount_yuan', 'tolerance_yuan',
                'reference_source_locator', 'source_locator'
            ) ~ " || case when amount_yuan <> reference_yuan and tolerance_yuan = 0"
                ~ " then ' Both tables print the figure to the same precision, so the copies must be equal: one of them is wrong (often a class row summed from rounded items); correct it so both tables agree.'"
                ~ " else '' end",
            'expected_source_locator': 'reference_source_locator',
            'expected_source_text': 'reference_source_text',
            'actual_source_locator': 'source_locator',
            'actual_source_text': 'source_text',
            'fact_ids': '[reference_fact_id, fact_id]',
        }) }}
    from compared

)

select * from final
