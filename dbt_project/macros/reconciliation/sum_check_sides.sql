{#-
    The two sides of a sum check, once the whole (parent, whole) is joined to its addends' aggregates
    (addend_aggregates): the whole's fact, amount and place as the expected side, `addend_columns` of
    the addends (their codes or categories), then the actual side, the difference and the tolerance
    (rounding_tolerance: the addends' printed rounding, or the whole's if larger). hierarchy_checks and parts_whole_checks end the same way.
    `expected` is the whole's alias and `prefix` its columns' prefix (node_, pw_); `addends` the
    aggregates' alias.
-#}
{% macro sum_check_sides(expected, prefix, addends, addend_columns=[]) -%}
    {{ expected }}.{{ prefix }}fact_id as expected_fact_id,
    {{ expected }}.{{ prefix }}amount_yuan as expected_yuan,
    {{ expected }}.{{ prefix }}source_locator as expected_source_locator,
    {{ expected }}.{{ prefix }}source_text as expected_source_text,
    {% for column in addend_columns -%}
    {{ addends }}.{{ column }},
    {% endfor -%}
    {{ addends }}.addend_count,
    {{ addends }}.actual_yuan,
    {{ addends }}.actual_fact_ids,
    {{ addends }}.actual_source_locator,
    {{ addends }}.actual_source_text,
    {{ addends }}.actual_yuan - {{ expected }}.{{ prefix }}amount_yuan as difference_yuan,
    {{ rounding_tolerance(addends ~ '.addend_rounding_yuan', expected ~ '.' ~ prefix ~ 'rounding_yuan') }} as tolerance_yuan
{%- endmacro %}
