{#-
    One row per canonical agency of a parsed document, with its administrative division and type.

    Ingestion resolves the agency of each document (ingestion/extract/agency_identity.py, the one home
    of the rule): its printed names are read against the admin_divisions seed (full, former and short
    forms of a place, a lower level inside the higher one read before it, a name shared by two divisions
    decided by the document's other places) and its body is written in full form
    (ingestion/vocabulary/agency_forms.py). This model only groups the documents by that canonical name,
    so its cost grows with the documents, not with documents × place forms. agency_type comes from the
    longest agency_types keyword the canonical name contains. The GB/T 2260 codes of its province, city
    and county are the seed's (for a 直辖市, whose city is the municipality itself, the city code is the
    municipality's).
-#}

with

documents as (

    select * from {{ ref('int_documents_identified') }}
    where status = 'parsed'
        and agency_name is not null

),

agency_types as (

    select * from {{ ref('agency_types') }}

),

admin_divisions as (

    select * from {{ ref('admin_divisions') }}

),

province_codes as (

    select province, division_code from admin_divisions where admin_level = 'province'

),

city_codes as (

    select province, city, division_code from admin_divisions where admin_level = 'city'

),

county_codes as (

    select province, city, county, division_code from admin_divisions where admin_level = 'county'

),

agency_names as (

    select
        agency_name,
        regexp_replace(agency_name, '^中共', '') as bare_name,
        -- one division per canonical name; any_value is exact because the name spells its place
        any_value(agency_province) as province,
        any_value(agency_city) as city,
        any_value(agency_county) as county,
        any_value(agency_admin_level) as admin_level,
        string_agg(distinct printed_agency_name, ' / ' order by printed_agency_name) as printed_names,
        count(*) as document_count
    from documents
    group by agency_name

),

printed_short_names as (

    select
        agency_name,
        short_name
    from documents
    where short_name is not null
    group by agency_name, short_name
    qualify row_number() over (partition by agency_name order by count(*) desc, short_name) = 1

),

typed as (

    select
        agency_names.agency_name,
        agency_types.agency_type
    from agency_names
    inner join agency_types
        on contains(agency_names.agency_name, agency_types.keyword)
    qualify row_number() over (
        partition by agency_names.agency_name
        order by length(agency_types.keyword) desc, agency_types.keyword
    ) = 1

),

final as (

    select
        {{ agency_id('agency_names.agency_name') }} as agency_id,
        agency_names.agency_name,
        coalesce(
            printed_short_names.short_name,
            replace(agency_names.bare_name, '网络安全和信息化委员会办公室', '网信办')
        ) as short_name,
        printed_short_names.short_name is null as is_short_name_derived,
        agency_names.province,
        agency_names.city,
        agency_names.county,
        agency_names.admin_level,
        province_codes.division_code as province_code,
        coalesce(
            city_codes.division_code,
            case when agency_names.city = agency_names.province then province_codes.division_code end
        ) as city_code,
        county_codes.division_code as county_code,
        agency_names.printed_names,
        typed.agency_type,
        agency_names.document_count
    from agency_names
    left join printed_short_names
        on agency_names.agency_name = printed_short_names.agency_name
    left join typed
        on agency_names.agency_name = typed.agency_name
    left join province_codes
        on agency_names.province = province_codes.province
    left join city_codes
        on agency_names.province = city_codes.province
        and agency_names.city = city_codes.city
    left join county_codes
        on agency_names.province = county_codes.province
        and agency_names.city is not distinct from county_codes.city
        and agency_names.county = county_codes.county

)

select * from final
