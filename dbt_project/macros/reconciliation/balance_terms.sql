{#-
    The terms of the 收支总表's balance, once per document, amount kind and fund source: 收支总计,
    本年收入合计, 本年支出合计, 上年结转 and 年末结转, each with its amount, fact id, locator, printed text
    and printed rounding (a measure stated twice is taken once, the table figure first). The balance
    rules check the two sides against each other; the income-against-expenditure rule reads what the
    document carries over from the same terms, so both read them from here.
    `reported_totals` is a relation or CTE of int_reported_totals_identified rows.
-#}
{% macro balance_terms(reported_totals) -%}
{%- set measures = ['grand_total', 'income_total', 'expenditure_total', 'carry_over_income', 'carry_forward'] %}
    select
        document_id,
        any_value(doc_kind) as doc_kind,
        amount_kind,
        fund_source,
        {%- for measure in measures %}
        max(amount_yuan) filter (where measure = '{{ measure }}') as {{ measure }}_yuan,
        max(reported_total_id) filter (where measure = '{{ measure }}') as {{ measure }}_id,
        max(source_locator) filter (where measure = '{{ measure }}') as {{ measure }}_locator,
        max(source_text) filter (where measure = '{{ measure }}') as {{ measure }}_text,
        max({{ printed_rounding_yuan() }}) filter (where measure = '{{ measure }}') as {{ measure }}_rounding_yuan
        {{- ',' if not loop.last }}
        {%- endfor %}
    from (
        select *
        from {{ reported_totals }}
        where measure in ('{{ measures | join("', '") }}')
        qualify row_number() over (
            partition by document_id, amount_kind, fund_source, measure
            order by case when extraction_method = 'table' then 0 else 1 end, source_locator
        ) = 1
    )
    group by document_id, amount_kind, fund_source
{%- endmacro %}
