{#-
    The audit row of a ratio check (int_ratio_*_checks_evaluated): the stated side is a percentage,
    so the amount columns are null (typed, for the union), the percent columns are filled and the
    tolerance_yuan is the per-amount allowance (rounding_tolerance_yuan_per_addend: the stated ratios
    carry no printed precision of their figures) times the amounts the percentage was recomputed from.
-#}
{% macro ratio_audit_row_columns() -%}
    {{ amountless_audit_row_columns({
        'addend_count': 'cast(addend_count as bigint)',
        'tolerance_yuan': rounding_tolerance('addend_count * ' ~ var('rounding_tolerance_yuan_per_addend', 100)),
        'expected_percent': 'cast(expected_percent as decimal(24, 6))',
    }, percents=true) }}
{%- endmacro %}
