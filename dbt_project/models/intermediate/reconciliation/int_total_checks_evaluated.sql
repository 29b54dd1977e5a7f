{#-
    Rule family `total` (TOT-FUN, TOT-ECO, TOT-FUN-ECO; what each rule says is in the
    reconciliation_rules seed): the roots (normally the 类) of the classified lines of a grouping
    against what the document states for it, and by function against by economic nature.
    A grouping (expense type, fund source) is compared with the stated measure for it: total →
    本年支出合计 (or 一般公共预算支出 / 政府性基金预算支出 / 财政拨款支出 for those funds), basic → 基本支出,
    project → 项目支出, personnel → 人员经费, public → 公用经费; when the measure is printed more than
    once, the table figure is used (the repeat rule compares the copies).
-#}

with

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

reported_totals as (

    select * from {{ ref('int_reported_totals_identified') }}

),

-- Table lines are summed; a prose line only when a stated total is printed in the same sentence
-- ("人员经费939.79万元，主要包括：基本工资…"): prose elsewhere names a few subjects, and a partial list
-- is no total.
lines_summed as (

    select line_items.*
    from line_items
    where line_items.extraction_method = 'table'
        or exists (
            select 1
            from reported_totals
            where reported_totals.document_id = line_items.document_id
                and reported_totals.source_locator = line_items.source_locator
        )

),

functional_lines as (

    select * from lines_summed where economic_subject_code is null

),

economic_lines as (

    select * from lines_summed where functional_subject_code is null

),

functional_roots as (

    {{ hierarchy_roots('functional_lines', 'functional_subject_code',
                       group_by=['document_id', 'amount_kind', 'expense_type', 'fund_source']) | indent(4) }}

),

economic_roots as (

    {{ hierarchy_roots('economic_lines', 'economic_subject_code',
                       group_by=['document_id', 'amount_kind', 'expense_type', 'fund_source']) | indent(4) }}

),

roots as (

    select 'TOT-FUN' as rule_id, '功能分类' as classification_label, * from functional_roots
    union all by name
    select 'TOT-ECO' as rule_id, '经济分类' as classification_label, * from economic_roots

),

stated_for_roots as (

    select
        roots.*,
        reported_totals.reported_total_id as expected_fact_id,
        reported_totals.measure,
        reported_totals.amount_yuan as expected_yuan,
        {{ printed_rounding_yuan('reported_totals.amount_yuan', 'reported_totals.reported_amount',
                                 'reported_totals.reported_unit') }} as expected_rounding_yuan,
        reported_totals.source_locator as expected_source_locator,
        reported_totals.source_text as expected_source_text
    from roots
    inner join reported_totals
        on roots.document_id = reported_totals.document_id
        and roots.amount_kind = reported_totals.amount_kind
        and (
            (
                reported_totals.measure = case roots.expense_type
                    when 'total' then 'expenditure_total'
                    when 'basic' then 'basic_expenditure'
                    when 'project' then 'project_expenditure'
                    when 'personnel' then 'personnel_expenditure'
                    when 'public' then 'public_expenditure'
                end
                and reported_totals.fund_source = roots.fund_source
            )
            or (
                roots.expense_type = 'total'
                and roots.fund_source = 'general_public_budget'
                and reported_totals.measure = 'general_public_budget_expenditure'
                and reported_totals.fund_source in ('all', 'general_public_budget')
            )
            or (
                roots.expense_type = 'total'
                and roots.fund_source = 'fiscal_appropriation'
                and reported_totals.measure = 'fiscal_appropriation_expenditure'
                and reported_totals.fund_source in ('all', 'fiscal_appropriation')
            )
            or (
                roots.expense_type = 'total'
                and roots.fund_source = 'government_fund'
                and reported_totals.measure = 'government_fund_expenditure'
                and reported_totals.fund_source in ('all', 'government_fund')
            )
        )
    qualify row_number() over (
        partition by roots.rule_id, roots.document_id, roots.amount_kind, roots.expense_type, roots.fund_source
        order by
            case when reported_totals.fund_source = roots.fund_source then 0 else 1 end,
            case when reported_totals.extraction_method = 'table' then 0 else 1 end,
            reported_totals.source_locator
    ) = 1

),

stated_checks as (

    select
        document_id,
        rule_id,
        concat_ws('|', measure, amount_kind, expense_type, fund_source) as check_key,
        classification_label || '合计 = ' || {{ measure_label('measure') }} as check_name,
        measure as scope,
        amount_kind,
        expense_type,
        fund_source,
        expected_yuan,
        actual_yuan,
        actual_yuan - expected_yuan as difference_yuan,
        addend_count,
        {{ rounding_tolerance('addend_rounding_yuan', 'expected_rounding_yuan') }} as tolerance_yuan,
        {{ comparison_detail(
            "'The stated ' || " ~ measure_label('measure') ~ " || ' for ' || " ~ grouping_label('amount_kind', 'expense_type', 'fund_source'),
            "case when addend_count = 1 then 'the only top-level ' || classification_label || ' line ' || root_codes || ' is'"
                ~ " else 'the top-level ' || classification_label || ' lines ' || root_codes || ' add up to' end",
            'expected_yuan', 'actual_yuan', rounding_tolerance('addend_rounding_yuan', 'expected_rounding_yuan'),
            'expected_source_locator', 'actual_source_locator'
        ) }} as detail,
        expected_source_locator,
        expected_source_text,
        actual_source_locator,
        actual_source_text,
        list_prepend(expected_fact_id, actual_fact_ids) as fact_ids
    from stated_for_roots

),

cross_checks as (

    select
        functional.document_id,
        'TOT-FUN-ECO' as rule_id,
        concat_ws('|', functional.amount_kind, functional.expense_type, functional.fund_source) as check_key,
        '功能分类合计 = 经济分类合计' as check_name,
        functional.expense_type || '/' || functional.fund_source as scope,
        functional.amount_kind,
        functional.expense_type,
        functional.fund_source,
        functional.actual_yuan as expected_yuan,
        economic.actual_yuan as actual_yuan,
        economic.actual_yuan - functional.actual_yuan as difference_yuan,
        functional.addend_count + economic.addend_count as addend_count,
        {{ rounding_tolerance('functional.addend_rounding_yuan + economic.addend_rounding_yuan') }} as tolerance_yuan,
        {{ comparison_detail(
            "'By function (' || functional.root_codes || '), ' || " ~ grouping_label('functional.amount_kind', 'functional.expense_type', 'functional.fund_source'),
            "'by economic nature (' || economic.root_codes || ') it is'",
            'functional.actual_yuan', 'economic.actual_yuan',
            rounding_tolerance('functional.addend_rounding_yuan + economic.addend_rounding_yuan'),
            'functional.actual_source_locator', 'economic.actual_source_locator'
        ) }} as detail,
        functional.actual_source_locator as expected_source_locator,
        functional.actual_source_text as expected_source_text,
        economic.actual_source_locator,
        economic.actual_source_text,
        list_concat(functional.actual_fact_ids, economic.actual_fact_ids) as fact_ids
    from functional_roots as functional
    inner join economic_roots as economic
        on {{ columns_equal('functional', 'economic', ['document_id', 'amount_kind', 'expense_type', 'fund_source'])
            | indent(8) }}

),

unioned as (

    select * from stated_checks
    union all by name
    select * from cross_checks

),

final as (

    select
        *,
        {{ reconciliation_status('difference_yuan', 'tolerance_yuan') }} as status
    from unioned

)

select * from final
