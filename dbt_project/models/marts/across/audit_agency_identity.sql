{#-
    Documents that disagree about who published them, one row per disagreement:
    - short_name_varies: documents of one agency (full name) print different short names;
    - short_name_shared: one printed short name stands for several full names (a renamed or
      differently spelled agency);
    - possible_same_agency: two agencies placed in the same division with the same agency type and
      different full names — a rename when their years do not overlap, else perhaps two bodies of one
      kind (the detail says which).
    Nothing is merged here: today an agency is its full name (agency_id), and these rows are what a
    unified identity has to decide. A better identity changes the values of this table, not its shape.
-#}

with

documents as (

    select * from {{ ref('int_documents_scoped') }}

),

agencies as (

    select * from {{ ref('int_agencies_resolved') }}

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
    from documents
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
    from agencies as first_agency
    inner join agencies as second_agency
        on first_agency.agency_id < second_agency.agency_id
        and first_agency.agency_type = second_agency.agency_type
        and first_agency.province = second_agency.province
        and first_agency.city is not distinct from second_agency.city
        and first_agency.county is not distinct from second_agency.county
    inner join agency_years as first_years
        on first_agency.agency_id = first_years.agency_id
    inner join agency_years as second_years
        on second_agency.agency_id = second_years.agency_id

),

disagreements as (

    select * from short_name_varies
    union all
    select * from short_name_shared
    union all
    select * from possible_same_agency

),

final as (

    select
        {{ short_hash(['disagreement_kind', 'agency_id', 'other_agency_id', 'names']) }} as identity_finding_id,
        disagreement_kind,
        agency_id,
        other_agency_id,
        names,
        document_ids,
        detail
    from disagreements

)

select * from final
