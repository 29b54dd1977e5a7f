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
    || '（' || case {{ fund_source }}
        when 'all' then '全部资金'
        when 'fiscal_appropriation' then '财政拨款'
        when 'general_public_budget' then '一般公共预算'
        when 'government_fund' then '政府性基金预算'
        when 'state_capital' then '国有资本经营预算'
        when 'fiscal_special_account' then '财政专户'
        when 'carry_over' then '上年结转'
        when 'other' then '其他资金'
        else coalesce({{ fund_source }}, '全部资金')
    end
    || '，' || case {{ amount_kind }}
        when 'budget' then '预算数'
        when 'actual' then '决算数'
        when 'prior_year' then '上年数'
        else coalesce({{ amount_kind }}, '')
    end || '）'
{%- endmacro %}
