{#-
    One row per document × check, passes included: which disclosures do not add up, where, and by how
    much. Status: pass (equal), rounding (|difference| ≤ what the printed precision allows), fail. finding_kind is
    set for failures only.

    Each check carries the fingerprint of its figures (both sides' amounts or percentages; a side with
    neither, such as a printed name, by a hash of its snippet) and the latest review of it
    (warehouse/reviews/, int_reviews_latest). review_state is the decision while the figures are those
    the reviewer judged, and `reopened` once they differ: a review judges figures, not a check id.
-#}

with

checks as (

    select * from {{ ref('int_reconciliation_checks_unioned') }}

),

documents as (

    select * from {{ ref('int_documents_identified') }}

),

rules as (

    select * from {{ ref('reconciliation_rules') }}

),

placements as (

    select * from {{ ref('int_fact_placements_unioned') }}

),

reviews as (

    select * from {{ ref('int_reviews_latest') }}

),

fingerprinted as (

    select
        *,
        'expected=' || coalesce(
            cast(cast(expected_yuan as decimal(38, 2)) as varchar),
            cast(cast(expected_percent as decimal(38, 6)) as varchar) || '%',
            'text:' || {{ short_hash('expected_source_text') }}
        )
        || ';actual=' || coalesce(
            cast(cast(actual_yuan as decimal(38, 2)) as varchar),
            cast(cast(actual_percent as decimal(38, 6)) as varchar) || '%',
            'text:' || {{ short_hash('actual_source_text') }}
        ) as figures_fingerprint
    from checks

),

final as (

    select
        checks.check_id,
        checks.document_id,
        documents.agency_id,
        documents.agency_name,
        documents.fiscal_year,
        documents.doc_kind,
        documents.source_file,
        checks.rule_id,
        rules.rule_label,
        rules.rule_family,
        rules.severity,
        checks.check_name,
        checks.scope,
        checks.amount_kind,
        checks.expense_type,
        checks.fund_source,
        checks.expected_yuan,
        checks.actual_yuan,
        checks.difference_yuan,
        checks.addend_count,
        checks.tolerance_yuan,
        checks.expected_percent,
        checks.actual_percent,
        checks.difference_percent,
        checks.tolerance_percent,
        checks.status,
        checks.status = 'fail' as is_finding,
        checks.finding_kind,
        checks.detail,
        checks.expected_source_locator,
        checks.expected_source_text,
        checks.actual_source_locator,
        checks.actual_source_text,
        checks.fact_ids,
        expected_placement.source_page as expected_source_page,
        expected_placement.source_bbox as expected_source_bbox,
        actual_placement.source_page as actual_source_page,
        actual_placement.source_bbox as actual_source_bbox,
        checks.figures_fingerprint,
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
    from fingerprinted as checks
    left join documents
        on checks.document_id = documents.document_id
    left join rules
        on checks.rule_id = rules.rule_id
    left join placements as expected_placement
        on checks.document_id = expected_placement.document_id
        and checks.expected_source_locator = expected_placement.source_locator
    left join placements as actual_placement
        on checks.document_id = actual_placement.document_id
        and checks.actual_source_locator = actual_placement.source_locator
    left join reviews
        on checks.check_id = reviews.check_id

)

select * from final
