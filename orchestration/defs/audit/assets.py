"""The audit report asset: static HTML pages of every document's reconciliation findings.

It runs after dbt has built ``marts.audit_reconciliation`` and reads it in one short read-only
connection (never while dbt writes), then links the index page from the asset's metadata.
"""

import dagster as dg
import duckdb

from ingestion import config
from orchestration import build_state
from orchestration.defs.audit.report_pages import write_reports

AUDIT_MARTS = [dg.AssetKey(["marts", "audit_reconciliation"]), dg.AssetKey(["marts", "audit_document_quality"])]


def read_audit_rows(database: str) -> tuple[list[dict], list[dict]]:
    """Documents (quality summary) and their non-passing checks, as plain dicts."""
    with duckdb.connect(database, read_only=True) as connection:
        documents = connection.execute(
            "select * from marts.audit_document_quality where document_status = 'parsed'"
        ).df()
        findings = connection.execute("select * from marts.audit_reconciliation where status <> 'pass'").df()
    clean = lambda frame: frame.astype(object).where(frame.notna(), None).to_dict("records")  # noqa: E731
    return clean(documents), clean(findings)


@dg.asset(
    key=["reports", "audit_report"],
    deps=AUDIT_MARTS,
    group_name="reports",
    kinds={"html"},
    description="One HTML page per document listing each reconciliation finding with both snippets, and an index "
    "ranking documents by findings (written under warehouse/reports/).",
)
def audit_report(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    if build_state.step_is_current("report"):
        context.log.info("the report pages already show the warehouse as built: not rewritten")
        return dg.MaterializeResult(metadata={"rewritten": False})
    documents, findings = read_audit_rows(str(config.duckdb_path()))
    written = write_reports(config.reports_dir(), documents, findings)
    context.log.info(f"wrote {len(written)} report pages to {config.reports_dir()}")
    build_state.record_step("report")
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.url(written[0].as_uri()),
            "index_path": dg.MetadataValue.path(str(written[0])),
            "documents": len(documents),
            "findings": len(findings),
            "failed_checks": sum(1 for finding in findings if finding["status"] == "fail"),
        }
    )
