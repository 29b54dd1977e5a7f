with

source as (

    select * from {{ source('ingested', 'extraction_issues') }}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(issue_kind as varchar) as issue_kind,
        cast(detail as varchar) as detail,
        {{ source_position_casts() | indent(8) }}
    from source

)

select * from final
