with

source as (

    select * from {{ source('ingested', 'three_public_expenses') }}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(category as varchar) as category,
        cast(amount_kind as varchar) as amount_kind,
        {{ printed_figure_casts() | indent(8) }},
        cast(other_source_locators as varchar) as other_source_locators,
        cast(extraction_method as varchar) as extraction_method
    from source

)

select * from final
