{#- Like format_wan, with an explicit sign (+30.81 / -0.01 / 0.00). -#}
{% macro format_signed_wan(yuan_expression) -%}
    case when {{ yuan_expression }} > 0 then '+' else '' end || {{ format_wan(yuan_expression) }}
{%- endmacro %}
