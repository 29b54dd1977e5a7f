with

source as (

    select * from {{ source('ingested', 'documents') }}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(source_file as varchar) as source_file,
        cast(source_path as varchar) as source_path,
        cast(source_format as varchar) as source_format,
        cast(sha256 as varchar) as sha256,
        cast(page_count as integer) as page_count,
        cast(parser_version as varchar) as parser_version,
        try_cast(ingested_at as timestamptz) as ingested_at,
        try_cast(file_modified_at as timestamptz) as file_modified_at,
        cast(status as varchar) as status,
        cast(rejection_reason as varchar) as rejection_reason,
        cast(rejection_detail as varchar) as rejection_detail,
        nullif(regexp_replace(cast(agency_name as varchar), '\s+', '', 'g'), '') as agency_name,
        nullif(regexp_replace(cast(short_name as varchar), '\s+', '', 'g'), '') as short_name,
        cast(canonical_agency_name as varchar) as canonical_agency_name,
        cast(agency_province as varchar) as agency_province,
        cast(agency_city as varchar) as agency_city,
        cast(agency_county as varchar) as agency_county,
        cast(agency_admin_level as varchar) as agency_admin_level,
        cast(fiscal_year as integer) as fiscal_year,
        cast(doc_kind as varchar) as doc_kind,
        cast(metadata_source as varchar) as metadata_source
    from source

)

select * from final
