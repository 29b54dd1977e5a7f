{#-
    Tolerance policy: a difference of at most 0.01万元 (100 yuan) per addend is rounding.
    `addend_count` is the number of printed figures on the summed side (1 for a plain comparison).
-#}
{% macro rounding_tolerance(addend_count) -%}
    cast({{ addend_count }} * {{ var('rounding_tolerance_yuan_per_addend', 100) }} as decimal(20, 2))
{%- endmacro %}
