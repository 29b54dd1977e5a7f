"""Write every mart as CSV (UTF-8 with BOM), Parquet and one XLSX workbook with a README sheet.

Users open the warehouse in Excel more often than in SQL. Excel reads a CSV as the local code page
unless it starts with a byte-order mark, so the CSVs carry one and Chinese names survive a double
click. The workbook has one sheet per mart and a README sheet with every column's meaning, taken
from the dbt documentation, so a reader needs nothing else. CSV and Parquet are written by DuckDB
itself (``COPY``: exact DECIMAL amounts, no pandas, no pyarrow), each on one DuckDB thread so that it
streams (see ``_run_in_parallel``), under the orchestration's memory limit (``orchestration/duckdb_settings.py``).
Plain functions: tested without Dagster.

Adding one document to ten thousand must not rewrite every export. The exports folder starts as the
published one (hard links, ``WarehouseBuild.working_folder``), and a mart whose rows are those its files
were written from (row count and a hash of every row, computed by DuckDB) keeps its files. Every file
is written to a temporary name and renamed, never rewritten in place: that is what makes the hard
links safe, and a reader never sees half a file. A spreadsheet sheet costs ~3 CPU seconds per million
cells (:mod:`.workbook`) and Excel stops at 1,048,576 rows, so the workbook holds the marts, smallest first,
while it stays under ``WORKBOOK_CELL_BUDGET`` cells; its README sheet names the CSV and Parquet files
of the others.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import duckdb

from orchestration.defs.build.reuse import OutputMemo, digest
from orchestration.defs.exports.workbook import Workbook
from orchestration.duckdb_settings import connect

MART_SCHEMA = "marts"
EXCEL_SHEET_NAME_LIMIT = 31
EXCEL_CELL_LIMIT = 32767  # characters; longer snippets are cut with a marker
COPY_THREADS = 1  # DuckDB threads per COPY (see _run_in_parallel)
WRITERS = 2  # files written at once: the machine's two cores (more would only add memory)
WORKBOOK_CELL_BUDGET = 500_000  # rows × columns in the workbook (~1.5 CPU seconds); the rest are CSV/Parquet only
BOM = b"\xef\xbb\xbf"


def column_meanings(manifest_path: Path) -> dict[str, dict[str, str]]:
    """{model: {column: description}} of the mart models, from dbt's manifest (empty when absent)."""
    if not manifest_path.exists():
        return {}
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    meanings: dict[str, dict[str, str]] = {}
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") == "model" and node.get("config", {}).get("schema") == MART_SCHEMA:
            columns = {name: column.get("description", "") for name, column in node.get("columns", {}).items()}
            meanings[node["name"]] = {"": node.get("description", "").strip(), **columns}
    return meanings


def mart_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    rows = connection.execute(
        "select table_name from information_schema.tables where table_schema = ? order by table_name", [MART_SCHEMA]
    ).fetchall()
    return [name for (name,) in rows]


def readme_rows(
    tables: list[str],
    meanings: Mapping[str, Mapping[str, str]],
    columns: Mapping[str, list[str]],
    left_out: Mapping[str, int] | None = None,
) -> list[tuple[str, str, str]]:
    """(sheet, column, meaning) of every mart; a mart left out of the workbook says where its rows are."""
    rows = []
    for table in tables:
        described = meanings.get(table, {})
        meaning = described.get("", "")
        if table in (left_out or {}):
            meaning = (
                f"{left_out[table]:,} rows: too many for this workbook, see csv/{table}.csv or "
                f"parquet/{table}.parquet. {meaning}"
            ).strip()
        rows.append((table, "", meaning))
        rows += [(table, column, described.get(column, "")) for column in columns[table]]
    return rows


