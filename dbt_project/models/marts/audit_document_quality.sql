{#-
    One row per current or rejected document (superseded versions are history in dim_document): how
    many checks ran, passed, rounded, failed and could not be decided (unverified), and the share of the
    document's amounts (line items, stated totals, 三公 figures) that at least one amount check covered.
    The version columns say which version of the disclosure was checked.

    Built by document (dbt_project.yml): a document's counts come from its own checks, amounts and
    extraction issues, which do not change while it stays current; its row also carries its documents
    row (file name, version number and count), which can change without it (another version added or
    deleted). So an add-one run computes the rows of the documents not held yet with that same
    documents row, and the pre-hook drops the rows of documents no longer reported.
-#}

{%- set documents_row_columns = {
    'agency_id': 'agency_id', 'agency_name': 'agency_name', 'fiscal_year': 'fiscal_year',
    'doc_kind': 'doc_kind', 'source_file': 'source_file', 'sha256': 'sha256',
    'file_modified_at': 'file_modified_at', 'version_number': 'version_number',
    'version_count': 'version_count', 'document_status': 'status',
} %}

with

reported_documents as (

    select * from {{ ref('int_documents_identified') }}
    where {{ is_reported_document() }}

),

documents as (

    select * from reported_documents
    {%- if is_incremental() %}
    where not exists (
        select 1 from {{ this }} as held
        where held.document_id = reported_documents.document_id
        {%- for column, source_column in documents_row_columns.items() %}
            and held.{{ column }} is not distinct from reported_documents.{{ source_column }}
        {%- endfor %}
    )
    {%- endif %}

),

checks as (

    select * from {{ ref('int_reconciliation_checks_unioned') }}
    where document_id in (select document_id from documents)

),

rules as (

    select * from {{ ref('reconciliation_rules') }}

),

amounts as (

    select * from {{ ref('int_figures_unioned') }}
    where document_id in (select document_id from documents)

),

extraction_issues as (

    select * from {{ ref('stg_ingested__extraction_issues') }}
    where document_id in {{ current_document_ids() }}
        and document_id in (select document_id from documents)

),

covered_facts as (

    select distinct
        document_id,
        unnest(fact_ids) as fact_id
    from checks
    where expected_yuan is not null

),

coverage as (

    select
        amounts.document_id,
        count(*) as amount_count,
        count(covered_facts.fact_id) as amounts_checked_count
    from amounts
    left join covered_facts
        on amounts.document_id = covered_facts.document_id
        and amounts.fact_id = covered_facts.fact_id
    group by amounts.document_id

),

check_summary as (

    select
        checks.document_id,
        count(*) as checks_run,
        count(*) filter (where checks.status = 'pass') as checks_passed,
        count(*) filter (where checks.status = 'rounding') as checks_rounding,
        count(*) filter (where checks.status = 'fail') as checks_failed,
        count(*) filter (where checks.status = 'unverified') as checks_unverified,
        count(*) filter (where checks.status = 'fail' and rules.severity = 'error') as error_findings,
        count(*) filter (where checks.status = 'fail' and rules.severity = 'warning') as warning_findings,
        max(abs(checks.difference_yuan)) filter (where checks.status = 'fail') as largest_difference_yuan,
        string_agg(distinct checks.rule_id, ', ' order by checks.rule_id) filter (where checks.status = 'fail')
            as failed_rule_ids
    from checks
    left join rules
        on checks.rule_id = rules.rule_id
    group by checks.document_id

),

issue_counts as (

    select document_id, count(*) as extraction_issue_count
    from extraction_issues
    group by document_id

),

final as (

    select
        documents.document_id,
        documents.agency_id,
        documents.agency_name,
        documents.fiscal_year,
        documents.doc_kind,
        documents.source_file,
        documents.sha256,
        documents.file_modified_at,
        documents.version_number,
        documents.version_count,
        documents.status as document_status,
        coalesce(check_summary.checks_run, 0) as checks_run,
        coalesce(check_summary.checks_passed, 0) as checks_passed,
        coalesce(check_summary.checks_rounding, 0) as checks_rounding,
        coalesce(check_summary.checks_failed, 0) as checks_failed,
        coalesce(check_summary.checks_unverified, 0) as checks_unverified,
        coalesce(check_summary.error_findings, 0) as error_findings,
        coalesce(check_summary.warning_findings, 0) as warning_findings,
        check_summary.largest_difference_yuan,
        check_summary.failed_rule_ids,
        coalesce(coverage.amount_count, 0) as amount_count,
        coalesce(coverage.amounts_checked_count, 0) as amounts_checked_count,
        case
            when coverage.amount_count > 0
                then round(coverage.amounts_checked_count / coverage.amount_count, 4)
        end as amount_coverage_share,
        coalesce(issue_counts.extraction_issue_count, 0) as extraction_issue_count,
        case
            when documents.status <> 'parsed' then 'rejected'
            when coalesce(check_summary.checks_run, 0) = 0 then 'not_checked'
            when check_summary.error_findings > 0 then 'fails'
            when check_summary.warning_findings > 0 then 'warnings'
            when check_summary.checks_rounding > 0 then 'rounding'
            else 'reconciled'
        end as reconciliation_outcome
    from documents
    left join check_summary
        on documents.document_id = check_summary.document_id
    left join coverage
        on documents.document_id = coverage.document_id
    left join issue_counts
        on documents.document_id = issue_counts.document_id

)

select * from final
