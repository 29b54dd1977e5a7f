{#-
    Rule family `income` (INC-PARTS, INC-TOTAL; what each rule says is in the reconciliation_rules seed).

    INC-PARTS: within one printed table, the sources printed as parts of another (parent_income_source)
    add up to it, per functional subject (or for the whole document, or one of its 单位) and amount kind: 合计 = 财政拨款收入 +
    事业收入 + 其他收入 …, 财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算. A statement printed in
    several tables (merged, other_source_locators) counts in each of them. A difference beyond rounding
    in a table where some printed amount was left unread (amount_not_read / column_not_extracted) is
    `unverified`: the missing part may be the unread one.

    INC-TOTAL: the income table's total for the whole document equals the stated 本年收入合计
    (income_total); a 收入总计 that counts the carry-over (grand_total) equals the stated 收支总计. When
    the document states no 本年收入合计, the year's total is compared with the 收支总计 (上海 budgets
    print no carry-over), and a difference there is `unverified` (a carry-over could explain it).
-#}

with

income_line_items as (

    select * from {{ ref('int_income_line_items_identified') }}

),

reported_totals as (

    select * from {{ ref('int_reported_totals_identified') }}

),

extraction_issues as (

    select * from {{ ref('stg_ingested__extraction_issues') }}

),

placed as (

    select
        *,
        regexp_extract(place, '\bt(\d+)\b', 1) as table_number
    from (
        select
            *,
            unnest(list_prepend(source_locator, coalesce(string_split(other_source_locators, '; '), []))) as place
        from income_line_items
    )
    where regexp_matches(place, '\bt\d+\b')

),

tables_with_unread_amounts as (

    {{ tables_with_unread_amounts('extraction_issues') }}

),

parts as (

    select
        document_id,
        table_number,
        functional_subject_code,
        unit_name,
        amount_kind,
        parent_income_source,
        sum(amount_yuan) as parts_yuan,
        count(*) as addend_count,
        sum({{ printed_rounding_yuan() }}) as parts_rounding_yuan,
        string_agg(income_source || ': ' || place, '; ' order by place) as parts_locator,
        string_agg(distinct source_text, ' ‖ ' order by source_text) as parts_text,  -- in a stable order
        list(income_line_item_id order by place) as part_ids
    from placed
    where parent_income_source is not null
    group by all

),

parts_checked as (

    select
        parent.document_id,
        'INC-PARTS' as rule_id,
        concat_ws('|', parent.table_number, coalesce(parent.functional_subject_code, 'document'),
            parent.amount_kind, parent.income_source, parent.unit_name) as check_key,
        {{ vocabulary_label('income_source', 'parent.income_source', 'parent.income_source') }}
            || ' = 其组成部分之和' as check_name,
        coalesce('subject ' || parent.functional_subject_code, 'unit ' || parent.unit_name, 'document') || ' · '
            || parent.income_source || ' · t' || parent.table_number as scope,
        parent.amount_kind,
        parent.amount_yuan as expected_yuan,
        parts.parts_yuan as actual_yuan,
        parts.addend_count,
        {{ rounding_tolerance('parts.parts_rounding_yuan', printed_rounding_yuan('parent.amount_yuan', 'parent.reported_amount', 'parent.reported_unit')) }}
            as tolerance_yuan,
        unread.table_number is not null as has_unread_amounts,
        {{ comparison_detail(
            "'The income ' || parent.income_source || coalesce(' of subject ' || parent.functional_subject_code, '')",
            "'its printed parts add up to'",
            'parent.amount_yuan', 'parts.parts_yuan',
            rounding_tolerance('parts.parts_rounding_yuan', printed_rounding_yuan('parent.amount_yuan', 'parent.reported_amount', 'parent.reported_unit')),
            'parent.place', 'parts.parts_locator'
        ) }} as detail,
        parent.place as expected_source_locator,
        parent.source_text as expected_source_text,
        parts.parts_locator as actual_source_locator,
        parts.parts_text as actual_source_text,
        list_prepend(parent.income_line_item_id, parts.part_ids) as fact_ids
    from placed as parent
    inner join parts
        on parent.document_id = parts.document_id
        and parent.table_number = parts.table_number
        and parent.functional_subject_code is not distinct from parts.functional_subject_code
        and parent.unit_name is not distinct from parts.unit_name
        and parent.amount_kind = parts.amount_kind
        and parent.income_source = parts.parent_income_source
    left join tables_with_unread_amounts as unread
        on parent.document_id = unread.document_id
        and parent.table_number = unread.table_number

),

