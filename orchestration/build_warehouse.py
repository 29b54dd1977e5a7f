"""The run command: build the warehouse from the inbox folders through the Dagster job, then summarise.

``python -m orchestration.build_warehouse`` (what ``make run`` calls) materializes ``warehouse_job`` in
this process against the project's Dagster instance (``DAGSTER_HOME``), so the run also appears in the
UI's history, and prints what the warehouse now holds. Exit code 1 if the run failed.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter

from ingestion import config


def _prepare_environment() -> None:
    config.export_environment()
    home = os.environ.setdefault("DAGSTER_HOME", str(config.PROJECT_ROOT / "dagster_home"))
    os.makedirs(home, exist_ok=True)


def _check_outcomes(result) -> Counter:
    outcomes: Counter = Counter()
    for evaluation in result.get_asset_check_evaluations():
        if evaluation.passed:
            outcomes["passed"] += 1
        elif evaluation.severity.value == "WARN":
            outcomes["warned"] += 1
        else:
            outcomes["failed"] += 1
    return outcomes


STATUSES = ("pass", "rounding", "fail", "unverified")
FINDINGS_CHECKS = {  # the dbt tests on audit_reconciliation that list its failed checks, by rule severity
    "error": "audit_reconciliation_has_no_error_findings",
    "warning": "audit_reconciliation_has_no_warning_findings",
}


def _findings_check_counts(result) -> dict[str, int]:
    """Failed rows each findings asset check reported (dagster-dbt's failed_row_count), by check name."""
    counts = {}
    for evaluation in result.get_asset_check_evaluations():
        if evaluation.check_name in FINDINGS_CHECKS.values():
            value = evaluation.metadata.get("dagster_dbt/failed_row_count")
            counts[evaluation.check_name] = int(value.value) if value is not None else 0
    return counts


def summarise_findings(rows: list[tuple[str, str, str, int]], check_counts: dict[str, int]) -> list[str]:
    """The summary lines of marts.audit_reconciliation: checks by status, failed checks by rule family and
    by severity, each severity beside the count its Dagster asset check reported (they must agree).

    ``rows`` are (status, rule_family, severity, count); ``check_counts`` maps a findings check to its
    failed-row count (absent when the check did not run)."""
    by_status = dict.fromkeys(STATUSES, 0)
    fails_by_family: dict[str, int] = {}
    fails_by_severity = dict.fromkeys(FINDINGS_CHECKS, 0)
    for status, family, severity, count in rows:
        by_status[status] = by_status.get(status, 0) + count
        if status == "fail":
            fails_by_family[family] = fails_by_family.get(family, 0) + count
            fails_by_severity[severity] = fails_by_severity.get(severity, 0) + count
    lines = [
        "reconciliation: " + ", ".join(f"{count} {status}" for status, count in by_status.items()),
        "fail by family: " + (", ".join(f"{family} {n}" for family, n in sorted(fails_by_family.items())) or "none"),
    ]
    for severity, check_name in FINDINGS_CHECKS.items():
        reported = check_counts.get(check_name)
        agreement = "asset check did not run" if reported is None else f"asset check {check_name}: {reported}"
        if reported is not None and reported != fails_by_severity[severity]:
            agreement += " (DISAGREES)"
        lines.append(f"{severity} findings: {fails_by_severity[severity]} ({agreement})")
    return lines


def _findings_rows() -> list[tuple[str, str, str, int]]:
    import duckdb

    query = "select status, rule_family, severity, count(*) from marts.audit_reconciliation group by all"
    try:
        with duckdb.connect(str(config.duckdb_path()), read_only=True) as connection:
            return connection.execute(query).fetchall()
    except duckdb.Error:
        return []


def _warehouse_counts() -> dict[str, int]:
    """Row counts of the marts, read in one short read-only connection after dbt has finished."""
    import duckdb

    queries = {
        "documents parsed": "select count(*) from marts.dim_document where status = 'parsed'",
        "documents rejected": "select count(*) from marts.dim_document where status = 'rejected'",
        "agencies": "select count(*) from marts.dim_agency",
        "line items": "select count(*) from marts.fct_line_item",
        "reported totals": "select count(*) from marts.fct_reported_total",
        "三公 figures": "select count(*) from marts.fct_three_public_expense",
        "projects": "select count(*) from marts.fct_project",
    }
    counts: dict[str, int] = {}
    with duckdb.connect(str(config.duckdb_path()), read_only=True) as connection:
        for label, query in queries.items():
            try:
                counts[label] = connection.execute(query).fetchone()[0]
            except duckdb.Error:
                counts[label] = -1
    return counts


def main() -> int:
    _prepare_environment()
    from orchestration.dbt_manifest import ensure_manifest

    print(f"Reading documents from: {', '.join(str(path) for path in config.inbox_dirs())}", flush=True)
    ensure_manifest()  # parsed again only when a model, macro or seed changed since the last parse
    import dagster as dg

    from orchestration.definitions import defs

    job = defs.resolve_job_def("warehouse_job")
    quiet_logs = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}  # progress, not debug events
    started = time.monotonic()
    result = job.execute_in_process(run_config=quiet_logs, instance=dg.DagsterInstance.get(), raise_on_error=False)
    seconds = time.monotonic() - started
    checks = _check_outcomes(result)
    print("\n=== Budget warehouse ===")
    print(f"run: {'succeeded' if result.success else 'FAILED'} in {seconds:.1f} s (run id {result.run_id})")
    if config.duckdb_path().exists():
        for label, count in _warehouse_counts().items():
            print(f"{label:>20}: {count}")
        for line in summarise_findings(_findings_rows(), _findings_check_counts(result)):
            label, _, text = line.partition(": ")
            print(f"{label:>20}: {text}")
    print(f"{'dbt tests':>20}: {checks['passed']} passed, {checks['warned']} warned, {checks['failed']} failed")
    print(f"{'DuckDB file':>20}: {config.duckdb_path()}")
    print(f"{'audit report':>20}: {config.reports_dir() / 'index.html'}")
    print("Example queries: warehouse/queries/*.sql (open the file read-only with the duckdb CLI or Python)")
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
