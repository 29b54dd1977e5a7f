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
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

import dagster as dg

from ingestion import config
from orchestration import duckdb_settings
from orchestration.defs.audit.finding_counts import FindingCounts, family_table_lines, read_counts
from orchestration.defs.audit.finding_exports import register_marked, write_finding_exports
from orchestration.defs.audit.finding_tables import (
    create_finding_tables,
    document_digests,
    read_documents,
    read_findings,
)
from orchestration.defs.audit.index_rows import INDEX, IndexRows, family_sizes
from orchestration.defs.audit.index_rows import forget as forget_index_rows
from orchestration.defs.audit.page_marks import MEMO as MARKS_MEMO
from orchestration.defs.audit.page_marks import MarkingCost, mark_documents
from orchestration.defs.audit.report_pages import (
    PAGES_MEMO,
    ordered_findings,
    page_name,
    stale_documents,
    write_document_pages,
    write_index,
)
from orchestration.defs.build.reuse import OutputMemo, digest
from orchestration.defs.build_steps import once_per_build

AUDIT_MARTS = [dg.AssetKey(["marts", "audit_reconciliation"]), dg.AssetKey(["marts", "audit_document_quality"])]
# Where `make report` serves the reports folder (python -m http.server, bound to localhost).
REPORTS_URL = os.environ.get("BUDGET_REPORTS_URL", "http://127.0.0.1:8765/")
TOP_DOCUMENTS = 10
STALE_BATCH = 500  # documents whose findings are read into Python at once (~10 findings each)


def counts_metadata(counts: FindingCounts) -> dict:
    """The numbers the run summary and the report index print, on the report asset."""
    table = "\n".join(family_table_lines(counts))
    return {
        "checks_by_status": dg.MetadataValue.json(counts.by_status()),
        "checks_by_rule_family": dg.MetadataValue.md(f"```\n{table}\n```"),
        "fails_by_severity_and_family": dg.MetadataValue.json(counts.fails_by_severity()),
        "fail_reviews": dg.MetadataValue.json(counts.fail_reviews()),
    }


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


@dataclass
class Report:
    """What :func:`write_report` wrote and what it cost."""

    documents: list[dict]
    counts: FindingCounts
    rewritten: set[str]  # documents whose page was written (new or changed since the last build)
    pages: list[Path]  # every document's page (index apart)
    index: Path
    exports: tuple[Path, Path]
    marking: MarkingCost
    seconds: float


def write_report(database: str, directory: Path) -> Report:
    """Write the report into ``directory`` (a copy of the last one, or empty) from ``database``: the index,
    the pages of the documents whose findings changed (only they are read into Python), their marked PDF
    pages, and findings.csv / findings.json (written by DuckDB)."""
    started = perf_counter()
    with duckdb_settings.connect(database) as connection:
        create_finding_tables(connection)
        counts = read_counts(connection)
        documents = read_documents(connection)
        digests = document_digests(connection)
        pages_memo = OutputMemo(directory, PAGES_MEMO)
        stale = stale_documents(directory, digests, pages_memo)
        pages, marked, cost = _write_pages(connection, directory, documents, digests, stale, pages_memo)
        rows = IndexRows(connection, directory, digests)  # the rows of unchanged documents kept
        forget_index_rows(directory)
        rows.save(write_index(directory, documents, family_sizes(connection), rows, counts))
        index = directory / INDEX
        register_marked(connection, marked)
        exports = write_finding_exports(connection, directory, export_digests(digests, marked))
    return Report(documents, counts, stale, pages, index, exports, cost, perf_counter() - started)


def export_digests(digests: Mapping[str, str], marked: Mapping[str, Mapping]) -> dict[str, str]:
    """Per document, a digest of everything its rows of findings.csv / findings.json show: its page's digest
    (findings, places, document) and the page images and annotated PDF its rows link to."""
    return {
        document_id: digest(
            [
                inputs,
                sorted((int(page), image) for page, image in marks.get("images", {}).items()),
                marks.get("annotated"),
            ]
        )
        for document_id, inputs in digests.items()
        for marks in [marked.get(document_id, {})]
    }


def _write_pages(
    connection, directory: Path, documents: list[dict], digests: dict[str, str], stale: set[str], pages_memo
):
    """Keep the pages and page images of unchanged documents (``pages_memo`` recalled them when it named the
    ``stale`` ones); mark and write those of the ``stale`` ones, ``STALE_BATCH`` documents' findings in Python
    at a time (a full build: every document); then remove what deleted documents had. Returns the pages,
    every document's marks and their cost."""
    marks_memo = OutputMemo(directory, MARKS_MEMO)
    unchanged = [document for document in documents if document["document_id"] not in stale]
    marked, cost = mark_documents(
        directory, [], {}, ordered_findings, [document["document_id"] for document in unchanged], marks_memo
    )
    pages = [directory / page_name(document) for document in unchanged]
    changed = [document for document in documents if document["document_id"] in stale]
    for start in range(0, len(changed), STALE_BATCH):
        batch = changed[start : start + STALE_BATCH]
        by_document: dict[str, list[dict]] = {}
        for finding in read_findings(connection, [document["document_id"] for document in batch]):
            by_document.setdefault(finding["document_id"], []).append(finding)
        batch_marked, _ = mark_documents(directory, batch, by_document, ordered_findings, (), marks_memo, cost)
        marked.update(batch_marked)
        pages += write_document_pages(directory, batch, by_document, marked, digests, pages_memo)
    for memo in (marks_memo, pages_memo):
        memo.save()
        memo.remove_forgotten(directory)
    return pages, marked, cost


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
    report = write_report(str(build.build_database), build.working_folder("reports", linked=True))
    cost, statuses = report.marking, report.counts.by_status()
    context.log.info(
        f"{len(report.rewritten)} of {len(report.documents)} documents' findings changed: only their pages were "
        f"written; {len(report.pages) + 1} report pages published with the warehouse to {config.reports_dir()} "
        f"({report.seconds:.2f}s); rendered {cost.pages} pages of {cost.documents} documents with findings in "
        f"{cost.seconds:.2f}s ({cost.seconds_per_page:.3f}s per page); {cost.reused} documents' page images "
        "unchanged since the last build"
    )
    csv_path, json_path = report.exports
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.url(REPORTS_URL + "index.html"),
            "index_path": dg.MetadataValue.path(str(config.reports_dir() / report.index.name)),
            "findings_csv": dg.MetadataValue.url(REPORTS_URL + csv_path.name),
            "findings_json": dg.MetadataValue.url(REPORTS_URL + json_path.name),
            "top_documents": top_documents_table(report.documents),
            "documents": len(report.documents),
            "documents_rewritten": len(report.rewritten),
            "findings": sum(count for status, count in statuses.items() if status != "pass"),
            "failed_checks": statuses["fail"],
            **counts_metadata(report.counts),
            "pages_rendered": cost.pages,
            "documents_reused": cost.reused,
            "marking_seconds": round(cost.seconds, 3),
            "seconds_per_rendered_page": round(cost.seconds_per_page, 4),
        }
    )
