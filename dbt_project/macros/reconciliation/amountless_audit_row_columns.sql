{#-
    The audit row of a check that compares no printed amounts within a yuan tolerance (the structure and
    ratio families): the amount columns are null, typed for the union. `overrides` states what the
    family does fill (a contradicting amount, the ratio's allowance, its fact ids); `percents` as in
    audit_row_columns.
-#}
{% macro amountless_audit_row_columns(overrides={}, percents=false) -%}
    {%- set columns = {
        'amount_kind': 'cast(null as varchar)',
        'expense_type': 'cast(null as varchar)',
        'fund_source': 'cast(null as varchar)',
        'expected_yuan': 'cast(null as decimal(20, 2))',
        'actual_yuan': 'cast(null as decimal(20, 2))',
        'difference_yuan': 'cast(null as decimal(20, 2))',
        'addend_count': 'cast(null as bigint)',
        'tolerance_yuan': 'cast(null as decimal(20, 2))',
    } -%}
    {%- do columns.update(overrides) -%}
    {{ audit_row_columns(columns, percents=percents) }}
{%- endmacro %}
