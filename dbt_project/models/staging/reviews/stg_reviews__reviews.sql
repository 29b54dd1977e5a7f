with

source as (

    select * from {{ source('reviews', 'reviews') }}

),

final as (

    select
        nullif(trim(check_id), '') as check_id,
        lower(trim(decision)) as decision,
        nullif(trim(reason), '') as reason,
        nullif(trim(reviewed_by), '') as reviewed_by,
        timezone('UTC', try_cast(trim(reviewed_at) as timestamptz)) as reviewed_at,
        nullif(trim(figures_fingerprint), '') as figures_fingerprint,
        parse_filename(filename) as review_file
    from source

)

select * from final
