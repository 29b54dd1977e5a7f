{#-
    Every place a current document prints its agency's name: the form printed (那曲市委网信办, 市网信办,
    中共那曲市委网络安全和信息化委员会办公室), its role (title, table-header label, table cell, prose),
    where, and the canonical agency the form resolves to. A title or header label naming another agency
    (a district bureau's table headed by the municipal bureau) has is_contradiction; it is also an
    agency_name_contradiction extraction issue and a printed_name_contradiction row of
    audit_agency_identity. A document's rows come from that document alone, so they are built by
    document (macros/documents/current_document_ids.sql).
-#}

with

names as (

    select * from {{ ref('stg_ingested__agency_names') }}
    where document_id in {{ current_document_ids() }}

),

documents as (

    select * from {{ ref('int_documents_identified') }}

),

final as (

    select
        {{ short_hash(['names.document_id', 'names.printed_name', 'names.name_role', 'names.source_locator']) }}
            as agency_name_id,
        names.document_id,
        documents.agency_id,
        documents.agency_name,
        documents.fiscal_year,
        documents.doc_kind,
        names.printed_name,
        names.name_role,
        names.canonical_agency_name as printed_canonical_name,
        names.is_contradiction,
        names.source_locator,
        names.source_text,
        names.source_page,
        names.source_bbox
    from names
    inner join documents
        on names.document_id = documents.document_id

)

select * from final
