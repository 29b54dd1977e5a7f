{#- The documents' name of a fund source (一般公共预算, 财政拨款 …). -#}
{% macro fund_source_label(fund_source) -%}
    case {{ fund_source }}
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
{%- endmacro %}
