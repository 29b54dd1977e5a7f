{#-
    Every figure that can take part in a budget-against-actual comparison, one row per printed figure,
    labelled with its side:
    - `budget_document`: the budget (部门预算) document's 预算数;
    - `final_account_budget`: the 预算数 a final account prints itself (年初 or 调整 budget, as printed);
    - `actual`: the final account's 决算数.
    Figures are line items (by functional and/or economic subject), stated totals (measures such as
    本年支出合计, 基本支出, 机关运行经费) and 三公 categories (measure three_public_<category>).
    execution_key identifies the comparable line: agency × fiscal year × subject or measure × expense
    type × fund source. Prior-year columns of a budget are not a side: they belong to another year.
-#}

with

documents as (

    select * from {{ ref('int_documents_scoped') }}

),

line_items as (

    select * from {{ ref('int_line_items_resolved') }}

),

reported_totals as (

    select * from {{ ref('int_reported_totals_identified') }}

),

three_public_expenses as (

    select * from {{ ref('int_three_public_expenses_identified') }}

),

figures as (

    select
        line_item_id as fact_id,
        document_id,
        case
            when functional_subject_code is not null and economic_subject_code is not null
                then 'functional_economic'
            when functional_subject_code is not null then 'functional'
            else 'economic'
        end as subject_kind,
        functional_subject_code,
        economic_subject_code,
        cast(null as varchar) as measure,
        coalesce(subject_name, reference_subject_name) as subject_name,
        expense_type,
        fund_source,
        amount_kind,
        amount_yuan,
        source_locator,
        source_text,
        extraction_method
    from line_items

    union all

    select
        reported_total_id as fact_id,
        document_id,
        'measure' as subject_kind,
        null as functional_subject_code,
        null as economic_subject_code,
        measure,
        {{ measure_label('measure') }} as subject_name,
        'total' as expense_type,
        fund_source,
        amount_kind,
        amount_yuan,
        source_locator,
        source_text,
        extraction_method
    from reported_totals
    where measure in (
        'expenditure_total', 'basic_expenditure', 'project_expenditure', 'personnel_expenditure',
        'public_expenditure', 'office_operation_expense', 'general_public_budget_expenditure',
        'government_fund_expenditure', 'fiscal_appropriation_expenditure', 'procurement_total'
    )

    union all

    select
        three_public_expense_id as fact_id,
        document_id,
        'measure' as subject_kind,
        null as functional_subject_code,
        null as economic_subject_code,
        'three_public_' || category as measure,
        {{ three_public_category_label('category') }} as subject_name,
        'total' as expense_type,
        'all' as fund_source,
        amount_kind,
        amount_yuan,
        source_locator,
        source_text,
        extraction_method
    from three_public_expenses

),

sided as (

    select
        figures.*,
        documents.agency_id,
        documents.fiscal_year,
        documents.doc_kind,
        documents.document_scope,
        case
            when documents.doc_kind = 'budget' and figures.amount_kind = 'budget' then 'budget_document'
            when documents.doc_kind = 'final_account' and figures.amount_kind = 'budget'
                then 'final_account_budget'
            when documents.doc_kind = 'final_account' and figures.amount_kind = 'actual' then 'actual'
        end as side
    from figures
    inner join documents
        on figures.document_id = documents.document_id

),

final as (

    select
        {{ short_hash(['agency_id', 'fiscal_year', 'subject_kind', 'functional_subject_code',
                       'economic_subject_code', 'measure', 'expense_type', 'fund_source']) }} as execution_key,
        *
    from sided
    where side is not null

)

select * from final
