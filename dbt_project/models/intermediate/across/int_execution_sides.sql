{#-
    Every figure that can take part in a budget-against-actual comparison, one row per printed figure,
    labelled with its side:
    - `budget_document`: the budget (部门预算) document's 预算数;
    - `final_account_budget`: the 预算数 a final account prints itself (年初 or 调整 budget, as printed);
    - `actual`: the final account's 决算数.
    Figures are line items (by functional and/or economic subject), stated totals (measures such as
    本年支出合计, 基本支出, 机关运行经费; expense type total) and 三公 categories (measure
    three_public_<category>, expense type total, all funds).
    execution_key identifies the comparable line: agency × fiscal year × subject or measure × expense
    type × fund source. Prior-year columns of a budget are not a side: they belong to another year.
-#}

with

documents as (

    select * from {{ ref('int_documents_scoped') }}
    where {{ agencies_to_build() }}

),

amounts as (

    select * from {{ ref('int_figures_unioned') }}

),

sided as (

    select
        amounts.fact_id,
        amounts.document_id,
        case
            when amounts.fact_kind <> 'line_item' then 'measure'
            when amounts.functional_subject_code is not null and amounts.economic_subject_code is not null
                then 'functional_economic'
            when amounts.functional_subject_code is not null then 'functional'
            else 'economic'
        end as subject_kind,
        amounts.functional_subject_code,
        amounts.economic_subject_code,
        case amounts.fact_kind
            when 'reported_total' then amounts.measure
            when 'three_public_expense' then 'three_public_' || amounts.category
        end as measure,
        case amounts.fact_kind
            when 'line_item' then coalesce(amounts.subject_name, amounts.reference_subject_name)
            when 'reported_total' then {{ measure_label('amounts.measure') }}
            else {{ three_public_category_label('amounts.category') }}
        end as subject_name,
        case when amounts.fact_kind = 'line_item' then amounts.expense_type else 'total' end as expense_type,
        case when amounts.fact_kind = 'three_public_expense' then 'all' else amounts.fund_source end as fund_source,
        amounts.amount_kind,
        amounts.amount_yuan,
        amounts.source_locator,
        amounts.source_text,
        amounts.extraction_method,
        documents.agency_id,
        documents.fiscal_year,
        documents.doc_kind,
        documents.document_scope,
        case
            when documents.doc_kind = 'budget' and amounts.amount_kind = 'budget' then 'budget_document'
            when documents.doc_kind = 'final_account' and amounts.amount_kind = 'budget'
                then 'final_account_budget'
            when documents.doc_kind = 'final_account' and amounts.amount_kind = 'actual' then 'actual'
        end as side
    from amounts
    inner join documents
        on amounts.document_id = documents.document_id
    -- the stated totals a budget and a final account can both print
    where amounts.fact_kind <> 'reported_total'
        or amounts.measure in (
            'expenditure_total', 'basic_expenditure', 'project_expenditure', 'personnel_expenditure',
            'public_expenditure', 'office_operation_expense', 'general_public_budget_expenditure',
            'government_fund_expenditure', 'fiscal_appropriation_expenditure', 'procurement_total'
        )

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
