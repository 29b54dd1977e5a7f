{#-
    Which documents the per-document incremental models build and drop in this run
    (macros/documents/current_document_ids.sql): one row per document current now or at the previous
    build. is_new: current now and not at the previous build (its rows are computed in this run);
    is_gone: current at the previous build and no longer (deleted, superseded or rejected: its rows are
    dropped). A document current at both holds its rows already: its content fixes its id and its rows
    depend only on its own inputs, and a change of the parser or the models makes the run a full
    refresh.

    The previous set is this table as the previous build left it (the build copy starts as the
    published warehouse): it is read before being replaced. Asking each model which documents it holds
    instead (`not in (select document_id from <model>)`) rebuilt, in every run, every document that has
    no rows there (most documents have no repeat or cross-table checks): thousands of documents a run.
-#}

{%- set previous = adapter.get_relation(this.database, this.schema, this.identifier) if execute else none %}

with

current_documents as (

    select document_id from {{ ref('int_documents_identified') }}
    where is_current

),

previous_documents as (

    {% if previous -%}
    select document_id from {{ previous }} where is_current
    {%- else -%}
    select null::varchar as document_id where false
    {%- endif %}

),

final as (

    select
        coalesce(current_documents.document_id, previous_documents.document_id) as document_id,
        current_documents.document_id is not null as is_current,
        current_documents.document_id is not null and previous_documents.document_id is null as is_new,
        current_documents.document_id is null as is_gone
    from current_documents
    full outer join previous_documents
        on current_documents.document_id = previous_documents.document_id

)

select * from final
