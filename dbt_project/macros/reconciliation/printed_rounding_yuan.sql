{#-
    How much rounding one printed figure can carry, in yuan, from its printed precision (decimals and
    unit): one unit of its last printed digit when that is coarser than the yuan (472.74万元 → 100,
    774.7万元 → 1000, 15万元 → 10000); none when the figure is printed to the yuan or finer (3,223,657
    元, 6440.00 元, 0.0960万元) or is zero (a printed 0 is nothing). A figure without its printed text
    (constructed rows) gets the policy default, rounding_tolerance_yuan_per_addend (0.01万元).
-#}
{% macro printed_rounding_yuan(amount_yuan='amount_yuan', reported_amount='reported_amount', reported_unit='reported_unit') -%}
    cast(case
        when {{ reported_amount }} is null or {{ reported_unit }} is null
            then {{ var('rounding_tolerance_yuan_per_addend', 100) }}
        when {{ amount_yuan }} = 0 then 0
        else coalesce(nullif(greatest(
            case {{ reported_unit }} when '亿元' then 100000000 when '万元' then 10000 else 1 end
                / power(10, length(regexp_extract({{ reported_amount }}, '\d[\d,]*(?:\.(\d*))?', 1))),
            1), 1), 0)
    end as decimal(20, 2))
{%- endmacro %}
