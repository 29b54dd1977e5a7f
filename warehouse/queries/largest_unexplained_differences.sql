-- The largest unexplained differences: failing checks ranked by size, with both sides' evidence.
select agency_name, fiscal_year, source_file, rule_id, scope,
       expected_yuan / 10000 as expected_wan_yuan,
       actual_yuan / 10000 as actual_wan_yuan,
       difference_yuan / 10000 as difference_wan_yuan,
       detail,
       expected_source_locator, expected_source_text,
       actual_source_locator, actual_source_text
from marts.audit_reconciliation
where status = 'fail' and difference_yuan is not null
order by abs(difference_yuan) desc
limit 50;
