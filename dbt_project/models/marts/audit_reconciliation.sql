{#-
    One row per document × check, passes included: which disclosures do not add up, where, and by how
    much. Status: pass (equal), rounding (|difference| ≤ what the printed precision allows), fail. finding_kind is
    set for failures only.

    Each check carries the fingerprint of its figures (both sides' amounts or percentages; a side with
    neither, such as a printed name, by a hash of its snippet) and the latest review of it
    (warehouse/reviews/, int_reviews_latest). review_state is the decision while the figures are those
    the reviewer judged, and `reopened` once they differ: a review judges figures, not a check id.

    A view (dbt_project.yml): the checks are built by document (int_reconciliation_checks_placed) and
    the reviews, a person's input that changes with no document changing, are joined when it is read,
    so an add-one run does not copy every document's checks again.
-#}

with

checks as (

    select * from {{ ref('int_reconciliation_checks_placed') }}

),

reviews as (

    select * from {{ ref('int_reviews_latest') }}

),

final as (

    select
        checks.*,  -- every column of the placed check, in the contract's order
        reviews.decision as review_decision,
        reviews.reason as review_reason,
        reviews.reviewed_by,
        reviews.reviewed_at,
        reviews.figures_fingerprint as reviewed_figures_fingerprint,
        case
            when reviews.check_id is null then null
            when reviews.figures_fingerprint is distinct from checks.figures_fingerprint then 'reopened'
            else reviews.decision
        end as review_state
    from checks
    left join reviews
        on checks.check_id = reviews.check_id

)

select * from final
