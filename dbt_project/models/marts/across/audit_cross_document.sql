{#-
    Findings that only appear when documents are read together, one row per check in the shape of
    audit_reconciliation (rule id and label from the cross_document_rules seed, status pass /
    rounding / fail, both sides' documents, locators and snippets):
    - XDOC-PRINTED-BUDGET: the 预算数 a final account prints against the budget document's figure for
      the same line (expected = budget document, actual = final account);
    - XDOC-CONFLICT: one side printing two different figures for one line (always fail);
    - XDOC-SCOPE: a budget and a final account of one agency and year covering different scopes.
-#}

with

execution as (

    select * from {{ ref('fct_budget_execution') }}

),

figures as (

    select * from {{ ref('int_execution_side_figures') }}

),

documents as (

    select * from {{ ref('int_documents_scoped') }}

),

rules as (

    select * from {{ ref('cross_document_rules') }}

),

line_label as (

    select
        execution_id,
        concat_ws(' ',
            coalesce(measure, concat_ws('×', functional_subject_code, economic_subject_code)),
            subject_name, expense_type, fund_source
        ) as scope
    from execution

),

printed_budget_checks as (

    select
        execution.execution_id as check_key,
        'XDOC-PRINTED-BUDGET' as rule_id,
        execution.agency_id,
        execution.fiscal_year,
        line_label.scope,
        execution.budget_yuan as expected_yuan,
        execution.final_account_budget_yuan as actual_yuan,
        cast(execution.final_account_budget_yuan - execution.budget_yuan as decimal(20, 2)) as difference_yuan,
        {{ rounding_tolerance(1) }} as tolerance_yuan,
        execution.budget_document_id as expected_document_id,
        execution.budget_source_locator as expected_source_locator,
        execution.budget_source_text as expected_source_text,
        execution.final_account_document_id as actual_document_id,
        execution.final_account_budget_source_locator as actual_source_locator,
        execution.final_account_budget_source_text as actual_source_text,
        'The final account prints a 预算数 of ' || {{ format_wan('execution.final_account_budget_yuan') }}
            || '万元 for ' || line_label.scope || ' (' || execution.final_account_budget_source_locator
            || '); the budget document printed ' || {{ format_wan('execution.budget_yuan') }} || '万元 ('
            || execution.budget_source_locator || ').' as detail,
        {{ reconciliation_status('execution.final_account_budget_yuan - execution.budget_yuan',
                                 rounding_tolerance(1)) }} as status
    from execution
    inner join line_label
        on execution.execution_id = line_label.execution_id
    where execution.budget_yuan is not null
        and execution.final_account_budget_yuan is not null

),

conflict_checks as (

    select
        figures.execution_key || ':' || figures.side as check_key,
        'XDOC-CONFLICT' as rule_id,
        figures.agency_id,
        figures.fiscal_year,
        line_label.scope || ' (' || figures.side || ')' as scope,
        null::decimal(20, 2) as expected_yuan,
        null::decimal(20, 2) as actual_yuan,
        null::decimal(20, 2) as difference_yuan,
        null::decimal(20, 2) as tolerance_yuan,
        figures.document_id as expected_document_id,
        figures.source_locator as expected_source_locator,
        figures.source_text as expected_source_text,
        null as actual_document_id,
        null as actual_source_locator,
        null as actual_source_text,
        'The ' || figures.side || ' side prints ' || figures.value_count || ' different figures for '
            || line_label.scope || ': ' || figures.printed_values
            || '. The execution mart leaves this amount out.' as detail,
        'fail' as status
    from figures
    inner join line_label
        on figures.execution_key = line_label.execution_id
    where figures.value_count > 1

),

scope_pairs as (

    select
        budgets.agency_id,
        budgets.fiscal_year,
        budgets.document_id as budget_document_id,
        budgets.document_scope as budget_scope,
        budgets.scope_basis as budget_scope_basis,
        accounts.document_id as final_account_document_id,
        accounts.document_scope as final_account_scope,
        accounts.scope_basis as final_account_scope_basis
    from documents as budgets
    inner join documents as accounts
        on budgets.agency_id = accounts.agency_id
        and budgets.fiscal_year = accounts.fiscal_year
        and budgets.doc_kind = 'budget'
        and accounts.doc_kind = 'final_account'

),

scope_checks as (

    select
        budget_document_id || ':' || final_account_document_id as check_key,
        'XDOC-SCOPE' as rule_id,
        agency_id,
        fiscal_year,
        budget_scope || ' / ' || final_account_scope as scope,
        null::decimal(20, 2) as expected_yuan,
        null::decimal(20, 2) as actual_yuan,
        null::decimal(20, 2) as difference_yuan,
        null::decimal(20, 2) as tolerance_yuan,
        budget_document_id as expected_document_id,
        null as expected_source_locator,
        null as expected_source_text,
        final_account_document_id as actual_document_id,
        null as actual_source_locator,
        null as actual_source_text,
        'The budget document covers the ' || budget_scope || ' scope (' || budget_scope_basis
            || ') and the final account the ' || final_account_scope || ' scope ('
            || final_account_scope_basis || ').' as detail,
        case when budget_scope = final_account_scope then 'pass' else 'fail' end as status
    from scope_pairs

),

checks as (

    select * from printed_budget_checks
    union all
    select * from conflict_checks
    union all
    select * from scope_checks

),

final as (

    select
        {{ short_hash(['checks.rule_id', 'checks.check_key']) }} as check_id,
        checks.agency_id,
        agencies.agency_name,
        checks.fiscal_year,
        checks.rule_id,
        rules.rule_label,
        rules.rule_family,
        rules.severity,
        checks.scope,
        checks.expected_yuan,
        checks.actual_yuan,
        checks.difference_yuan,
        checks.tolerance_yuan,
        checks.status,
        checks.status = 'fail' as is_finding,
        case when checks.status = 'fail' then rules.finding_kind end as finding_kind,
        checks.detail,
        checks.expected_document_id,
        checks.expected_source_locator,
        checks.expected_source_text,
        checks.actual_document_id,
        checks.actual_source_locator,
        checks.actual_source_text
    from checks
    left join rules
        on checks.rule_id = rules.rule_id
    left join {{ ref('int_agencies_resolved') }} as agencies
        on checks.agency_id = agencies.agency_id

)

select * from final
