{#- Every document seen (parsed or rejected), with the agency_id of a parsed document's agency. -#}

with

documents as (

    select * from {{ ref('stg_ingested__documents') }}

),

final as (

    select
        document_id,
        case when status = 'parsed' then {{ agency_id('agency_name') }} end as agency_id,
        agency_name,
        short_name,
        fiscal_year,
        doc_kind,
        status,
        status = 'parsed' as is_parsed,
        rejection_reason,
        rejection_detail,
        source_file,
        source_path,
        source_format,
        sha256,
        page_count,
        parser_version,
        ingested_at,
        metadata_source
    from documents

)

select * from final
