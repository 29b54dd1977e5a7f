{#-
    Every document seen (parsed or rejected), with the agency_id of a parsed document's agency, and
    its place among the versions of the same disclosure.

    Supersession: a department republishing a corrected disclosure produces a second file with the
    same agency, fiscal year and kind (the disclosure's scope is its agency: a unit's own 单位预算 names
    the unit) and new content. Parsed documents sharing (agency_id, fiscal_year, doc_kind) are versions
    of one disclosure, ordered by the file's modification time, then by when its content was first
    parsed, then by sha256 (so the order never depends on the run). The newest is current; the facts
    and audit marts keep only current documents, and dim_document keeps every version with the one
    that superseded it. A rejected document is never current and supersedes nothing.
-#}

with

documents as (

    select * from {{ ref('stg_ingested__documents') }}

),

identified as (

    select
        * exclude (agency_name),
        agency_name as printed_agency_name,
        coalesce(canonical_agency_name, agency_name) as agency_name,
        case when status = 'parsed' then {{ agency_id('coalesce(canonical_agency_name, agency_name)') }} end
            as agency_id
    from documents

),

versions as (

    select
        document_id,
        row_number() over disclosure as version_number,
        count(*) over (partition by agency_id, fiscal_year, doc_kind) as version_count,
        lead(document_id) over disclosure as superseded_by
    from identified
    where status = 'parsed'
    window disclosure as (
        partition by agency_id, fiscal_year, doc_kind
        order by file_modified_at nulls first, ingested_at nulls first, sha256
    )

),

final as (

    select
        identified.document_id,
        identified.agency_id,
        identified.agency_name,
        identified.printed_agency_name,
        identified.short_name,
        identified.agency_province,
        identified.agency_city,
        identified.agency_county,
        identified.agency_admin_level,
        identified.fiscal_year,
        identified.doc_kind,
        identified.status,
        identified.status = 'parsed' as is_parsed,
        identified.rejection_reason,
        identified.rejection_detail,
        identified.source_file,
        identified.source_path,
        identified.source_format,
        identified.sha256,
        identified.page_count,
        identified.parser_version,
        identified.ingested_at,
        identified.file_modified_at,
        identified.metadata_source,
        versions.version_number,
        versions.version_count,
        versions.superseded_by,
        coalesce(versions.superseded_by is null, false) and identified.status = 'parsed' as is_current
    from identified
    left join versions
        on identified.document_id = versions.document_id

)

select * from final
