{#-
    Documents that disagree about who published them, one row per disagreement:
    - short_name_varies: documents of one agency (full name) print different short names;
    - short_name_shared: one printed short name stands for several full names (a renamed or
      differently spelled agency);
    - possible_same_agency: two agencies placed in the same division with the same agency type and
      different full names — a rename when their years do not overlap, else perhaps two bodies of one
      kind (the detail says which);
    - printed_name_contradiction: a document's title or table-header label names another agency than
      the one its other names resolve to (a district bureau's table headed by the municipal bureau); the
      document stays under its agency and the row names where the other name is printed.
    agency_id is the canonical agency (ingestion/extract/agency_identity.py), so the short and full forms
    of one name are already one agency; what remains here is what the names alone cannot decide.

    Built by agency (macros/across/agencies_to_build.sql): an add-one run deletes the rows naming a
    changed agency (agency_id or other_agency_id) and every short_name_shared row, then computes the rows
    of the changed agencies — their pairs with every agency of their division and type, found from the
    changed side, so an increment costs the size of their divisions rather than of all pairs — and all
    short_name_shared rows again (one pass over the documents).
-#}

with

documents as (

    select * from {{ ref('int_documents_scoped') }}

),

agencies as (

    select * from {{ ref('int_agencies_resolved') }}

),

changed_documents as (

    select * from documents
    where {{ agencies_to_build() }}

),

changed_agencies as (

    select * from agencies
    where {{ agencies_to_build() }}

),

printed_names as (

    select * from {{ ref('stg_ingested__agency_names') }}
    where is_contradiction
        and document_id in {{ current_document_ids() }}

),

agency_years as (

    select
        agency_id,
        min(fiscal_year) as first_year,
        max(fiscal_year) as last_year,
        string_agg(distinct document_id, ', ' order by document_id) as document_ids
    from documents
    group by agency_id

),

short_name_varies as (

    select
        'short_name_varies' as disagreement_kind,
        agency_id,
        null as other_agency_id,
        string_agg(distinct short_name, ' / ' order by short_name) as names,
        string_agg(distinct document_id, ', ' order by document_id) as document_ids,
        'Documents of ' || any_value(agency_name) || ' print ' || count(distinct short_name)
            || ' short names: ' || string_agg(distinct short_name, ' / ' order by short_name) || '.' as detail
    from changed_documents
    where short_name is not null
    group by agency_id
    having count(distinct short_name) > 1

),

short_name_shared as (

    select
        'short_name_shared' as disagreement_kind,
        min(agency_id) as agency_id,
        max(agency_id) as other_agency_id,
        string_agg(distinct agency_name, ' / ' order by agency_name) as names,
        string_agg(distinct document_id, ', ' order by document_id) as document_ids,
        'The short name ' || short_name || ' is printed by documents of ' || count(distinct agency_name)
            || ' full names: ' || string_agg(distinct agency_name, ' / ' order by agency_name) || '.' as detail
    from documents
    where short_name is not null
    group by short_name
    having count(distinct agency_name) > 1

),

-- the pairs of agencies of one division and type with a changed agency in them, each once
agency_pairs as (

    select
        least(changed_agencies.agency_id, other_agency.agency_id) as first_agency_id,
        greatest(changed_agencies.agency_id, other_agency.agency_id) as second_agency_id
    from changed_agencies
    inner join agencies as other_agency
        on changed_agencies.agency_id <> other_agency.agency_id
        and changed_agencies.agency_type = other_agency.agency_type
        and changed_agencies.province = other_agency.province
        and changed_agencies.city is not distinct from other_agency.city
        and changed_agencies.county is not distinct from other_agency.county
    -- a pair of two changed agencies is found from both: keep it from the first
    where not ({{ agencies_to_build('other_agency.agency_id') }}) or changed_agencies.agency_id < other_agency.agency_id

),

possible_same_agency as (

    select
        'possible_same_agency' as disagreement_kind,
        first_agency.agency_id,
        second_agency.agency_id as other_agency_id,
        first_agency.agency_name || ' / ' || second_agency.agency_name as names,
        first_years.document_ids || ', ' || second_years.document_ids as document_ids,
        first_agency.agency_name || ' (' || first_years.first_year || '–' || first_years.last_year || ') and '
            || second_agency.agency_name || ' (' || second_years.first_year || '–' || second_years.last_year
            || ') are both ' || first_agency.agency_type || ' of '
            || coalesce(first_agency.county, first_agency.city, first_agency.province)
            || case
                when first_years.last_year < second_years.first_year or second_years.last_year < first_years.first_year
                    then ': their years do not overlap, a rename is likely.'
                else ': their years overlap, they may be two bodies.'
            end as detail
    from agency_pairs
    inner join agencies as first_agency
        on agency_pairs.first_agency_id = first_agency.agency_id
    inner join agencies as second_agency
        on agency_pairs.second_agency_id = second_agency.agency_id
    inner join agency_years as first_years
        on first_agency.agency_id = first_years.agency_id
    inner join agency_years as second_years
        on second_agency.agency_id = second_years.agency_id

),

contradicting_names as (

    select
        document_id,
        printed_name,
        name_role,
        canonical_agency_name,
        string_agg(source_locator, ', ' order by source_locator) as locators
    from printed_names
    group by document_id, printed_name, name_role, canonical_agency_name

),

printed_name_contradictions as (

    select
        'printed_name_contradiction' as disagreement_kind,
        documents.agency_id,
        {{ agency_id('contradicting_names.canonical_agency_name') }} as other_agency_id,
        documents.agency_name || ' / ' || contradicting_names.printed_name as names,
        contradicting_names.document_id as document_ids,
        'Document ' || contradicting_names.document_id || ' is ' || documents.agency_name || ', but its '
            || contradicting_names.name_role || ' at ' || contradicting_names.locators || ' names '
            || contradicting_names.printed_name || ' (' || contradicting_names.canonical_agency_name || ').'
            as detail
    from contradicting_names
    inner join documents
        on contradicting_names.document_id = documents.document_id

),

-- a finding about two agencies is rebuilt when either changed (the pre-hook deleted it)
printed_name_contradiction as (

    select * from printed_name_contradictions
    where {{ agencies_to_build() }} or {{ agencies_to_build('other_agency_id') }}

),

disagreements as (

    select * from printed_name_contradiction
    union all
    select * from short_name_varies
    union all
    select * from short_name_shared
    union all
    select * from possible_same_agency

),

final as (

    select
        {{ short_hash(['disagreement_kind', 'agency_id', 'other_agency_id', 'names', 'document_ids']) }} as identity_finding_id,
        disagreement_kind,
        agency_id,
        other_agency_id,
        names,
        document_ids,
        detail
    from disagreements

)

select * from final
