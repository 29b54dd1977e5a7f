{{ config(meta={"dagster": {"ref": {"name": "dim_document"}}}) }}

{#- Integrity: every amount belongs to a parsed document (a rejected document has no facts). -#}

with

documents as (

    select * from {{ ref('dim_document') }}

),

facts as (

    select document_id, 'fct_line_item' as fact_table, line_item_id as fact_id from {{ ref('fct_line_item') }}
    union all
    select document_id, 'fct_reported_total', reported_total_id from {{ ref('fct_reported_total') }}
    union all
    select document_id, 'fct_three_public_expense', three_public_expense_id from {{ ref('fct_three_public_expense') }}
    union all
    select document_id, 'fct_project', project_id from {{ ref('fct_project') }}

),

final as (

    select facts.*
    from facts
    left join documents
        on facts.document_id = documents.document_id
    where documents.status is distinct from 'parsed'

)

select * from final
