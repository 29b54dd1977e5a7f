{#-
    The audit columns of a check on one printed percentage (int_ratio_*_checks_evaluated): every rule of
    the family reports the stated ratio (percent, subject, sentence, locator) the same way and differs
    only in its rule, name, recomputed percentages, addend count, status and detail, so those are the
    arguments; the detail is the body of the call block. The percentages default to null (not
    recomputed); `actual_source_locator` to where the ratio's figures are printed.
-#}
{% macro stated_ratio_check_columns(
    rule_id,
    check_name,
    addend_count,
    status,
    actual_percent='cast(null as decimal(24, 6))',
    difference_percent='cast(null as decimal(24, 6))',
    tolerance_percent='cast(null as decimal(24, 6))',
    actual_source_locator='coalesce(figures_locator, source_locator)'
) %}
        document_id,
        {{ rule_id }} as rule_id,
        stated_ratio_id as check_key,
        {{ check_name }} as check_name,
        subject as scope,
        percent as expected_percent,
        {{ actual_percent }} as actual_percent,
        {{ difference_percent }} as difference_percent,
        {{ tolerance_percent }} as tolerance_percent,
        {{ addend_count }} as addend_count,
        {{ status }} as status,
        {{ caller() | trim }} as detail,
        source_locator as expected_source_locator,
        source_text as expected_source_text,
        {{ actual_source_locator }} as actual_source_locator,
        source_text as actual_source_text,
        [stated_ratio_id] as fact_ids
{%- endmacro %}
