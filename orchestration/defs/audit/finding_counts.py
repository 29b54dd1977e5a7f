"""The counts of marts.audit_reconciliation a user sees, computed once: checks by status and rule family,
failed checks by severity and family, and the review states of failed checks.

The run summary (orchestration/build_warehouse.py), the audit report's index and the report asset's
metadata all print these numbers from ``read_counts``; the findings asset checks count the same failed
rows from their own stored failures (orchestration/defs/dbt/check_metadata.py), and the summary says
whether the two agree, family by family.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

STATUSES = ("pass", "rounding", "fail", "unverified")
SEVERITIES = ("error", "warning")
REVIEW_STATES = ("confirmed", "dismissed", "reopened")
ALL_FAMILIES = "all families"  # the totals line of the status × family table
FAILED_BY_FAMILY = "failed_by_family"  # the metadata key of a findings asset check's failed rows per family
COUNT_QUERY = (
    "select status, coalesce(rule_family, 'unknown'), coalesce(severity, 'unknown'), review_state, count(*) "
    "from marts.audit_reconciliation group by all"
)


@dataclass(frozen=True)
class FindingCounts:
    """Rows of (status, rule_family, severity, review_state, count) and the views every reader prints."""

    rows: list[tuple[str, str, str, str | None, int]] = field(default_factory=list)

    def by_status(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for status, _, _, _, count in self.rows:
            counts[status] = counts.get(status, 0) + count
        return counts

    def by_family(self) -> dict[str, dict[str, int]]:
        """Family → status → checks, families in alphabetical order, every status present."""
        table: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
        for status, family, _, _, count in self.rows:
            table[family][status] = table[family].get(status, 0) + count
        return {family: table[family] for family in sorted(table)}

    def fails_by_severity(self) -> dict[str, dict[str, int]]:
        """Severity → family → failed checks (the rows each findings asset check lists)."""
        table: dict[str, dict[str, int]] = {severity: {} for severity in SEVERITIES}
        for status, family, severity, _, count in self.rows:
            if status == "fail":
                families = table.setdefault(severity, {})
                families[family] = families.get(family, 0) + count
        return {severity: dict(sorted(families.items())) for severity, families in table.items()}

    def fail_reviews(self) -> dict[str, int]:
        """Failed checks by review state; ``open`` = never reviewed."""
        counts = dict.fromkeys(("open", *REVIEW_STATES), 0)
        for status, _, _, state, count in self.rows:
            if status == "fail":
                counts[state or "open"] = counts.get(state or "open", 0) + count
        return counts


def read_counts(connection) -> FindingCounts:
    """The counts of the audit table, through an open (read-only) DuckDB connection."""
    return FindingCounts([tuple(row) for row in connection.execute(COUNT_QUERY).fetchall()])


def family_table_lines(counts: FindingCounts) -> list[str]:
    """The status × family table as aligned text lines (header first), with a total line."""
    families = counts.by_family()
    width = max([len("family"), len(ALL_FAMILIES), *map(len, families)])
    lines = [f"{'family':<{width}} " + " ".join(f"{status:>10}" for status in STATUSES)]
    for family, statuses in families.items():
        lines.append(f"{family:<{width}} " + " ".join(f"{statuses[status]:>10}" for status in STATUSES))
    totals = counts.by_status()
    lines.append(f"{ALL_FAMILIES:<{width}} " + " ".join(f"{totals[status]:>10}" for status in STATUSES))
    return lines
