{#-
    One row per agency (full official name) of a parsed document, placed in China's administrative
    divisions and typed from its name.

    Matching rule (admin_divisions seed):
    1. a division matches when its full name or a former name occurs anywhere in the agency name, or
       its short form (株洲, 满城) starts the name (after a leading 中共) and is followed by
       市/区/县/州/盟/省/地/委/行署 — so 中山大学 is not 中山市; a short form shared by several
       divisions (吉林, 海南) matches none;
    2. a match is dropped when another matched division of a higher level is not its ancestor, and a
       full name shared by several divisions (普陀区 of 上海市 and of 舟山市) only counts when its
       province or city is matched too;
    3. of the remaining matches the most specific wins (county > city > province), then a full name
       over a former name over a short form, then the longest form, then the earliest position.
    Agencies of the central government (中共中央…, 国家…, 国务院…) get admin_level `central`.
-#}

with

documents as (

    select * from {{ ref('stg_ingested__documents') }}

),

divisions as (

    select * from {{ ref('admin_divisions') }}

),

agency_types as (

    select * from {{ ref('agency_types') }}

),

agency_names as (

    select
        agency_name,
        regexp_replace(agency_name, '^中共', '') as bare_name,
        count(*) as document_count
    from documents
    where status = 'parsed'
        and agency_name is not null
    group by agency_name

),

printed_short_names as (

    select
        agency_name,
        short_name
    from documents
    where status = 'parsed'
        and agency_name is not null
        and short_name is not null
    group by agency_name, short_name
    qualify row_number() over (partition by agency_name order by count(*) desc, short_name) = 1

),

division_forms as (

    select
        province, city, county, admin_level,
        name as form,
        'full' as form_kind
    from divisions

    union all

    select
        province, city, county, admin_level,
        trim(unnest(string_split(former_names, '|'))) as form,
        'former' as form_kind
    from divisions
    where former_names is not null

    union all

    select
        province, city, county, admin_level,
        short_name as form,
        'short' as form_kind
    from divisions
    where short_name is not null

),

usable_forms as (

    select
        *,
        count(*) over (partition by form) as divisions_sharing_form
    from division_forms
    where form <> ''
    qualify form_kind <> 'short' or divisions_sharing_form = 1

),

matches as (

    select
        agency_names.agency_name,
        usable_forms.*,
        case usable_forms.admin_level when 'county' then 3 when 'city' then 2 else 1 end as level_rank,
        case usable_forms.form_kind when 'full' then 1 when 'former' then 2 else 3 end as form_rank,
        length(usable_forms.form) as form_length,
        strpos(agency_names.agency_name, usable_forms.form) as form_position
    from agency_names
    inner join usable_forms
        on (
            usable_forms.form_kind in ('full', 'former')
            and contains(agency_names.agency_name, usable_forms.form)
        )
        or (
            usable_forms.form_kind = 'short'
            and regexp_matches(
                agency_names.bare_name,
                '^' || usable_forms.form || '(市|区|县|州|盟|省|地|委|行署)'
            )
        )

),

matches_in_context as (

    select
        candidate.*,
        -- another matched division at a higher level that is not an ancestor of this one
        exists (
            select 1
            from matches as other
            where other.agency_name = candidate.agency_name
                and other.level_rank < candidate.level_rank
                and not (
                    other.province = candidate.province
                    and (other.admin_level = 'province' or other.city is not distinct from candidate.city)
                )
        ) as has_conflicting_match,
        -- the province or city of this division is matched too
        exists (
            select 1
            from matches as other
            where other.agency_name = candidate.agency_name
                and other.level_rank < candidate.level_rank
                and other.province = candidate.province
                and (other.admin_level = 'province' or other.city is not distinct from candidate.city)
        ) as has_matching_ancestor
    from matches as candidate

),

best_matches as (

    select *
    from matches_in_context
    where not has_conflicting_match
        and (divisions_sharing_form = 1 or has_matching_ancestor)
    qualify row_number() over (
        partition by agency_name
        order by level_rank desc, form_rank, form_length desc, form_position, province, city, county
    ) = 1

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
        best_matches.province,
        best_matches.city,
        best_matches.county,
        case
            when best_matches.admin_level is not null then best_matches.admin_level
            when regexp_matches(agency_names.agency_name, '^(中共中央|中央|国家|国务院|中华人民共和国|全国)')
                then 'central'
        end as admin_level,
        best_matches.form as matched_division_form,
        best_matches.form_kind as matched_division_form_kind,
        typed.agency_type,
        agency_names.document_count
    from agency_names
    left join printed_short_names
        on agency_names.agency_name = printed_short_names.agency_name
    left join best_matches
        on agency_names.agency_name = best_matches.agency_name
    left join typed
        on agency_names.agency_name = typed.agency_name

)

select * from final
