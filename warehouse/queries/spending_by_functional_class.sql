-- Spending by functional class (类, 3-digit code) across agencies and years, in 万元.
-- One figure per document and class: all funds where the document prints them, else its general budget.
select a.agency_name, f.fiscal_year, f.doc_kind, f.amount_kind, f.fund_source,
       f.functional_subject_code, f.subject_name, f.amount_yuan / 10000 as amount_wan_yuan
from marts.fct_line_item as f
join marts.dim_agency as a using (agency_id)
where length(f.functional_subject_code) = 3 and f.economic_subject_code is null
  and f.expense_type = 'total' and f.fund_source in ('all', 'general_public_budget')
  and f.amount_kind in ('budget', 'actual')
qualify row_number() over (
    partition by f.document_id, f.functional_subject_code, f.amount_kind
    order by f.fund_source = 'all' desc, f.extraction_method = 'table' desc
) = 1
order by a.agency_name, f.fiscal_year, f.functional_subject_code;
