{#-
    The projection every rule family ends with: the audit row's columns in their one order
    (int_reconciliation_checks_unioned stacks the families by name; the mart keeps this order).
    Each rule model states only what is specific to it: `overrides` maps a column to its SQL
    expression (`expr as column`); a column not overridden is selected as is. `percents` adds the
    percent columns (the ratio family). Written once so that a family cannot drift from the shape.
-#}
{% macro audit_row_columns(overrides={}, percents=false) -%}
    {%- set columns = [
        'document_id', 'rule_id', 'check_key', 'check_name', 'scope',
        'amount_kind', 'expense_type', 'fund_source',
        'expected_yuan', 'actual_yuan', 'difference_yuan', 'addend_count', 'tolerance_yuan',
    ] + ([
        'expected_percent', 'actual_percent', 'difference_percent', 'tolerance_percent',
    ] if percents else []) + [
        'status', 'detail',
        'expected_source_locator', 'expected_source_text', 'actual_source_locator', 'actual_source_text',
        'fact_ids',
    ] -%}
    {%- for column in overrides if column not in columns -%}
        {{ exceptions.raise_compiler_error("audit_row_columns: unknown column '" ~ column ~ "'") }}
    {%- endfor -%}
    {%- for column in columns %}
        {{ overrides[column] ~ ' as ' ~ column if column in overrides else column }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
