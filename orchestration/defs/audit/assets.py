"""The audit report asset: static HTML pages of every document's reconciliation findings.

It runs after dbt has built ``marts.audit_reconciliation`` into the run's private copy and reads it
there in one short read-only connection. For PDFs with findings it then renders the pages that hold a
finding, boxes drawn, and an annotated copy of the PDF (``page_marks``), writes the findings as CSV and
JSON (``finding_exports``), and links the index from the asset's metadata both as a path and as the URL
``make report`` serves it at (browsers refuse ``file://`` links from the Dagster UI). Everything goes to
the run's build folder and is published with the warehouse, so the pages always describe the warehouse
beside them.
"""

import os

import dagster as dg
import duckdb

from ingestion import config
from orchestration.defs.audit.finding_counts import FindingCounts, family_table_lines, read_counts
from orchestration.defs.audit.finding_exports import finding_rows, write_finding_exports
from orchestration.defs.audit.page_marks import attach_part_places, mark_documents
from orchestration.defs.audit.report_pages import ordered_findings, page_name, write_reports
from orchestration.defs.build_steps import once_per_build

AUDIT_MARTS = [dg.AssetKey(["marts", "audit_reconciliation"]), dg.AssetKey(["marts", "audit_document_quality"])]
# Where `make report` serves the reports folder (python -m http.server, bound to localhost).
REPORTS_URL = os.environ.get("BUDGET_REPORTS_URL", "http://127.0.0.1:8765/")
TOP_DOCUMENTS = 10


# Every placed fact of the documents with findings: the sources a summing side names by locator.
_PLACES = " union all ".join(
    f"select document_id, source_locator, source_page, source_bbox from marts.{mart} where source_bbox is not null"
    for mart in ("fct_line_item", "fct_reported_total", "fct_three_public_expense", "fct_project")
)


def read_finding_counts(database: str) -> FindingCounts:
    """The audit table's counts by status, rule family and review state (one short read-only connection)."""
    with duckdb.connect(database, read_only=True) as connection:
        return read_counts(connection)


def counts_metadata(counts: FindingCounts) -> dict:
    """The numbers the run summary and the report index print, on the report asset."""
    table = "\n".join(family_table_lines(counts))
    return {
        "checks_by_status": dg.MetadataValue.json(counts.by_status()),
        "checks_by_rule_family": dg.MetadataValue.md(f"```\n{table}\n```"),
        "fails_by_severity_and_family": dg.MetadataValue.json(counts.fails_by_severity()),
        "fail_reviews": dg.MetadataValue.json(counts.fail_reviews()),
    }


def read_audit_rows(database: str) -> tuple[list[dict], list[dict]]:
    """Documents (quality summary, with the file's path and format) and their non-passing checks, each
    side that sums several sources given their boxes (``page_marks.attach_part_places``)."""
    with duckdb.connect(database, read_only=True) as connection:
        documents = connection.execute(
            "select quality.*, document.source_path, document.source_format "
            "from marts.audit_document_quality as quality "
            "left join marts.dim_document as document using (document_id) "
            "where quality.document_status = 'parsed'"
        ).df()
        findings = connection.execute("select * from marts.audit_reconciliation where status <> 'pass'").df()
        places = {
            (document_id, locator): (page, box)
            for document_id, locator, page, box in connection.execute(
                f"select * from ({_PLACES}) where document_id in "
                "(select document_id from marts.audit_reconciliation where status <> 'pass')"
            ).fetchall()
        }
    clean = lambda frame: frame.astype(object).where(frame.notna(), None).to_dict("records")  # noqa: E731
    findings = clean(findings)
    attach_part_places(findings, places)
    return clean(documents), findings


def top_documents_table(documents: list[dict], url: str = REPORTS_URL) -> dg.TableMetadataValue:
    """The documents with the most failed checks (then rounding), each with its report page.

    The page is named relative to ``url`` (the ``index`` link): a full URL per row would squeeze the
    agency names into a narrow column of the UI's table."""
    ranked = sorted(documents, key=lambda d: (-(d["checks_failed"] or 0), -(d["checks_rounding"] or 0)))
    ranked = [d for d in ranked if (d["checks_failed"] or 0) + (d["checks_rounding"] or 0)][:TOP_DOCUMENTS]
    schema = dg.TableSchema(
        columns=[
            dg.TableColumn("agency", "string"),
            dg.TableColumn("year", "int"),
            dg.TableColumn("kind", "string"),
            dg.TableColumn("failed", "int"),
            dg.TableColumn("rounding", "int"),
            dg.TableColumn("report", "string", description=f"report page under {url}"),
        ]
    )
    records = [
        dg.TableRecord(
            {
                "agency": str(d["agency_name"]),
                "year": int(d["fiscal_year"]) if d["fiscal_year"] is not None else None,
                "kind": str(d["doc_kind"]),
                "failed": int(d["checks_failed"] or 0),
                "rounding": int(d["checks_rounding"] or 0),
                "report": page_name(d),
            }
        )
        for d in ranked
    ]
    return dg.MetadataValue.table(records=records, schema=schema)


@dg.asset(
    key=["reports", "audit_report"],
    deps=AUDIT_MARTS,
    group_name="reports",
    kinds={"html"},
    required_resource_keys={"warehouse_build"},
    description="One HTML page per document listing each reconciliation finding with both snippets and its review, "
    "and an index ranking documents by findings and listing the failed checks by rule family; for PDFs, the pages "
    "holding a finding rendered with both sides boxed and an "
    "annotated PDF; findings.csv and findings.json (written under warehouse/reports/, served by `make report`).",
)
@once_per_build("report", "the report pages already show the warehouse as built")
def audit_report(context: dg.AssetExecutionContext, build) -> dg.MaterializeResult:
    directory = build.working_folder("reports", linked=True)
    documents, findings = read_audit_rows(str(build.build_database))
    counts = read_finding_counts(str(build.build_database))
    by_document: dict[str, list[dict]] = {}
    for finding in findings:
        by_document.setdefault(finding["document_id"], []).append(finding)
    marked, cost = mark_documents(directory, documents, by_document, ordered_findings)
    written = write_reports(directory, documents, findings, marked, counts)
    csv_path, json_path = write_finding_exports(directory, finding_rows(by_document, ordered_findings, marked))
    context.log.info(
        f"wrote {len(written)} report pages, published with the warehouse to {config.reports_dir()}; rendered "
        f"{cost.pages} pages of {cost.documents} documents with findings in {cost.seconds:.2f}s "
        f"({cost.seconds_per_page:.3f}s per page); {cost.reused} documents' pages unchanged since the last build"
    )
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.url(REPORTS_URL + "index.html"),
            "index_path": dg.MetadataValue.path(str(config.reports_dir() / written[0].name)),
            "findings_csv": dg.MetadataValue.url(REPORTS_URL + csv_path.name),
            "findings_json": dg.MetadataValue.url(REPORTS_URL + json_path.name),
            "top_documents": top_documents_table(documents),
            "documents": len(documents),
            "findings": len(findings),
            "failed_checks": sum(1 for finding in findings if finding["status"] == "fail"),
            **counts_metadata(counts),
            "pages_rendered": cost.pages,
            "documents_reused": cost.reused,
            "marking_seconds": round(cost.seconds, 3),
            "seconds_per_rendered_page": round(cost.seconds_per_page, 4),
        }
    )
