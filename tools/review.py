"""Record a reviewer's decision on a finding, with the figures it judged, in the review folder.

    python -m tools.review confirm <check_id> --reason "…" --by "王审"
    python -m tools.review dismiss <check_id> --reason "misread: 201 continues on page 7" --by "王审"
    python -m tools.review list [--all]

``confirm`` / ``dismiss`` look the check up in the published warehouse (``marts.audit_reconciliation``,
read-only), then append one row to ``reviews.csv`` in the review folder (``BUDGET_REVIEWS_DIR``,
default ``warehouse/reviews/``; see its README.md): the check id, the decision, the reason, who, when
(UTC) and the check's ``figures_fingerprint`` — the figures the reviewer judged, so that the next build
reopens the review if they change — plus the document, rule and scope for people reading the file.
The next build (``make run``) shows the review in ``audit_reconciliation`` and the report. Nothing is
ever rewritten: a later row about the same check replaces the earlier decision, and the file keeps the
trail. ``list`` prints the failed checks with their review state (``--all``: every non-passing check).
Exit codes: 0 written, 2 the check or the warehouse was not found.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import UTC, datetime
from pathlib import Path

from ingestion import config

REVIEW_FILE = "reviews.csv"
# The columns of a review file (warehouse/reviews/reviews.template.csv holds the same header).
COLUMNS = [
    "check_id",
    "decision",
    "reason",
    "reviewed_by",
    "reviewed_at",
    "figures_fingerprint",
    "source_file",
    "rule_id",
    "scope",
]
DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed"}
CHECK_COLUMNS = "check_id, source_file, rule_id, scope, status, figures_fingerprint, review_state, detail"


class CheckNotFound(LookupError):
    pass


def read_check(database: Path, check_id: str) -> dict:
    """The audit row of ``check_id`` in the published warehouse (one short read-only connection)."""
    import duckdb

    if not database.exists():
        raise CheckNotFound(f"no warehouse at {database}: build it first (make run)")
    with duckdb.connect(str(database), read_only=True) as connection:
        cursor = connection.execute(
            f"select {CHECK_COLUMNS} from marts.audit_reconciliation where check_id = ?", [check_id.strip()]
        )
        row = cursor.fetchone()
        names = [column[0] for column in cursor.description]
    if row is None:
        raise CheckNotFound(f"no check {check_id!r} in {database} (marts.audit_reconciliation.check_id)")
    return dict(zip(names, row, strict=True))


def review_row(check: dict, decision: str, reason: str, reviewer: str, now: datetime | None = None) -> dict:
    """The row a decision appends: what was decided, by whom, when, and on which figures."""
    if not reason.strip() or not reviewer.strip():
        raise ValueError("a review needs a reason and a reviewer")
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return {
        "check_id": check["check_id"],
        "decision": decision,
        "reason": reason.strip(),
        "reviewed_by": reviewer.strip(),
        "reviewed_at": moment.isoformat().replace("+00:00", "Z"),
        "figures_fingerprint": check["figures_fingerprint"],
        "source_file": check["source_file"],
        "rule_id": check["rule_id"],
        "scope": check["scope"],
    }


def append_review(directory: Path, row: dict) -> Path:
    """Append ``row`` to ``reviews.csv`` in ``directory``, writing the header when the file is new."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / REVIEW_FILE
    new = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        if new:
            writer.writeheader()
        writer.writerow(row)
    return path


def list_checks(database: Path, every_status: bool = False) -> list[dict]:
    """Failed checks (or every non-passing one) with their review state, open ones first."""
    import duckdb

    statuses = "status <> 'pass'" if every_status else "status = 'fail'"
    with duckdb.connect(str(database), read_only=True) as connection:
        cursor = connection.execute(
            f"select {CHECK_COLUMNS} from marts.audit_reconciliation where {statuses} "
            "order by review_state is not null and review_state <> 'reopened', source_file, rule_id, scope"
        )
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Review findings of marts.audit_reconciliation.")
    commands = parser.add_subparsers(dest="command", required=True)
    for command, decision in DECISIONS.items():
        sub = commands.add_parser(command, help=f"mark a check {decision}")
        sub.add_argument("check_id")
        sub.add_argument("--reason", required=True, help="why (a sentence a colleague can verify)")
        sub.add_argument("--by", required=True, dest="reviewer", help="your name")
    listing = commands.add_parser("list", help="failed checks and their review state")
    listing.add_argument("--all", action="store_true", help="every non-passing check, rounding and unverified too")
    args = parser.parse_args(argv)
    database = config.duckdb_path()
    try:
        if args.command == "list":
            for check in list_checks(database, args.all):
                state = check["review_state"] or "open"
                print(
                    f"{check['check_id']}  {state:<9} {check['status']:<10} {check['source_file']}  "
                    f"{check['rule_id']} {check['scope']}: {check['detail']}"
                )
            return 0
        check = read_check(database, args.check_id)
        path = append_review(
            config.reviews_dir(), review_row(check, DECISIONS[args.command], args.reason, args.reviewer)
        )
    except CheckNotFound as missing:
        print(f"error: {missing}", file=sys.stderr)
        return 2
    print(
        f"{DECISIONS[args.command]} {check['check_id']} ({check['rule_id']} {check['scope']}, {check['status']}, "
        f"figures {check['figures_fingerprint']}) in {path}; the next build (make run) shows it"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
