{#-
    Tolerance policy: a difference the rounding of the printed figures can explain is `rounding`. The
    computed side of a sum can be off by the rounding of each of its addends (`addends_rounding`, the
    sum of printed_rounding_yuan over them), the stated side by its own (`stated_rounding`); the
    allowance is the larger of the two. For figures printed to 0.01万元 that is 0.01万元 (100 yuan) per
    addend; for figures printed to the yuan it is nothing.
-#}
{% macro rounding_tolerance(addends_rounding, stated_rounding='0') -%}
    cast(greatest(coalesce({{ addends_rounding }}, 0), coalesce({{ stated_rounding }}, 0)) as decimal(20, 2))
{%- endmacro %}
