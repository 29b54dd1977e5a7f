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
        {{ printed_figure_columns() | indent(8) }},
        other_source_locators,
        extraction_method
    from reported_totals

)

select * from final
