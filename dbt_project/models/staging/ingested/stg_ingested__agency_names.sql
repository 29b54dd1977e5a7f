with

source as (

    select * from {{ source('ingested', 'agency_names') }}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(printed_name as varchar) as printed_name,
        cast(name_role as varchar) as name_role,
        cast(canonical_agency_name as varchar) as canonical_agency_name,
        cast(is_contradiction as boolean) as is_contradiction,
        {{ source_position_casts() | indent(8) }}
    from source

)

select * from final
