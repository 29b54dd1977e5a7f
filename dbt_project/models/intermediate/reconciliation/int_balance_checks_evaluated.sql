{#-
    Rule family `balance` (BAL-INCOME-EXPENDITURE, BAL-GRAND-TOTAL; what each rule says is in the
    reconciliation_rules seed): the two sides of the 收支总表 agree. A missing carry term counts as zero
    for budgets; final accounts are checked only when both carry terms are stated (their other
    balancing items are not extracted), and the grand total only under the same condition on the
    carry term of its side. Each measure is taken once per document, amount kind and fund source
    (table figure first).
-#}

with

reported_totals as (

    select * from {{ ref('int_reported_totals_identified') }}

),

pivoted as (

    {{ balance_terms('reported_totals') }}

),

sides as (

    select
        *,
        income_total_yuan + coalesce(carry_over_income_yuan, 0) as income_side_yuan,
        expenditure_total_yuan + coalesce(carry_forward_yuan, 0) as expenditure_side_yuan,
        1 + (carry_over_income_yuan is not null)::integer as income_addends,
        1 + (carry_forward_yuan is not null)::integer as expenditure_addends,
        income_total_rounding_yuan + coalesce(carry_over_income_rounding_yuan, 0) as income_rounding_yuan,
        expenditure_total_rounding_yuan + coalesce(carry_forward_rounding_yuan, 0) as expenditure_rounding_yuan,
        '本年收入合计' || case when carry_over_income_yuan is not null then ' + 上年结转' else '' end as income_label,
        '本年支出合计' || case when carry_forward_yuan is not null then ' + 年末结转和结余' else '' end as expenditure_label,
        concat_ws('; ', '本年收入合计: ' || income_total_locator, '上年结转: ' || carry_over_income_locator)
            as income_locator,
        concat_ws('; ', '本年支出合计: ' || expenditure_total_locator, '年末结转和结余: ' || carry_forward_locator)
            as expenditure_locator,
        concat_ws(' ‖ ', income_total_text, carry_over_income_text) as income_text,
        concat_ws(' ‖ ', expenditure_total_text, carry_forward_text) as expenditure_text,
        flatten([[income_total_id], case when carry_over_income_id is not null then [carry_over_income_id] else [] end])
            as income_ids,
        flatten([[expenditure_total_id], case when carry_forward_id is not null then [carry_forward_id] else [] end])
            as expenditure_ids,
        doc_kind = 'budget' or carry_over_income_yuan is not null as is_income_side_complete,
        doc_kind = 'budget' or carry_forward_yuan is not null as is_expenditure_side_complete
    from pivoted

),

income_expenditure as (

    select
        document_id,
        'BAL-INCOME-EXPENDITURE' as rule_id,
        concat_ws('|', amount_kind, fund_source) as check_key,
        '收入方 = 支出方' as check_name,
        'income = expenditure' as scope,
        amount_kind,
        fund_source,
        expenditure_side_yuan as expected_yuan,
        income_side_yuan as actual_yuan,
        income_addends + expenditure_addends as addend_count,
        {{ rounding_tolerance('income_rounding_yuan + expenditure_rounding_yuan') }} as tolerance_yuan,
        {{ comparison_detail(
            "'The expenditure side (' || expenditure_label || ')'",
            "'the income side (' || income_label || ') is'",
            'expenditure_side_yuan', 'income_side_yuan', rounding_tolerance('income_rounding_yuan + expenditure_rounding_yuan'),
            'expenditure_locator', 'income_locator'
        ) }} as detail,
        expenditure_locator as expected_source_locator,
        expenditure_text as expected_source_text,
        income_locator as actual_source_locator,
        income_text as actual_source_text,
        list_concat(expenditure_ids, income_ids) as fact_ids
    from sides
    where income_total_yuan is not null
        and expenditure_total_yuan is not null
        and is_income_side_complete
        and is_expenditure_side_complete

),

grand_total_income as (

    select
        document_id,
        'BAL-GRAND-TOTAL' as rule_id,
        concat_ws('|', 'income', amount_kind, fund_source) as check_key,
        '收支总计 = ' || income_label as check_name,
        'grand_total income side' as scope,
        amount_kind,
        fund_source,
        grand_total_yuan as expected_yuan,
        income_side_yuan as actual_yuan,
        income_addends as addend_count,
        {{ rounding_tolerance('income_rounding_yuan', 'grand_total_rounding_yuan') }} as tolerance_yuan,
        {{ comparison_detail(
            "'The stated 收支总计'",
            "income_label || ' is'",
            'grand_total_yuan', 'income_side_yuan', rounding_tolerance('income_rounding_yuan', 'grand_total_rounding_yuan'),
            'grand_total_locator', 'income_locator'
        ) }} as detail,
        grand_total_locator as expected_source_locator,
        grand_total_text as expected_source_text,
        income_locator as actual_source_locator,
        income_text as actual_source_text,
        list_prepend(grand_total_id, income_ids) as fact_ids
    from sides
    where grand_total_yuan is not null
        and income_total_yuan is not null
        and is_income_side_complete

),

grand_total_expenditure as (

    select
        document_id,
        'BAL-GRAND-TOTAL' as rule_id,
        concat_ws('|', 'expenditure', amount_kind, fund_source) as check_key,
        '收支总计 = ' || expenditure_label as check_name,
        'grand_total expenditure side' as scope,
        amount_kind,
        fund_source,
        grand_total_yuan as expected_yuan,
        expenditure_side_yuan as actual_yuan,
        expenditure_addends as addend_count,
        {{ rounding_tolerance('expenditure_rounding_yuan', 'grand_total_rounding_yuan') }} as tolerance_yuan,
        {{ comparison_detail(
            "'The stated 收支总计'",
            "expenditure_label || ' is'",
            'grand_total_yuan', 'expenditure_side_yuan', rounding_tolerance('expenditure_rounding_yuan', 'grand_total_rounding_yuan'),
            'grand_total_locator', 'expenditure_locator'
        ) }} as detail,
        grand_total_locator as expected_source_locator,
        grand_total_text as expected_source_text,
        expenditure_locator as actual_source_locator,
        expenditure_text as actual_source_text,
        list_prepend(grand_total_id, expenditure_ids) as fact_ids
    from sides
    where grand_total_yuan is not null
        and expenditure_total_yuan is not null
        and is_expenditure_side_complete

),

unioned as (

    select * from income_expenditure
    union all by name
    select * from grand_total_income
    union all by name
    select * from grand_total_expenditure

),

final as (

    select
        {{- audit_row_columns({
            'expense_type': 'cast(null as varchar)',
            'difference_yuan': 'actual_yuan - expected_yuan',
            'status': reconciliation_status('actual_yuan - expected_yuan', 'tolerance_yuan'),
        }) }}
    from unioned

)

select * from final
