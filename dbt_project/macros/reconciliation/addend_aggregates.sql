{#-
    The aggregates a sum check takes over its addends (one group's rows): how many, their sum, their
    keys, their fact ids and where each is printed, every list in key order. hierarchy_checks
    (children), hierarchy_roots (roots) and parts_whole_checks (parts) all report addends this way;
    written once so that a finding's locators read the same whichever rule found it.
    The addend rows carry `prefix`amount_yuan, `prefix`rounding_yuan (printed_rounding_yuan),
    `prefix`fact_id, `prefix`source_locator and `prefix`source_text; `key` is their code or category column; `keys_as` names the list of keys.
-#}
{% macro addend_aggregates(prefix, key, keys_as, keys_separator=', ') -%}
    count(*) as addend_count,
    sum({{ prefix }}amount_yuan) as actual_yuan,
    sum({{ prefix }}rounding_yuan) as addend_rounding_yuan,
    string_agg({{ key }}, '{{ keys_separator }}' order by {{ key }}) as {{ keys_as }},
    list({{ prefix }}fact_id order by {{ key }}) as actual_fact_ids,
    string_agg({{ key }} || ': ' || coalesce({{ prefix }}source_locator, '?'), '; ' order by {{ key }})
        as actual_source_locator,
    string_agg(coalesce({{ prefix }}source_text, ''), ' ‖ ' order by {{ key }}) as actual_source_text
{%- endmacro %}
