"""The audit report asset: static HTML pages of every document's reconciliation findings.

It runs after dbt has built ``marts.audit_reconciliation`` into the run's private copy and reads it
there in one short read-only connection; the pages go to the run's build folder and are published
with the warehouse, so the pages always describe the warehouse beside them.
"""

import dagster as dg
import duckdb

from ingestion import config
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
    required_resource_keys={"warehouse_build"},
    description="One HTML page per document listing each reconciliation finding with both snippets, and an index "
    "ranking documents by findings (written under warehouse/reports/).",
)
def audit_report(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    build = context.resources.warehouse_build.build
    documents, findings = read_audit_rows(str(build.build_database))
    written = write_reports(build.build_reports_dir, documents, findings)
    context.log.info(f"wrote {len(written)} report pages, published with the warehouse to {config.reports_dir()}")
    published_index = config.reports_dir() / written[0].name
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.url(published_index.as_uri()),
            "index_path": dg.MetadataValue.path(str(published_index)),
            "documents": len(documents),
            "findings": len(findings),
            "failed_checks": sum(1 for finding in findings if finding["status"] == "fail"),
        }
    )
