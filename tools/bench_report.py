"""Benchmark: what the audit report costs on a built warehouse, pages drawn and PDFs annotated.

    python -m tools.bench_report [warehouse.duckdb]   (default: BUDGET_DUCKDB_PATH)

Reads the findings once (read-only), then writes the whole report into a temporary folder as the
``reports/audit_report`` asset does and prints: documents and findings, documents with placed
findings, pages rendered, seconds for rendering (PDFium + Pillow) and annotating (pypdf), seconds per
rendered page, the HTML and export time, and the total.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from time import perf_counter

from ingestion import config
from orchestration.defs.audit.assets import read_audit_rows
from orchestration.defs.audit.finding_exports import finding_rows, write_finding_exports
from orchestration.defs.audit.page_marks import mark_documents
from orchestration.defs.audit.report_pages import ordered_findings, write_reports


def main(argv: list[str]) -> None:
    database = argv[0] if argv else str(config.duckdb_path())
    started = perf_counter()
    documents, findings = read_audit_rows(database)
    read = perf_counter() - started
    by_document: dict[str, list[dict]] = {}
    for finding in findings:
        by_document.setdefault(finding["document_id"], []).append(finding)
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        marked, cost = mark_documents(directory, documents, by_document, ordered_findings)
        step = perf_counter()
        write_reports(directory, documents, findings, marked)
        write_finding_exports(directory, finding_rows(by_document, ordered_findings, marked))
        pages_and_exports = perf_counter() - step
    total = perf_counter() - started
    print(f"warehouse            {database}")
    print(f"documents            {len(documents)} ({cost.documents} with placed findings)")
    print(f"findings             {len(findings)}")
    print(f"pages rendered       {cost.pages}")
    print(f"read findings        {read:.2f} s")
    print(f"render pages         {cost.render_seconds:.2f} s ({cost.render_seconds / max(cost.pages, 1):.3f} s/page)")
    print(
        f"annotate PDFs        {cost.annotate_seconds:.2f} s "
        f"({cost.annotate_seconds / max(cost.documents, 1):.3f} s/document)"
    )
    print(f"marks, all in        {cost.seconds:.2f} s ({cost.seconds_per_page:.3f} s per rendered page)")
    print(f"HTML + CSV/JSON      {pages_and_exports:.2f} s")
    print(f"report total         {total:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
