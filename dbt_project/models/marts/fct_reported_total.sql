with

reported_totals as (

    select * from {{ ref('int_reported_totals_identified') }}

),

final as (

    select
        reported_total_id,
        document_id,
        agency_id,
        fiscal_year,
        doc_kind,
        measure,
        amount_kind,
        fund_source,
        amount_yuan,
        reported_amount,
        reported_unit,
        source_locator,
        source_text,
        source_page,
        source_bbox,
        other_source_locators,
        extraction_method
    from reported_totals

)

select * from final
