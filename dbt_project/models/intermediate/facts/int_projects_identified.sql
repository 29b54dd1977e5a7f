{#- Named projects with a stable id and their document's agency, year and kind. -#}

with

projects as (

    select * from {{ ref('stg_ingested__projects') }}

),

documents as (

    select * from {{ ref('int_documents_identified') }}

),

final as (

    select
        {{ short_hash(['projects.document_id', 'projects.project_code', 'projects.project_name',
                       'projects.source_locator']) }} as project_id,
        projects.document_id,
        documents.agency_id,
        documents.fiscal_year,
        documents.doc_kind,
        projects.project_code,
        projects.project_name,
        projects.budget_yuan,
        projects.actual_yuan,
        projects.reported_unit,
        projects.source_locator,
        projects.source_text,
        projects.source_page,
        projects.source_bbox,
        projects.amount_locators,
        projects.other_source_locators,
        projects.extraction_method
    from projects
    left join documents
        on projects.document_id = documents.document_id

)

select * from final
