{#-
    Which agencies' documents changed since the previous build, for the per-agency models
    (macros/across/agencies_to_build.sql): one row per agency with parsed documents now or at the
    previous build, with the ids of its parsed documents (superseded versions included: the
    completeness mart counts them) and whether that set differs from the one the previous build
    recorded here. A document's content fixes its id, and a change of the parser or the models makes
    the run a full refresh, so an agency whose set of document ids is unchanged has unchanged rows.

    The previous set is this table as the previous build left it (the build copy starts as the
    published warehouse): it is read before being replaced. On the first build every agency is changed.
    An agency gone at the previous build and still gone has no row.
-#}

{%- set previous = adapter.get_relation(this.database, this.schema, this.identifier) if execute else none %}

with

documents as (

    select * from {{ ref('int_documents_identified') }}
    where status = 'parsed'
        and agency_id is not null

),

current_sets as (

    select
        agency_id,
        string_agg(document_id, ',' order by document_id) as document_ids
    from documents
    group by agency_id

),

previous_sets as (

    {% if previous -%}
    select agency_id, document_ids from {{ previous }} where document_ids is not null
    {%- else -%}
    select null::varchar as agency_id, null::varchar as document_ids where false
    {%- endif %}

),

final as (

    select
        coalesce(current_sets.agency_id, previous_sets.agency_id) as agency_id,
        current_sets.document_ids,
        current_sets.document_ids is distinct from previous_sets.document_ids as is_changed
    from current_sets
    full outer join previous_sets
        on current_sets.agency_id = previous_sets.agency_id

)

select * from final
