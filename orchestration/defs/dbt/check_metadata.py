"""What a failing warn-level dbt test shows on its Dagster asset check: its top failing rows, not only a count.

Every warn-level test stores its failing rows (``store_failures``, tests/dbt/test_project_structure.py),
in ``audit_failures.<test name>`` of the build copy. Once ``dbt build`` has released the file (see
``mart_metadata.with_mart_metadata``), one short read-only connection reads, for each held check:

- ``top_failing_rows``: up to ``TOP_ROWS`` rows as a Markdown table — for the findings checks the
  document, the rule, the scope, both amounts (or percentages), the review state and the detail
  sentence, largest difference first;
- ``failed_by_family``: failing rows per rule family, when the rows have one (the run summary compares
  these with marts.audit_reconciliation, family by family);
- ``failures_relation``: the stored table, to query every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import dagster as dg
import duckdb

from orchestration import duckdb_settings
from orchestration.defs.audit.finding_counts import FAILED_BY_FAMILY

TOP_ROWS = 10
CELL_CHARACTERS = 120  # a longer value (a detail sentence, a snippet) is cut
FAILURES_SCHEMA = "audit_failures"
# Columns shown for a failing row, in this order, when the stored rows have them (the findings tests do).
SHOWN_COLUMNS = (
    "source_file",
    "rule_id",
    "scope",
    "expected_yuan",
    "actual_yuan",
    "difference_yuan",
    "expected_percent",
    "actual_percent",
    "review_state",
    "detail",
    "check_id",
)
FALLBACK_COLUMNS = 6  # rows of other tests: their first columns
TOP_FAILING_ROWS = "top_failing_rows"


def is_failing_warning(event: Any) -> bool:
    return isinstance(event, dg.AssetCheckResult) and not event.passed and event.severity == dg.AssetCheckSeverity.WARN


def _test_node(event: dg.AssetCheckResult, manifest: Mapping) -> Mapping | None:
    unique_id = event.metadata.get("unique_id")
    return manifest["nodes"].get(str(unique_id.value)) if unique_id is not None else None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value).replace("|", "\\|").replace("\n", " ")[:CELL_CHARACTERS]


def markdown_table(columns: list[str], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def failing_rows_metadata(connection: duckdb.DuckDBPyConnection, relation: str) -> dict[str, Any]:
    """The top failing rows of a stored failures relation, and its rows per rule family when it has one."""
    available = [column[0] for column in connection.execute(f"select * from {relation} limit 0").description]
    shown = [column for column in SHOWN_COLUMNS if column in available] or available[:FALLBACK_COLUMNS]
    order = "order by abs(difference_yuan) desc nulls last" if "difference_yuan" in available else ""
    listed = ", ".join(f'"{column}"' for column in shown)
    rows = connection.execute(f"select {listed} from {relation} {order} limit {TOP_ROWS}").fetchall()
    (total,) = connection.execute(f"select count(*) from {relation}").fetchone()
    table = markdown_table(shown, rows)
    if total > len(rows):
        table += f"\n\n… and {total - len(rows)} more rows in `{relation}`"
    metadata: dict[str, Any] = {TOP_FAILING_ROWS: dg.MetadataValue.md(table), "failures_relation": relation}
    if "rule_family" in available:
        counts = connection.execute(f"select rule_family, count(*) from {relation} group by 1 order by 1").fetchall()
        metadata[FAILED_BY_FAMILY] = dg.MetadataValue.json({str(family): int(n) for family, n in counts})
    return metadata


def with_failing_rows(events: list, manifest: Mapping, database: str, log=None) -> list:
    """The held events, each failing warn-level check given its failing rows (as they are if unreadable)."""
    relations = {}
    for index, event in enumerate(events):
        node = _test_node(event, manifest) if is_failing_warning(event) else None
        if node is not None and (node.get("config") or {}).get("store_failures"):
            relations[index] = f'"{node.get("schema") or FAILURES_SCHEMA}"."{node.get("alias") or node["name"]}"'
    if not relations:
        return events
    annotated = list(events)
    try:
        with duckdb_settings.connect(database) as connection:
            for index, relation in relations.items():
                extra = failing_rows_metadata(connection, relation)
                annotated[index] = events[index].with_metadata({**events[index].metadata, **extra})
    except duckdb.Error as error:
        if log is not None:
            log.warning(f"failing rows of the warning checks skipped, the warehouse could not be read: {error}")
        return events
    return annotated
