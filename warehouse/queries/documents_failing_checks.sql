-- Which documents fail which checks: one row per document and rule, with the number of failing scopes.
select agency_name, fiscal_year, doc_kind, source_file, rule_id, rule_label,
       count(*) as failing_checks,
       max(abs(difference_yuan)) / 10000 as largest_difference_wan_yuan
from marts.audit_reconciliation
where status = 'fail'
group by all
order by failing_checks desc, largest_difference_wan_yuan desc nulls last;
