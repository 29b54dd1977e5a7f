{#- Income line items with a stable id, their document's agency, year and kind, and the level of their
    functional subject (null for amounts of the whole document). -#}

with

income_line_items as (

    select * from {{ ref('stg_ingested__income_line_items') }}

),

documents as (

    select * from {{ ref('int_documents_identified') }}

),

final as (

    select
        income_line_items.income_line_item_id,
        income_line_items.document_id,
        documents.agency_id,
        documents.fiscal_year,
        documents.doc_kind,
        income_line_items.functional_subject_code,
        {{ code_level('income_line_items.functional_subject_code') }} as functional_subject_level,
        income_line_items.subject_name,
        income_line_items.income_source,
        income_line_items.parent_income_source,
        income_line_items.amount_kind,
        income_line_items.unit_code,
        income_line_items.unit_name,
        {{ printed_figure_columns('income_line_items') | indent(8) }},
        income_line_items.table_title,
        income_line_items.other_source_locators,
        income_line_items.extraction_method
    from income_line_items
    left join documents
        on income_line_items.document_id = documents.document_id

)

select * from final
