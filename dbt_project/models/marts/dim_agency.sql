with

agencies as (

    select * from {{ ref('int_agencies_resolved') }}

),

final as (

    select
        agency_id,
        agency_name,
        short_name,
        province,
        city,
        county,
        admin_level,
        province_code,
        city_code,
        county_code,
        agency_type,
        is_short_name_derived,
        printed_names,
        document_count
    from agencies

)

select * from final
