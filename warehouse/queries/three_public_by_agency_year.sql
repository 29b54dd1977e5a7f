-- "三公" expenses by agency, year, category and amount kind, with where each figure was printed.
select a.agency_name, t.fiscal_year, t.doc_kind, t.category, t.amount_kind, t.amount_yuan,
       t.source_locator, t.source_text
from marts.fct_three_public_expense as t
join marts.dim_agency as a using (agency_id)
order by a.agency_name, t.fiscal_year, t.category, t.amount_kind;
