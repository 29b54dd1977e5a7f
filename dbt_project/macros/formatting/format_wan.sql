{#-
    Render a yuan amount in 万元 for detail sentences: at least two decimals, more only when the amount
    is not a whole number of 0.01万元 (e.g. 7747000.00 → '774.70', 960.00 → '0.096').
-#}
{% macro format_wan(yuan_expression) -%}
    regexp_replace(printf('%.6f', cast({{ yuan_expression }} as decimal(24, 2)) / 10000), '(\.\d\d\d*?)0+$', '\1')
{%- endmacro %}
