with

documents as (

    select * from {{ ref('int_documents_identified') }}

),

final as (

    select
        document_id,
        agency_id,
        agency_name,
        printed_agency_name,
        fiscal_year,
        doc_kind,
        source_file,
        source_path,
        source_format,
        sha256,
        page_count,
        parser_version,
        ingested_at,
        file_modified_at,
        version_number,
        version_count,
        superseded_by,
        is_current,
        status,
        is_parsed,
        rejection_reason,
        rejection_detail,
        metadata_source
    from documents

)

select * from final
