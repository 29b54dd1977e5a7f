with

source as (

    select * from {{ source('ingested', 'reported_totals') }}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(measure as varchar) as measure,
        cast(amount_kind as varchar) as amount_kind,
        cast(fund_source as varchar) as fund_source,
        {{ printed_figure_casts() | indent(8) }},
        cast(other_source_locators as varchar) as other_source_locators,
        cast(extraction_method as varchar) as extraction_method
    from source

)

select * from final
