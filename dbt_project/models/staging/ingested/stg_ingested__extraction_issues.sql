with

source as (

    select * from {{ source('ingested', 'extraction_issues') }}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(issue_kind as varchar) as issue_kind,
        cast(detail as varchar) as detail,
        cast(source_locator as varchar) as source_locator,
        cast(source_text as varchar) as source_text,
        cast(source_page as integer) as source_page,
        cast(source_bbox as varchar) as source_bbox
    from source

)

select * from final
