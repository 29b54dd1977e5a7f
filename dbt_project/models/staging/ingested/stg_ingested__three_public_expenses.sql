with

source as (

    select * from {{ source('ingested', 'three_public_expenses') }}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(category as varchar) as category,
        cast(amount_kind as varchar) as amount_kind,
        cast(amount_yuan as decimal(20, 2)) as amount_yuan,
        cast(reported_amount as varchar) as reported_amount,
        cast(reported_unit as varchar) as reported_unit,
        cast(source_locator as varchar) as source_locator,
        cast(source_text as varchar) as source_text,
        cast(source_page as integer) as source_page,
        cast(source_bbox as varchar) as source_bbox,
        cast(other_source_locators as varchar) as other_source_locators,
        cast(extraction_method as varchar) as extraction_method
    from source

)

select * from final
