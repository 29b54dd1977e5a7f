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
        amount_yuan,
        reported_amount,
        reported_unit,
        source_locator,
        source_text,
        source_page,
        source_bbox,
        other_source_locators,
        extraction_method
    from three_public_expenses

)

select * from final
