{#- 三公经费 amounts with a stable id and their document's agency, year and kind. -#}

with

three_public_expenses as (

    select * from {{ ref('stg_ingested__three_public_expenses') }}

),

documents as (

    select * from {{ ref('int_documents_identified') }}

),

final as (

    select
        {{ short_hash(['three_public_expenses.document_id', 'three_public_expenses.category',
                       'three_public_expenses.amount_kind', 'three_public_expenses.extraction_method',
                       'three_public_expenses.source_locator']) }} as three_public_expense_id,
        three_public_expenses.document_id,
        documents.agency_id,
        documents.fiscal_year,
        documents.doc_kind,
        three_public_expenses.category,
        three_public_expenses.amount_kind,
        {{ printed_figure_columns('three_public_expenses') | indent(8) }},
        three_public_expenses.other_source_locators,
        three_public_expenses.extraction_method
    from three_public_expenses
    left join documents
        on three_public_expenses.document_id = documents.document_id

)

select * from final