def _cell(value):
    """A value Excel can hold: naive UTC timestamps, lists as text, over-long text cut."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.UTC).replace(tzinfo=None)
    if isinstance(value, list | tuple | dict):
        value = ", ".join(str(item) for item in value) if not isinstance(value, dict) else str(value)
    if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
        return value[: EXCEL_CELL_LIMIT - 20] + " …(cut for Excel)"
    return value


def _fingerprint(connection: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], str, int]:
    """The mart's columns, a digest of its column types and rows (order aside), and its row count."""
    relation = f'{MART_SCHEMA}."{table}"'
    description = connection.execute(f"select * from {relation} limit 0").description
    columns = [column[0] for column in description]
    count, total, xor = connection.execute(
        f"select count(*), sum(hash(t)::hugeint), bit_xor(hash(t)) from {relation} as t"
    ).fetchone()
    types = [str(column[1]) for column in description]
    return columns, digest([columns, types, count, str(total), str(xor)]), int(count)


def _write_csv(connection: duckdb.DuckDBPyConnection, *, table: str, path: Path, columns: list[str]) -> None:
    """``COPY`` to CSV, behind a byte-order mark: the first column's header name starts with it, so DuckDB
    writes the whole file at once (no second copy of a file of hundreds of MB to put three bytes in front)."""
    temporary = path.with_suffix(".tmp")
    names = [f'"{column}"' for column in columns]
    if names:
        names[0] = f'"{columns[0]}" as "{BOM.decode()}{columns[0]}"'
    select = ", ".join(names) or "*"
    connection.execute(f"copy (select {select} from {MART_SCHEMA}.\"{table}\") to '{temporary}' (format csv, header)")
    temporary.replace(path)


def _write_parquet(connection: duckdb.DuckDBPyConnection, *, table: str, path: Path) -> None:
    temporary = path.with_suffix(".tmp")
    connection.execute(f"copy (select * from {MART_SCHEMA}.\"{table}\") to '{temporary}' (format parquet)")
    temporary.replace(path)


def workbook_marts(sizes: Mapping[str, tuple[int, int]], budget: int | None = None) -> list[str]:
    """The marts the workbook holds: smallest first (rows × columns), while the total stays within ``budget``."""
    budget = WORKBOOK_CELL_BUDGET if budget is None else budget
    chosen, cells = [], 0
    for table in sorted(sizes, key=lambda name: (sizes[name][0] * sizes[name][1], name)):
        size = sizes[table][0] * sizes[table][1]
        if cells + size > budget:
            break
        chosen.append(table)
        cells += size
    return sorted(chosen)


def _write_workbook(
    connection: duckdb.DuckDBPyConnection,
    *,
    path: Path,
    tables: list[str],
    sheets: list[str],
    meanings: Mapping[str, Mapping[str, str]],
    columns: Mapping[str, list[str]],
    rows: Mapping[str, int],
) -> None:
    """The README sheet, then one sheet per mart of ``sheets`` (through :mod:`.workbook`, not openpyxl)."""
    left_out = {table: rows[table] for table in tables if table not in sheets}
    temporary = path.with_suffix(".xlsx.tmp")
    workbook = Workbook(temporary)
    workbook.add_sheet("README", [("sheet", "column", "meaning"), *readme_rows(tables, meanings, columns, left_out)])
    for table in sheets:
        workbook.add_sheet(table[:EXCEL_SHEET_NAME_LIMIT], _sheet_rows(connection, table, columns[table]))
    workbook.close()
    temporary.replace(path)


def _sheet_rows(connection: duckdb.DuckDBPyConnection, table: str, columns: list[str]):
    """The header, then every row of the mart as values Excel can hold, fetched a batch at a time."""
    yield columns
    result = connection.execute(f'select * from {MART_SCHEMA}."{table}"')
    while batch := result.fetchmany(10_000):
        for row in batch:
            yield [_cell(value) for value in row]


@dataclass(frozen=True)
class Exports:
    files: dict[str, Path]  # "csv/<mart>", "parquet/<mart>", "xlsx" → the file
    rewritten: list[str]  # the marts (and "xlsx") written by this call; the others were kept
    sheets: list[str]  # the marts the workbook holds


