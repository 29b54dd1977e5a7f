{#- A table grouping in the documents' words, e.g. 基本支出（一般公共预算，预算数）. -#}
{% macro grouping_label(amount_kind, expense_type, fund_source) -%}
    {{ vocabulary_label('expense_type', expense_type, "coalesce(" ~ expense_type ~ ", '支出')") }}
    || '（' || {{ fund_source_label(fund_source) }} || '，' || {{ amount_kind_label(amount_kind) }} || '）'
{%- endmacro %}
