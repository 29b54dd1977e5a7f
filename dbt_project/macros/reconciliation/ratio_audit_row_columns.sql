{#-
    The audit row of a ratio check (int_ratio_*_checks_evaluated): the stated side is a percentage,
    so the amount columns are null (typed, for the union), the percent columns are filled and the
    tolerance_yuan is the per-amount allowance (rounding_tolerance_yuan_per_addend: the stated ratios
    carry no printed precision of their figures) times the amounts the percentage was recomputed from.
-#}
{% macro ratio_audit_row_columns() -%}
    {{ audit_row_columns({
        'amount_kind': 'cast(null as varchar)',
        'expense_type': 'cast(null as varchar)',
        'fund_source': 'cast(null as varchar)',
        'expected_yuan': 'cast(null as decimal(20, 2))',
        'actual_yuan': 'cast(null as decimal(20, 2))',
        'difference_yuan': 'cast(null as decimal(20, 2))',
        'addend_count': 'cast(addend_count as bigint)',
        'tolerance_yuan': rounding_tolerance('addend_count * ' ~ var('rounding_tolerance_yuan_per_addend', 100)),
        'expected_percent': 'cast(expected_percent as decimal(24, 6))',
    }, percents=true) }}
{%- endmacro %}
