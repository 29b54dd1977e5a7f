"""Row counts and column types of the dbt marts, and the failing rows of warnings, read after ``dbt build``.

dagster-dbt's ``fetch_row_counts()`` / ``fetch_column_metadata()`` query each table while the build is
still running, through a connection that stays open in the Dagster process; with DuckDB (one writer,
no reader beside it) that blocks dbt or the next run. A mart's post-hook therefore reports its row
count and columns in dbt's own event stream (``events``, dbt_project/macros/metadata), and its
materialization goes out at once with them. A mart whose materialization lacks them (the hook did not
report) is held back with every event after it until the build has finished; one short read-only
connection then counts their rows and reads their column types, is closed, and the held events are
released with ``dagster/row_count`` and ``dagster/column_schema`` added; failing warn-level checks are
held too and released with their failing rows (``check_metadata``). Should the file be busy, the events
go out as they are: the metadata is a convenience, never a reason to fail a build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import dagster as dg
import duckdb

from orchestration import duckdb_settings
from orchestration.defs.dbt.check_metadata import is_failing_warning, with_failing_rows

MART_SCHEMA = "marts"


def _mart_relation(event: Any, manifest: Mapping) -> tuple[str, str] | None:
    """(schema, table) of the mart an ``Output`` materializes, or ``None`` for any other event."""
    if not isinstance(event, dg.Output):
        return None
    node = manifest["nodes"].get(str(event.metadata.get("unique_id", dg.MetadataValue.text("")).value), {})
    if node.get("resource_type") != "model" or node.get("schema") != MART_SCHEMA:
        return None
    return node["schema"], node.get("alias") or node["name"]


def relation_metadata(row_count: int, columns: list) -> dict:
    """``dagster/row_count`` and ``dagster/column_schema`` from a count and (name, type, nullable) rows."""
    return {
        "dagster/row_count": int(row_count),
        "dagster/column_schema": dg.TableSchema(
            columns=[
                dg.TableColumn(name, data_type, constraints=dg.TableColumnConstraints(nullable=bool(nullable)))
                for name, data_type, nullable in columns
            ]
        ),
    }


def read_relation_metadata(database: str, relations: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """Row count and column schema of each relation, in one short read-only connection."""
    found: dict[tuple[str, str], dict] = {}
    with duckdb_settings.connect(database) as connection:
        for schema, table in relations:
            (count,) = connection.execute(f'select count(*) from "{schema}"."{table}"').fetchone()
            columns = connection.execute(
                "select column_name, data_type, is_nullable = 'YES' from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                [schema, table],
            ).fetchall()
            found[(schema, table)] = relation_metadata(count, columns)
    return found


def _lacks_metadata(event: Any, manifest: Mapping) -> bool:
    """A mart's ``Output`` without its row count: dbt's post-hook did not report it (``events``)."""
    return _mart_relation(event, manifest) is not None and "dagster/row_count" not in event.metadata


def with_mart_metadata(events: Iterable, manifest: Mapping, database: str, log=None) -> Iterator:
    """Pass events through; from the first mart without its row count on (normally none: dbt reports them,
    ``events``), and any failing warn-level check, hold them until the build ends, then annotate (marts:
    row counts and columns; warnings: their failing rows)."""
    held: list | None = None
    early_warnings: list = []
    for event in events:
        if held is None and _lacks_metadata(event, manifest):
            held = []
        if held is not None:
            held.append(event)
        elif is_failing_warning(event):
            early_warnings.append(event)
        else:
            yield event
    held = with_failing_rows(early_warnings + (held or []), manifest, database, log)
    if not held:
        return
    relations = [_mart_relation(event, manifest) for event in held if _lacks_metadata(event, manifest)]
    try:
        metadata = read_relation_metadata(database, relations)
    except duckdb.Error as error:
        if log is not None:
            log.warning(f"mart row counts skipped, the warehouse could not be read: {error}")
        metadata = {}
    for event in held:
        relation = _mart_relation(event, manifest)
        if relation in metadata and _lacks_metadata(event, manifest):
            event = event.with_metadata({**event.metadata, **metadata[relation]})
        yield event
