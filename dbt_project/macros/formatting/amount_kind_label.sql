{#- 预算数 / 决算数 / 上年数 for amount_kind budget / actual / prior_year. -#}
{% macro amount_kind_label(amount_kind) -%}
    case {{ amount_kind }}
        when 'budget' then '预算数'
        when 'actual' then '决算数'
        when 'prior_year' then '上年数'
        else coalesce({{ amount_kind }}, '')
    end
{%- endmacro %}
