{#-
    A fact model over one staging frame, built per document (the folder's config and the ref override in
    macros/documents/current_document_ids.sql read only the documents to build): each row gets a
    stable id and its document's agency, fiscal year and kind, followed by the frame's own columns in
    the frame's order. The frames that need nothing more than this (stated totals, 三公 figures,
    projects) share this one body.
    frame_model: the staging model; id_column: the id's name; key_columns: what identifies a row.
-#}
{% macro identified_facts(frame_model, id_column, key_columns) -%}
with

facts as (

    select * from {{ ref(frame_model) }}

),

documents as (

    select * from {{ ref('int_documents_identified') }}

),

final as (

    select
        {%- set keys = [] %}
        {%- for column in key_columns %}{% do keys.append('facts.' ~ column) %}{% endfor %}
        {{ short_hash(keys) }} as {{ id_column }},
        facts.document_id,
        documents.agency_id,
        documents.fiscal_year,
        documents.doc_kind,
        facts.* exclude (document_id)
    from facts
    left join documents
        on facts.document_id = documents.document_id

)

select * from final
{%- endmacro %}