def write_exports(database: Path, directory: Path, meanings: Mapping[str, Mapping[str, str]]) -> Exports:
    """Write csv/<mart>.csv, parquet/<mart>.parquet and marts.xlsx under ``directory``.

    ``directory`` may hold the exports of an earlier build (hard links to them are fine): a mart whose rows
    did not change keeps its files, the workbook is rewritten only when a mart it holds (or the column
    meanings) changed, and files of marts that no longer exist are removed.
    """
    csv_dir, parquet_dir = directory / "csv", directory / "parquet"
    csv_dir.mkdir(parents=True, exist_ok=True)
    parquet_dir.mkdir(parents=True, exist_ok=True)
    memo = OutputMemo(directory, "exports")
    written: dict[str, Path] = {}
    workbook = directory / "marts.xlsx"
    with connect(database) as connection:
        tables = mart_tables(connection)
        columns, fingerprints, rows = {}, {}, {}
        for table in tables:
            columns[table], fingerprints[table], rows[table] = _fingerprint(connection, table)
            written[f"csv/{table}"] = csv_dir / f"{table}.csv"
            written[f"parquet/{table}"] = parquet_dir / f"{table}.parquet"
        changed = [table for table in tables if memo.recall(table, fingerprints[table], directory) is None]
        sheets = workbook_marts({table: (rows[table], len(columns[table])) for table in tables})
        inputs = digest([tables, sheets, [fingerprints[table] for table in tables], meanings])
        rewrite_workbook = memo.recall("xlsx", inputs, directory) is None
        jobs = []  # the workbook first (the longest, in Python), then the biggest marts' COPYs first
        if rewrite_workbook:
            jobs.append(
                partial(
                    _write_workbook,
                    path=workbook,
                    tables=tables,
                    sheets=sheets,
                    meanings=meanings,
                    columns=columns,
                    rows=rows,
                )
            )
        for table in sorted(changed, key=lambda name: -rows[name] * len(columns[name])):
            jobs.append(partial(_write_csv, table=table, path=written[f"csv/{table}"], columns=columns[table]))
            jobs.append(partial(_write_parquet, table=table, path=written[f"parquet/{table}"]))
        _run_in_parallel(connection, jobs)
    for table in changed:
        memo.remember(table, fingerprints[table], [f"csv/{table}.csv", f"parquet/{table}.parquet"])
    if rewrite_workbook:
        memo.remember("xlsx", inputs, [workbook.name])
    written["xlsx"] = workbook
    _remove_other_files(directory, {path.relative_to(directory) for path in written.values()})
    memo.save()
    return Exports(written, changed + (["xlsx"] if rewrite_workbook else []), sheets)


def _run_in_parallel(connection: duckdb.DuckDBPyConnection, jobs: list) -> None:
    """Run each ``job(cursor)`` on its own cursor, ``WRITERS`` at a time, each COPY on one DuckDB thread.

    A ``COPY`` of a mart to CSV on DuckDB's default threads keeps insertion order by buffering the whole
    file (~250 MB for 100,000 rows of audit_reconciliation, so gigabytes at 10,000 documents) and is no
    faster on two cores; on one thread it streams (same bytes, a third of the memory, faster). Two
    single-threaded writers side by side, and the workbook (Python) beside them, use both cores.
    """
    connection.execute(f"set threads = {COPY_THREADS}")
    cursors = [connection.cursor() for _ in jobs]
    try:
        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            futures = [pool.submit(job, cursor) for job, cursor in zip(jobs, cursors, strict=True)]
            for future in futures:
                future.result()
    finally:
        for cursor in cursors:
            cursor.close()


def _remove_other_files(directory: Path, kept: set[Path]) -> None:
    """Exports of marts that no longer exist, and temporary files of an interrupted run."""
    for folder in ("csv", "parquet"):
        for path in (directory / folder).iterdir():
            if path.relative_to(directory) not in kept:
                path.unlink()
    for path in directory.glob("*.tmp"):
        path.unlink()
