-- "How did 三公 spending move over the years?"
-- 三公 by category per agency and year (budget documents: 预算数; final accounts: 决算数), with the
-- year-on-year change where both years come from documents of the same scope (部门 vs 单位) and the
-- years are consecutive; `comparability` says why a change is missing.
select m.agency_name, m.doc_kind, m.measure_label, m.fiscal_year,
       m.amount_yuan / 10000 as amount_wan_yuan,
       m.previous_fiscal_year, m.yoy_change_yuan / 10000 as yoy_change_wan_yuan, m.yoy_change_rate,
       m.comparability, m.document_scope, m.source_locator
from marts.fct_agency_year_measure as m
where m.measure like 'three\_public\_%' escape '\'
order by m.agency_name, m.doc_kind, m.measure, m.fiscal_year;
