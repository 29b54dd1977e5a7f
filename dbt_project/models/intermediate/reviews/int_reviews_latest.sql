{#-
    The review that counts for each check: the latest complete one (by reviewed_at, then by file name),
    with how many complete reviews the check has had. A later review replaces an earlier one, so a
    reviewer changes a decision by adding a row, and the file keeps the whole trail.
-#}

with

reviews as (

    select * from {{ ref('stg_reviews__reviews') }}
    where {{ review_is_complete() }}

),

final as (

    select
        check_id,
        decision,
        reason,
        reviewed_by,
        reviewed_at,
        figures_fingerprint,
        review_file,
        count(*) over (partition by check_id) as review_count
    from reviews
    qualify row_number() over (partition by check_id order by reviewed_at desc, review_file desc) = 1

)

select * from final
