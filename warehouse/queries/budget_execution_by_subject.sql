-- "How much of its budget did this department actually spend, by subject?"
-- Budget against actual per agency, year and functional subject: the budget document's figure (else the
-- 预算数 the final account prints), the actual, the execution rate, and where each side was printed.
-- Narrow it with e.g. `and e.agency_name = '上海市普陀区财政局' and e.fiscal_year = 2024`.
select e.agency_name, e.fiscal_year, e.functional_subject_code, e.subject_name, e.fund_source,
       e.reference_budget_yuan / 10000 as budget_wan_yuan,
       e.reference_budget_basis,
       e.actual_yuan / 10000 as actual_wan_yuan,
       e.execution_rate,
       e.sides_present, e.missing_side_reason,
       e.budget_source_locator, e.final_account_budget_source_locator, e.actual_source_locator
from marts.fct_budget_execution as e
where e.subject_kind = 'functional' and e.expense_type = 'total'
  and e.final_account_document_id is not null
order by e.agency_name, e.fiscal_year, e.fund_source, e.functional_subject_code;