stated as (

    select *
    from reported_totals
    where measure in ('income_total', 'grand_total', 'carry_over_income', 'carry_forward')
        and fund_source = 'all'
    qualify row_number() over (
        partition by document_id, amount_kind, measure
        order by case when extraction_method = 'table' then 0 else 1 end, source_locator
    ) = 1

),

stated_by_document as (

    select
        document_id,
        amount_kind,
        bool_or(measure = 'income_total') as states_income_total,
        bool_or(measure in ('carry_over_income', 'carry_forward')) as states_carry_over
    from stated
    group by document_id, amount_kind

),

income_totals as (

    select
        income.*,
        case
            when income.income_source = 'grand_total' then 'grand_total'
            when by_document.states_income_total then 'income_total'
            when not coalesce(by_document.states_carry_over, false) then 'grand_total'
        end as compared_measure,
        income.income_source = 'total' and not coalesce(by_document.states_income_total, false)
            as is_fallback
    from income_line_items as income
    left join stated_by_document as by_document
        on income.document_id = by_document.document_id
        and income.amount_kind = by_document.amount_kind
    where income.functional_subject_code is null
        and income.unit_name is null  -- a unit's total is not the department's
        and income.income_source in ('total', 'grand_total')

),

total_checked as (

    select
        income.document_id,
        'INC-TOTAL' as rule_id,
        concat_ws('|', income.amount_kind, income.income_source, income.source_locator) as check_key,
        '收入表合计 = 收支总表' || case stated.measure when 'income_total' then '本年收入合计' else '收支总计' end
            as check_name,
        'income table ' || income.income_source || ' vs stated ' || stated.measure as scope,
        income.amount_kind,
        stated.amount_yuan as expected_yuan,
        income.amount_yuan as actual_yuan,
        1 as addend_count,
        {{ rounding_tolerance(printed_rounding_yuan('income.amount_yuan', 'income.reported_amount', 'income.reported_unit'),
                              printed_rounding_yuan('stated.amount_yuan', 'stated.reported_amount', 'stated.reported_unit')) }}
            as tolerance_yuan,
        income.is_fallback as has_unread_amounts,
        {{ comparison_detail(
            "'The stated ' || " ~ measure_label('stated.measure'),
            "'the income table''s ' || income.income_source || ' is'",
            'stated.amount_yuan', 'income.amount_yuan',
            rounding_tolerance(printed_rounding_yuan('income.amount_yuan', 'income.reported_amount', 'income.reported_unit'),
                               printed_rounding_yuan('stated.amount_yuan', 'stated.reported_amount', 'stated.reported_unit')),
            'stated.source_locator', 'income.source_locator'
        ) }} as detail,
        stated.source_locator as expected_source_locator,
        stated.source_text as expected_source_text,
        income.source_locator as actual_source_locator,
        income.source_text as actual_source_text,
        [stated.reported_total_id, income.income_line_item_id] as fact_ids
    from income_totals as income
    inner join stated
        on income.document_id = stated.document_id
        and income.amount_kind = stated.amount_kind
        and income.compared_measure = stated.measure
    where stated.source_locator <> income.source_locator  -- never a cell against itself

),

unioned as (

    select * from parts_checked
    union all by name
    select * from total_checked

),

final as (

    select
        {{- audit_row_columns({
            'expense_type': 'cast(null as varchar)',
            'fund_source': 'cast(null as varchar)',
            'difference_yuan': 'actual_yuan - expected_yuan',
            'status': "case when has_unread_amounts and abs(actual_yuan - expected_yuan) > tolerance_yuan "
                      "then 'unverified' else " ~ reconciliation_status('actual_yuan - expected_yuan', 'tolerance_yuan') ~ " end",
        }) }}
    from unioned

)

select * from final
