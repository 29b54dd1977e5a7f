{#-
    The audit row of a sum check (parts → whole, children → parent) built by parts_whole_checks or
    hierarchy_checks: their expected/actual/difference/tolerance/status and source columns pass
    through, the detail is comparison_detail of `stated` (the whole) and `computed` (what its addends
    add up to, ending with its verb), and the facts are the whole's followed by its addends'.
    `overrides` as in audit_row_columns (check_key, check_name, scope, …).
-#}
{% macro sum_check_columns(stated, computed, overrides={}) -%}
    {%- set columns = {
        'detail': comparison_detail(
            stated, computed, 'expected_yuan', 'actual_yuan', 'tolerance_yuan',
            'expected_source_locator', 'actual_source_locator'
        ),
        'fact_ids': 'list_prepend(expected_fact_id, actual_fact_ids)',
    } -%}
    {%- do columns.update(overrides) -%}
    {{ audit_row_columns(columns) }}
{%- endmacro %}
