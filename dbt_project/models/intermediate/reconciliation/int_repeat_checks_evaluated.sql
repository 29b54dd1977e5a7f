{#-
    Rule family `repeat` (REP-FIGURE; what it says is in the reconciliation_rules seed): copies of the
    same stated total, the same line (document × subjects × expense type × fund source × amount kind)
    or the same 三公 category. The first copy (table before prose, then by locator) is the reference;
    every other copy is one check against it. Copies ingestion already merged (other_source_locators)
    were equal and are not repeated here. Copies of one printed precision must agree to the digit
    (macro same_figure_tolerance). A line printed in two different tables is XTAB-SUBJECT's
    (int_cross_table_checks_evaluated), which holds copies of one precision to the digit.
-#}

with

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

reported_totals as (

    select * from {{ ref('int_reported_totals_identified') }}

),

three_public_expenses as (

    select * from {{ ref('int_three_public_expenses_identified') }}

),

copies as (

    select
        document_id,
        'stated' as figure_kind,
        concat_ws('|', measure, amount_kind, fund_source) as figure_key,
        {{ measure_label('measure') }} || '（' || {{ fund_source_label('fund_source') }} || '，'
            || {{ amount_kind_label('amount_kind') }} || '）' as figure_label,
        amount_kind,
        cast(null as varchar) as expense_type,
        fund_source,
        reported_total_id as fact_id,
        amount_yuan,
        source_locator,
        source_text,
        extraction_method,
        {{ printed_rounding_yuan() }} as rounding_yuan
    from reported_totals

    union all

    select
        document_id,
        'line' as figure_kind,
        concat_ws('|', coalesce(functional_subject_code, ''), coalesce(economic_subject_code, ''),
            expense_type, fund_source, amount_kind) as figure_key,
        'line ' || concat_ws(' × ', functional_subject_code, economic_subject_code) || ' '
            || {{ grouping_label('amount_kind', 'expense_type', 'fund_source') }} as figure_label,
        amount_kind,
        expense_type,
        fund_source,
        line_item_id as fact_id,
        amount_yuan,
        source_locator,
        source_text,
        extraction_method,
        {{ printed_rounding_yuan() }} as rounding_yuan
    from line_items

    union all

    select
        document_id,
        'three_public' as figure_kind,
        concat_ws('|', category, amount_kind) as figure_key,
        {{ three_public_category_label('category') }} || '（' || {{ amount_kind_label('amount_kind') }} || '）'
            as figure_label,
        amount_kind,
        cast(null as varchar) as expense_type,
        cast(null as varchar) as fund_source,
        three_public_expense_id as fact_id,
        amount_yuan,
        source_locator,
        source_text,
        extraction_method,
        {{ printed_rounding_yuan() }} as rounding_yuan
    from three_public_expenses

),

ranked as (

    select
        *,
        row_number() over (
            partition by document_id, figure_kind, figure_key
            order by case when extraction_method = 'table' then 0 else 1 end, source_locator, fact_id
        ) as copy_number,
        {#- the check key names a copy by its place, not by its fact id: a line item's id hashes its amount,
            and a review must find its check again when a re-read changes the figure (it is reopened) #}
        row_number() over (
            partition by document_id, figure_kind, figure_key, source_locator order by fact_id
        ) as copy_at_locator
    from copies
    where amount_yuan is not null

),

final as (

    select
        copy.document_id,
        'REP-FIGURE' as rule_id,
        concat_ws('|', copy.figure_kind, copy.figure_key, copy.source_locator, copy.copy_at_locator) as check_key,
        'same figure printed twice' as check_name,
        copy.figure_label as scope,
        copy.amount_kind,
        copy.expense_type,
        copy.fund_source,
        reference.amount_yuan as expected_yuan,
        copy.amount_yuan as actual_yuan,
        copy.amount_yuan - reference.amount_yuan as difference_yuan,
        1 as addend_count,
        {{ same_figure_tolerance('copy.rounding_yuan', 'reference.rounding_yuan') }} as tolerance_yuan,
        {{ reconciliation_status('copy.amount_yuan - reference.amount_yuan', same_figure_tolerance('copy.rounding_yuan', 'reference.rounding_yuan')) }} as status,
        {{ comparison_detail(
            "copy.figure_label || ' as first printed (in ' || case reference.extraction_method when 'table' then 'a table' else 'prose' end || ')'",
            "'the copy printed in ' || case copy.extraction_method when 'table' then 'a table' else 'prose' end || ' is'",
            'reference.amount_yuan', 'copy.amount_yuan', same_figure_tolerance('copy.rounding_yuan', 'reference.rounding_yuan'),
            'reference.source_locator', 'copy.source_locator'
        ) }} as detail,
        reference.source_locator as expected_source_locator,
        reference.source_text as expected_source_text,
        copy.source_locator as actual_source_locator,
        copy.source_text as actual_source_text,
        [reference.fact_id, copy.fact_id] as fact_ids
    from ranked as copy
    inner join ranked as reference
        on {{ columns_equal('copy', 'reference', ['document_id', 'figure_kind', 'figure_key']) | indent(8) }}
        and reference.copy_number = 1
    where copy.copy_number > 1
        and not (
            copy.figure_kind = 'line'
            and copy.extraction_method = 'table'
            and reference.extraction_method = 'table'
            and regexp_extract(copy.source_locator, '(?:^|\s)t(\d+)', 1) <> ''
            and regexp_extract(reference.source_locator, '(?:^|\s)t(\d+)', 1) <> ''
            and regexp_extract(copy.source_locator, '(?:^|\s)t(\d+)', 1)
                <> regexp_extract(reference.source_locator, '(?:^|\s)t(\d+)', 1)
        )

)

select * from final
