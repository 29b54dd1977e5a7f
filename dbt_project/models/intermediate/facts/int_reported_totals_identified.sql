{#- Stated totals with a stable id and their document's agency, year and kind. -#}

with

reported_totals as (

    select * from {{ ref('stg_ingested__reported_totals') }}

),

documents as (

    select * from {{ ref('int_documents_identified') }}

),

final as (

    select
        {{ short_hash(['reported_totals.document_id', 'reported_totals.measure', 'reported_totals.amount_kind',
                       'reported_totals.fund_source', 'reported_totals.extraction_method',
                       'reported_totals.source_locator']) }} as reported_total_id,
        reported_totals.document_id,
        documents.agency_id,
        documents.fiscal_year,
        documents.doc_kind,
        reported_totals.measure,
        reported_totals.amount_kind,
        reported_totals.fund_source,
        {{ printed_figure_columns('reported_totals') | indent(8) }},
        reported_totals.other_source_locators,
        reported_totals.extraction_method
    from reported_totals
    left join documents
        on reported_totals.document_id = documents.document_id

)

select * from final
