{{ config(meta={"dagster": {"ref": {"name": "audit_document_quality"}}}) }}

{#- The per-document summary counts exactly the checks audit_reconciliation lists. -#}

with

quality as (

    select * from {{ ref('audit_document_quality') }}

),

audit as (

    select
        document_id,
        count(*) as checks_run,
        count(*) filter (where status = 'fail') as checks_failed
    from {{ ref('audit_reconciliation') }}
    group by document_id

),

final as (

    select
        quality.document_id,
        quality.checks_run,
        coalesce(audit.checks_run, 0) as audited_checks,
        quality.checks_failed,
        coalesce(audit.checks_failed, 0) as audited_failures
    from quality
    left join audit
        on quality.document_id = audit.document_id
    where quality.checks_run <> coalesce(audit.checks_run, 0)
        or quality.checks_failed <> coalesce(audit.checks_failed, 0)

)

select * from final
