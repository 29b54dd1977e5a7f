{#- What extraction left out, flagged or converted, per document, with a stable id. -#}

with

issues as (

    select * from {{ ref('stg_ingested__extraction_issues') }}
    where document_id in {{ current_document_ids() }}

),

documents as (

    select * from {{ ref('int_documents_identified') }}

),

keyed as (

    select
        issues.*,
        -- identical issues (same kind, detail and place) are numbered so each keeps its own id
        row_number() over (
            partition by issues.document_id, issues.issue_kind, issues.detail, issues.source_locator,
                issues.source_text
            order by issues.issue_kind
        ) as occurrence
    from issues

),

final as (

    select
        {{ short_hash(['keyed.document_id', 'keyed.issue_kind', 'keyed.detail', 'keyed.source_locator',
                       'keyed.source_text', 'keyed.occurrence']) }} as extraction_issue_id,
        keyed.document_id,
        documents.agency_id,
        documents.fiscal_year,
        documents.doc_kind,
        documents.status as document_status,
        keyed.issue_kind,
        keyed.detail,
        keyed.source_locator,
        keyed.source_text,
        keyed.source_page,
        keyed.source_bbox
    from keyed
    left join documents
        on keyed.document_id = documents.document_id

)

select * from final
