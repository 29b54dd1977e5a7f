{#-
    Who has not published: per administrative division (the most specific one an agency is placed in)
    × fiscal year × document kind × known agency of that division (any agency that ever published a
    parsed document), whether the agency published that kind of document that year. The years of a
    division are those in which any of its agencies published anything. Unplaced agencies (no
    division) are grouped under division '(unplaced)', central-government agencies under '(central)'.
    Agencies are known by agency_id, so a renamed
    agency appears twice until its identity is unified (see audit_agency_identity).
-#}

with

documents as (

    select * from {{ ref('int_documents_scoped') }}

),

agencies as (

    select
        *,
        coalesce(county, city, province, case when admin_level = 'central' then '(central)' else '(unplaced)' end)
            as division_name,
        coalesce(admin_level, 'unplaced') as division_level
    from {{ ref('int_agencies_resolved') }}

),

division_years as (

    select distinct
        agencies.province,
        agencies.city,
        agencies.county,
        agencies.division_name,
        agencies.division_level,
        documents.fiscal_year
    from documents
    inner join agencies
        on documents.agency_id = agencies.agency_id

),

kinds as (

    select unnest(['budget', 'final_account']) as doc_kind

),

expected as (

    select
        division_years.*,
        kinds.doc_kind,
        agencies.agency_id,
        agencies.agency_name
    from division_years
    cross join kinds
    inner join agencies
        on agencies.division_name = division_years.division_name
        and agencies.province is not distinct from division_years.province
        and agencies.city is not distinct from division_years.city
        and agencies.county is not distinct from division_years.county

),

final as (

    select
        {{ short_hash(['expected.division_name', 'expected.province', 'expected.city', 'expected.county',
                       'expected.fiscal_year', 'expected.doc_kind', 'expected.agency_id']) }}
            as division_completeness_id,
        expected.province,
        expected.city,
        expected.county,
        expected.division_name,
        expected.division_level,
        expected.fiscal_year,
        expected.doc_kind,
        expected.agency_id,
        expected.agency_name,
        count(documents.document_id) > 0 as has_published,
        min(documents.document_id) as document_id
    from expected
    left join documents
        on expected.agency_id = documents.agency_id
        and expected.fiscal_year = documents.fiscal_year
        and expected.doc_kind = documents.doc_kind
    group by all

)

select * from final
