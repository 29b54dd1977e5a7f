"""The run command: build the warehouse from the inbox folders through the Dagster job, then summarise.

``python -m orchestration.build_warehouse`` (what ``make run`` calls) materializes ``warehouse_job`` in
this process against the project's Dagster instance (``DAGSTER_HOME``), so the run also appears in the
UI's history, and prints what the warehouse now holds.

It takes the build lock (:mod:`orchestration.build_lock`) before anything else, so a second build is
told at once, in one line, whose build it waits for (``--no-wait``: exit instead). Exit codes: 0 built
and published, 1 the run failed (the previous warehouse is unchanged), 3 another build held the lock.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from collections import Counter

from ingestion import config
from orchestration.build_lock import BuildLock, LockTimeout

EXIT_LOCKED = 3


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
    """Row counts of the marts, read in one short read-only connection after the build was published."""
    import duckdb

    queries = {
        "documents parsed": "select count(*) from marts.dim_document where status = 'parsed'",
        "documents rejected": "select count(*) from marts.dim_document where status = 'rejected'",
        "duplicates, skipped": "select count(*) from marts.dim_document where status in ('duplicate', 'skipped')",
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


def _print_summary(result, seconds: float) -> None:
    checks = _check_outcomes(result)
    print("\n=== Budget warehouse ===")
    outcome = "succeeded" if result.success else "FAILED (the previous warehouse is unchanged)"
    print(f"run: {outcome} in {seconds:.1f} s (run id {result.run_id})")
    if config.duckdb_path().exists():
        try:
            for label, count in _warehouse_counts().items():
                print(f"{label:>20}: {count}")
            for line in summarise_findings(_findings_rows(), _findings_check_counts(result)):
                label, _, text = line.partition(": ")
                print(f"{label:>20}: {text}")
        except Exception as error:  # noqa: BLE001 - e.g. another process holds the file read-write
            print(f"{'counts':>20}: unavailable ({str(error).splitlines()[0]})")
    print(f"{'dbt tests':>20}: {checks['passed']} passed, {checks['warned']} warned, {checks['failed']} failed")
    print(f"{'DuckDB file':>20}: {config.duckdb_path()}")
    print(f"{'audit report':>20}: {config.reports_dir() / 'index.html'}")
    print("Example queries: warehouse/queries/*.sql (open the file read-only with the duckdb CLI or Python)")


def _run_job(run_id: str):
    from orchestration.dbt_manifest import ensure_manifest

    ensure_manifest()  # parsed again only when a model, macro or seed changed since the last parse
    import dagster as dg

    from orchestration.definitions import defs
    from orchestration.defs.build.runs import fail_dead_runs

    instance = dg.DagsterInstance.get()
    for dead in fail_dead_runs(instance):
        print(f"marked run {dead} failed: its process had died", flush=True)
    job = defs.resolve_job_def("warehouse_job")
    quiet_logs = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}  # progress, not debug events
    return job.execute_in_process(run_config=quiet_logs, instance=instance, raise_on_error=False, run_id=run_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the budget warehouse from the inbox folders.")
    parser.add_argument("--no-wait", action="store_true", help="exit (code 3) if another build holds the warehouse")
    args = parser.parse_args(argv)
    _prepare_environment()
    run_id = str(uuid.uuid4())
    lock = BuildLock(config.duckdb_path())
    announce = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    try:
        with lock.hold(run_id, wait_seconds=0 if args.no_wait else None, on_wait=announce):
            print(f"Reading documents from: {', '.join(str(path) for path in config.inbox_dirs())}", flush=True)
            started = time.monotonic()
            result = _run_job(run_id)
            seconds = time.monotonic() - started
    except LockTimeout as busy:
        print(f"error: {busy}", file=sys.stderr, flush=True)
        return EXIT_LOCKED
    _print_summary(result, seconds)
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
