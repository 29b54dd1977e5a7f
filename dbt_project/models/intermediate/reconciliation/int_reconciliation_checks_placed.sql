{#-
    The checks of each document as audit_reconciliation shows them, but for their reviews: the document,
    the rule, the pages and boxes of both sides, and the fingerprint of the figures a review judges.
    Built by document (intermediate/reconciliation): a check's row depends only on its own document, the
    rules seed and that document's placements, so an added document costs its own rows. Reviews change
    with no document changing, so audit_reconciliation joins them when it is read.

    figures_fingerprint: both sides' amounts or percentages; a side with neither, such as a printed
    name, by a hash of its snippet.
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
        checks.figures_fingerprint
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

)

select * from final
