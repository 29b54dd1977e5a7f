{#-
    Every printed amount of the current documents in one frame, whatever its kind: line items, stated
    totals and 三公 figures, one row each, with the columns they share and each kind's own columns (null
    for the other kinds). Models that ask something of all amounts (the coverage of the checks, what a
    document holds, budget against actual) read this one relation instead of each joining the three
    fact models. The union is written once, over the list of fact models and their own columns.
-#}
{%- set fact_models = [
    ('line_item', 'int_line_items_resolved', ['functional_subject_code', 'economic_subject_code', 'subject_name',
                                              'reference_subject_name', 'expense_type', 'fund_source',
                                              'table_title']),
    ('reported_total', 'int_reported_totals_identified', ['measure', 'fund_source']),
    ('three_public_expense', 'int_three_public_expenses_identified', ['category']),
] %}

with

unioned as (

    {% for fact_kind, fact_model, own_columns in fact_models -%}
    select
        '{{ fact_kind }}' as fact_kind,
        {{ fact_kind }}_id as fact_id,
        document_id,
        {{ own_columns | join(', ') }},
        amount_kind,
        amount_yuan,
        source_locator,
        source_text,
        extraction_method
    from {{ ref(fact_model) }}
    {% if not loop.last %}union all by name{% endif %}
    {% endfor %}

),

final as (

    select
        fact_id,
        fact_kind,
        document_id,
        functional_subject_code,
        economic_subject_code,
        subject_name,
        reference_subject_name,
        measure,
        category,
        expense_type,
        fund_source,
        amount_kind,
        amount_yuan,
        source_locator,
        source_text,
        table_title,
        extraction_method
    from unioned

)

select * from final
