with

three_public_expenses as (

    select * from {{ ref('int_three_public_expenses_identified') }}

),

final as (

    select
        three_public_expense_id,
        document_id,
        agency_id,
        fiscal_year,
        doc_kind,
        category,
        amount_kind,
        {{ printed_figure_columns() | indent(8) }},
        other_source_locators,
        extraction_method
    from three_public_expenses

)

select * from final
