{#- The printed name of a stated-total measure (fct_reported_total.measure), e.g. 本年支出合计. -#}
{% macro measure_label(measure) -%}
    case {{ measure }}
        when 'grand_total' then '收支总计'
        when 'income_total' then '本年收入合计'
        when 'expenditure_total' then '本年支出合计'
        when 'general_public_budget_income' then '一般公共预算拨款收入'
        when 'general_public_budget_expenditure' then '一般公共预算支出'
        when 'government_fund_expenditure' then '政府性基金预算支出'
        when 'fiscal_appropriation_income' then '财政拨款收入'
        when 'fiscal_appropriation_expenditure' then '财政拨款支出'
        when 'basic_expenditure' then '基本支出'
        when 'project_expenditure' then '项目支出'
        when 'personnel_expenditure' then '人员经费'
        when 'public_expenditure' then '公用经费'
        when 'office_operation_expense' then '机关运行经费'
        when 'procurement_total' then '政府采购'
        when 'carry_over_income' then '上年结转'
        when 'carry_forward' then '年末结转和结余'
        else {{ measure }}
    end
{%- endmacro %}
