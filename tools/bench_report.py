"""Benchmark: what the audit report costs on a built warehouse, from scratch and on a second build.

    python -m tools.bench_report [warehouse.duckdb]   (default: BUDGET_DUCKDB_PATH)

Writes the whole report into an empty temporary folder as the ``reports/audit_report`` asset does
(``write_report``: digests per document in DuckDB, pages, marked PDF pages, index, findings.csv/json),
then once more into a hard-linked copy of it, as the next build does (nothing changed: no page is
written, no finding is read into Python). Prints for each: documents rewritten, findings, pages
rendered and their seconds (PDFium + Pillow, pypdf), the export time, the total and the peak resident
memory of this process.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path
from time import perf_counter

import duckdb

from ingestion import config
from orchestration.defs.audit import assets
from orchestration.defs.audit.assets import write_report


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_exports(seconds: dict) -> None:
    """Time the CSV/JSON writer inside ``write_report``."""
    writer = assets.write_finding_exports

    def timed(connection: duckdb.DuckDBPyConnection, directory: Path, *digests):
        started = perf_counter()
        try:
            return writer(connection, directory, *digests)
        finally:
            seconds["exports"] = perf_counter() - started

    assets.write_finding_exports = timed


def run(label: str, database: str, directory: Path) -> None:
    seconds: dict[str, float] = {}
    _timed_exports(seconds)
    report = write_report(database, directory)
    cost, statuses = report.marking, report.counts.by_status()
    findings = sum(count for status, count in statuses.items() if status != "pass")
    print(f"-- {label}")
    print(f"documents            {len(report.documents)} ({len(report.rewritten)} pages written)")
    print(f"findings             {findings}")
    print(f"pages rendered       {cost.pages} ({cost.documents} documents; {cost.reused} documents' images kept)")
    print(f"render + annotate    {cost.render_seconds:.2f} s + {cost.annotate_seconds:.2f} s")
    print(f"CSV/JSON (DuckDB)    {seconds.get('exports', 0.0):.2f} s")
    print(f"report total         {report.seconds:.2f} s")
    print(f"peak RSS so far      {_peak_mb():.0f} MB")


def main(argv: list[str]) -> None:
    database = argv[0] if argv else str(config.duckdb_path())
    print(f"warehouse            {database}")
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "first", Path(folder) / "second"
        run("full (empty folder)", database, first)
        shutil.copytree(first, second, copy_function=os.link)  # as WarehouseBuild.working_folder(linked=True)
        run("next build, nothing changed (hard-linked copy)", database, second)


if __name__ == "__main__":
    main(sys.argv[1:])
