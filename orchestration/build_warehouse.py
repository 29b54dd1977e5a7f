"""The run command: build the warehouse from the inbox folders through the Dagster job, then summarise.

``python -m orchestration.build_warehouse`` (what ``make run`` calls) materializes ``warehouse_job`` in
this process against the project's Dagster instance (``DAGSTER_HOME``), so the run also appears in the
UI's history, and prints what the warehouse now holds. When no inbox file was added, changed or removed
and the models and reviews are those the published warehouse was built from
(:func:`orchestration.build_state.inbox_unchanged`, a ``stat`` per file), it starts no run at all and
prints what the warehouse holds: a run with nothing new costs a directory listing, not a Dagster run.

It takes the build lock (:mod:`orchestration.build_lock`) before anything else, so a second build is
told at once, in one line, whose build it waits for (``--no-wait``: exit instead). Exit codes: 0 built
and published (or nothing to build), 1 the run failed (the previous warehouse is unchanged), 3 another
build held the lock.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass

from ingestion import config
from orchestration.build_lock import BuildLock, LockTimeout
from orchestration.defs.audit.finding_counts import FAILED_BY_FAMILY, FindingCounts, family_table_lines, read_counts

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


FINDINGS_CHECKS = {  # the dbt tests on audit_reconciliation that list its failed checks, by rule severity
    "error": "audit_reconciliation_has_no_error_findings",
    "warning": "audit_reconciliation_has_no_warning_findings",
}


@dataclass(frozen=True)
class CheckReport:
    """What one findings asset check reported: its failed rows, and those rows per rule family (``None``
    when its stored rows could not be read)."""

    failed_rows: int
    by_family: dict[str, int] | None


def findings_check_reports(result) -> dict[str, CheckReport]:
    """The findings asset checks' failed-row counts (dagster-dbt's failed_row_count) and the failed rows per
    family their metadata carries (orchestration/defs/dbt/check_metadata.py), by check name."""
    reports = {}
    for evaluation in result.get_asset_check_evaluations():
        if evaluation.check_name in FINDINGS_CHECKS.values():
            count = evaluation.metadata.get("dagster_dbt/failed_row_count")
            families = evaluation.metadata.get(FAILED_BY_FAMILY)
            failed = int(count.value) if count is not None else 0
            by_family = dict(families.value) if families is not None else ({} if failed == 0 else None)
            reports[evaluation.check_name] = CheckReport(failed, by_family)
    return reports


def _families(counts: dict[str, int]) -> str:
    return ", ".join(f"{family} {n}" for family, n in counts.items()) or "none"


def summarise_findings(
    counts: FindingCounts, checks: dict[str, CheckReport], ran: bool = True
) -> list[tuple[str, str]]:
    """The summary lines of marts.audit_reconciliation, as (label, text): checks by status, the status ×
    rule family table, failed checks by severity and family — each beside what its Dagster asset check
    reported, family by family (they must agree) — and the review states of the failed checks."""
    statuses = counts.by_status()
    lines = [("reconciliation", ", ".join(f"{n} {status}" for status, n in statuses.items()))]
    table = family_table_lines(counts)
    lines += [("by rule family", table[0])] + [("", line) for line in table[1:]]
    for severity, families in counts.fails_by_severity().items():
        check_name = FINDINGS_CHECKS.get(severity)
        report = checks.get(check_name) if check_name else None
        total = sum(families.values())
        if not ran:
            agreement = "no run: as the last build left them"
        elif report is None:
            agreement = "asset check did not run"
        else:
            same = report.failed_rows == total and report.by_family in (None, families)
            agreement = f"asset check {check_name}: {report.failed_rows}" + (
                "" if report.by_family is None or report.by_family == families else f" ({_families(report.by_family)})"
            )
            agreement += " — agrees" if same else " — DISAGREES"
        lines.append((f"{severity} findings", f"{total}: {_families(families)} ({agreement})"))
    reviews = counts.fail_reviews()
    lines.append(("fail reviews", ", ".join(f"{n} {state}" for state, n in reviews.items())))
    return lines


def _findings_counts() -> FindingCounts:
    import duckdb

    from orchestration.duckdb_settings import connect

    try:
        with connect(config.duckdb_path()) as connection:
            return read_counts(connection)
    except duckdb.Error:
        return FindingCounts()


def _warehouse_counts() -> dict[str, int]:
    """Row counts of the marts, read in one short read-only connection after the build was published."""
    import duckdb

    from orchestration.duckdb_settings import connect

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
    with connect(config.duckdb_path()) as connection:
        for label, query in queries.items():
            try:
                counts[label] = connection.execute(query).fetchone()[0]
            except duckdb.Error:
                counts[label] = -1
    return counts


def _print_summary(result, seconds: float) -> None:
    """What the warehouse holds after the run ``result`` (``None``: no run was needed, nothing changed)."""
    print("\n=== Budget warehouse ===")
    if result is None:
        print(f"run: unchanged in {seconds:.1f} s ({UNCHANGED})")
    else:
        outcome = "succeeded" if result.success else "FAILED (the previous warehouse is unchanged)"
        print(f"run: {outcome} in {seconds:.1f} s (run id {result.run_id})")
    if config.duckdb_path().exists():
        try:
            for label, count in _warehouse_counts().items():
                print(f"{label:>20}: {count}")
            reports = findings_check_reports(result) if result is not None else {}
            for label, text in summarise_findings(_findings_counts(), reports, ran=result is not None):
                print(f"{label:>20}{':' if label else ' '} {text}")
        except Exception as error:  # noqa: BLE001 - e.g. another process holds the file read-write
            print(f"{'counts':>20}: unavailable ({str(error).splitlines()[0]})")
    if result is not None:
        checks = _check_outcomes(result)
        print(f"{'asset checks':>20}: {checks['passed']} passed, {checks['warned']} warned, {checks['failed']} failed")
    print(f"{'DuckDB file':>20}: {config.duckdb_path()}")
    print(f"{'audit report':>20}: {config.reports_dir() / 'index.html'}")
    print("Example queries: warehouse/queries/*.sql (open the file read-only with the duckdb CLI or Python)")


UNCHANGED = (
    "no file added, changed or removed, same models and reviews since the last build: no run started; "
    "--even-if-unchanged runs the job anyway"
)


def _nothing_changed() -> bool:
    from orchestration import build_state

    return build_state.inbox_unchanged()


def _run_job(run_id: str):
    from orchestration.dbt_manifest import ensure_manifest

    ensure_manifest()  # parsed again only when a model, macro or seed changed since the last parse
    # Importing Dagster, dbt (through dagster-dbt) and the definitions creates millions of objects that
    # live as long as the process; each full collection the allocations trigger walked all of them again
    # (measured: the import takes 3.4 s of CPU, 2.7 s without them). Collected never during the import,
    # then frozen: later collections look only at what the run itself creates.
    gc.disable()
    try:
        import dagster as dg

        from orchestration.definitions import defs
        from orchestration.defs.build.runs import fail_dead_runs

        instance = dg.DagsterInstance.get()
    finally:
        gc.freeze()
        gc.enable()
    for dead in fail_dead_runs(instance):
        print(f"marked run {dead} failed: its process had died", flush=True)
    job = defs.resolve_job_def("warehouse_job")
    quiet_logs = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}  # progress, not debug events
    return job.execute_in_process(run_config=quiet_logs, instance=instance, raise_on_error=False, run_id=run_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the budget warehouse from the inbox folders.")
    parser.add_argument("--no-wait", action="store_true", help="exit (code 3) if another build holds the warehouse")
    parser.add_argument(
        "--even-if-unchanged",
        action="store_true",
        help="run the Dagster job even when the inbox, the models and the reviews are those of the last build",
    )
    args = parser.parse_args(argv)
    _prepare_environment()
    run_id = str(uuid.uuid4())
    lock = BuildLock(config.duckdb_path())
    announce = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    try:
        with lock.hold(run_id, wait_seconds=0 if args.no_wait else None, on_wait=announce):
            print(f"Reading documents from: {', '.join(str(path) for path in config.inbox_dirs())}", flush=True)
            started = time.monotonic()
            result = None if not args.even_if_unchanged and _nothing_changed() else _run_job(run_id)
            seconds = time.monotonic() - started
    except LockTimeout as busy:
        print(f"error: {busy}", file=sys.stderr, flush=True)
        return EXIT_LOCKED
    _print_summary(result, seconds)
    return 0 if result is None or result.success else 1


if __name__ == "__main__":
    code = main()
    # The interpreter's last collection on exit walked every object the run left (1.8 s at 10,000
    # documents, beside other builds); frozen, they are left to the operating system. Exit handlers still run.
    gc.freeze()
    sys.exit(code)
