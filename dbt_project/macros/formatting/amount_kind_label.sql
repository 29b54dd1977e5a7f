{#- 预算数 / 决算数 / 上年数 for amount_kind budget / actual / prior_year. -#}
{% macro amount_kind_label(amount_kind) -%}
    {{ vocabulary_label('amount_kind', amount_kind, "coalesce(" ~ amount_kind ~ ", '')") }}
{%- endmacro %}
