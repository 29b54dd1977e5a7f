{#-
    Budget against actual: one row per agency × fiscal year × subject (functional, economic, both) or
    measure (本年支出合计, 基本支出, 机关运行经费, 三公 …) × expense type × fund source, with the budget
    document's figure, the 预算数 the final account prints itself, the final account's actual, each with
    its document and locator.

    reference_budget_yuan is the budget document's figure, else the final account's printed 预算数
    (reference_budget_basis says which). difference_yuan = actual − reference budget; execution_rate =
    actual / reference budget, left out when either side is missing or ambiguous, the budget is zero, or
    the two documents cover different scopes (部门 vs 单位). sides_present says which sides exist and
    missing_side_reason why one is absent (no such document in the warehouse, or the document does not
    print this line). Agencies are joined by agency_id: a better agency identity changes values only.
-#}

with

figures as (

    select * from {{ ref('int_execution_side_figures') }}
    where {{ agencies_to_build() }}

),

documents as (

    select * from {{ ref('int_documents_scoped') }}
    where {{ agencies_to_build() }}

),

agencies as (

    select * from {{ ref('int_agencies_resolved') }}
    where {{ agencies_to_build() }}

),

published as (

    select
        agency_id,
        fiscal_year,
        bool_or(doc_kind = 'budget') as has_budget_document,
        bool_or(doc_kind = 'final_account') as has_final_account
    from documents
    group by agency_id, fiscal_year

),

lines as (

    select
        execution_key,
        {{ execution_key_attributes() | indent(8) }},
        -- the name as the final account prints it, else as the budget prints it
        arg_min(subject_name, case side when 'actual' then 0 when 'final_account_budget' then 1 else 2 end)
            filter (where subject_name is not null) as subject_name
    from figures
    group by execution_key

),

budget_side as (select * from figures where side = 'budget_document'),

printed_budget_side as (select * from figures where side = 'final_account_budget'),

actual_side as (select * from figures where side = 'actual'),

joined as (

    select
        lines.*,
        budget_side.amount_yuan as budget_yuan,
        budget_side.value_count as budget_value_count,
        budget_side.document_id as budget_document_id,
        budget_side.document_scope as budget_scope,
        budget_side.source_locator as budget_source_locator,
        budget_side.source_text as budget_source_text,
        printed_budget_side.amount_yuan as final_account_budget_yuan,
        printed_budget_side.value_count as final_account_budget_value_count,
        printed_budget_side.source_locator as final_account_budget_source_locator,
        printed_budget_side.source_text as final_account_budget_source_text,
        actual_side.amount_yuan as actual_yuan,
        actual_side.value_count as actual_value_count,
        coalesce(actual_side.document_id, printed_budget_side.document_id) as final_account_document_id,
        coalesce(actual_side.document_scope, printed_budget_side.document_scope) as final_account_scope,
        actual_side.source_locator as actual_source_locator,
        actual_side.source_text as actual_source_text,
        coalesce(published.has_budget_document, false) as has_budget_document,
        coalesce(published.has_final_account, false) as has_final_account
    from lines
    left join budget_side
        on lines.execution_key = budget_side.execution_key
    left join printed_budget_side
        on lines.execution_key = printed_budget_side.execution_key
    left join actual_side
        on lines.execution_key = actual_side.execution_key
    left join published
        on lines.agency_id = published.agency_id
        and lines.fiscal_year = published.fiscal_year

),

compared as (

    select
        *,
        coalesce(budget_yuan, final_account_budget_yuan) as reference_budget_yuan,
        case
            when budget_yuan is not null then 'budget_document'
            when final_account_budget_yuan is not null then 'final_account_printed'
        end as reference_budget_basis,
        budget_value_count is not null or final_account_budget_value_count is not null as has_budget_side,
        actual_value_count is not null as has_actual_side,
        coalesce(budget_value_count, 0) > 1
            or coalesce(final_account_budget_value_count, 0) > 1
            or coalesce(actual_value_count, 0) > 1 as has_conflicting_figures,
        budget_scope is null or final_account_scope is null or budget_scope = final_account_scope
            as is_same_scope
    from joined

),

final as (

    select
        compared.execution_key as execution_id,
        compared.agency_id,
        agencies.agency_name,
        compared.fiscal_year,
        compared.subject_kind,
        compared.functional_subject_code,
        compared.economic_subject_code,
        compared.measure,
        compared.subject_name,
        compared.expense_type,
        compared.fund_source,
        compared.budget_yuan,
        compared.budget_document_id,
        compared.budget_source_locator,
        compared.budget_source_text,
        compared.final_account_budget_yuan,
        compared.final_account_budget_source_locator,
        compared.final_account_budget_source_text,
        compared.actual_yuan,
        compared.final_account_document_id,
        compared.actual_source_locator,
        compared.actual_source_text,
        compared.reference_budget_yuan,
        compared.reference_budget_basis,
        case
            when compared.is_same_scope
                then cast(compared.actual_yuan - compared.reference_budget_yuan as decimal(20, 2))
        end as difference_yuan,
        case
            when compared.is_same_scope and compared.reference_budget_yuan <> 0
                then cast(round(compared.actual_yuan / compared.reference_budget_yuan, 4) as decimal(12, 4))
        end as execution_rate,
        case
            when compared.has_budget_side and compared.has_actual_side then 'both'
            when compared.has_budget_side then 'budget_only'
            else 'actual_only'
        end as sides_present,
        case
            when compared.has_budget_side and compared.has_actual_side then null
            when compared.has_actual_side and not compared.has_budget_document
                then 'no budget document of this agency and year in the warehouse'
            when compared.has_actual_side
                then 'the budget document does not print this line'
            when not compared.has_final_account
                then 'no final account of this agency and year in the warehouse'
            else 'the final account does not print an actual for this line'
        end as missing_side_reason,
        compared.has_conflicting_figures,
        compared.budget_scope,
        compared.final_account_scope,
        compared.is_same_scope
    from compared
    left join agencies
        on compared.agency_id = agencies.agency_id

)

select * from final
