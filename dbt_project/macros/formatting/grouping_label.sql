{#- A table grouping in the documents' words, e.g. 基本支出（一般公共预算，预算数）. -#}
{% macro grouping_label(amount_kind, expense_type, fund_source) -%}
    case {{ expense_type }}
        when 'total' then '支出合计'
        when 'basic' then '基本支出'
        when 'project' then '项目支出'
        when 'personnel' then '人员经费'
        when 'public' then '公用经费'
        else coalesce({{ expense_type }}, '支出')
    end
    || '（' || {{ fund_source_label(fund_source) }} || '，' || {{ amount_kind_label(amount_kind) }} || '）'
{%- endmacro %}
