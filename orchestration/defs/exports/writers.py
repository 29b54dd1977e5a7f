"""Write every mart as CSV (UTF-8 with BOM), Parquet and one XLSX workbook with a README sheet.

Users open the warehouse in Excel more often than in SQL. Excel reads a CSV as the local code page
unless it starts with a byte-order mark, so every CSV file carries one and Chinese names survive a double
click. The workbook (:mod:`.sheets`) has a README sheet with every column's meaning, taken from the dbt
documentation, and the smallest marts. CSV and Parquet are written by DuckDB itself (``COPY``: exact
DECIMAL amounts, no pandas, no pyarrow), each on one DuckDB thread so that it streams (see
``_run_in_parallel``), under the orchestration's memory limit (``orchestration/duckdb_settings.py``).
Plain functions: tested without Dagster.

Adding one document to ten thousand must not rewrite every export. The fact and audit marts are folders
of parts keyed by document (or agency), the dimensions single files (:mod:`.parts`); the exports folder
starts as the published one (hard links, ``WarehouseBuild.working_folder``), and a part (or single-file
mart) whose rows are those its files were written from (row count and a digest of every row, computed by
DuckDB) keeps its files. Every file is written under a temporary name and renamed, never rewritten in
place: that is what makes the hard links safe, and a reader never sees half a file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import duckdb

from orchestration.defs.build.reuse import OutputMemo, digest
from orchestration.defs.exports.parts import (
    LAYOUT,
    MART_SCHEMA,
    OTHER_PART,
    Mart,
    describe_mart,
    part_filter,
    quoted,
)
from orchestration.defs.exports.sheets import workbook_marts, write_workbook
from orchestration.duckdb_settings import connect

COPY_THREADS = 1  # DuckDB threads per COPY (see _run_in_parallel)
WRITERS = 2  # files written at once: the machine's two cores (more would only add memory)
BOM = b"\xef\xbb\xbf"
FORMATS = {"csv": "format csv, header", "parquet": "format parquet"}
PART_COLUMN = "__export_part"  # a row's part, in the temporary table the parts are written from
STAGED = "__export_rows"  # that table (one per cursor)
PART_ROWS_TABLE = "__export_part_rows"  # the rows of one part, copied from it
# rows and values staged (and sorted) at a time, by each of the two writers: under the 512 MB DuckDB limit, groups of
# 6 M values (850,000 rows of audit_agency_identity's long texts) beside another writer's ran out of memory
GROUP_ROWS = 150_000
GROUP_CELLS = 3_000_000  # ~66,000 rows of audit_reconciliation


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


def _select(mart: Mart, extension: str) -> str:
    """The mart's columns; in a CSV the first header name starts with the byte-order mark, so DuckDB writes the
    whole file at once (no second copy of a file of hundreds of MB to put three bytes in front)."""
    names = [quoted(column) for column in mart.columns]
    if names and extension == "csv":
        names[0] = f"{names[0]} as {quoted(BOM.decode() + mart.columns[0])}"
    return ", ".join(names) or "*"


def _write_mart(connection: duckdb.DuckDBPyConnection, *, mart: Mart, parts: list[str], directory: Path) -> None:
    """Write ``parts`` of the mart as CSV and Parquet (a single-file mart: one ``COPY`` per format, streamed).

    The parts go by groups of bounded size (``GROUP_ROWS``, ``GROUP_CELLS``): the group's rows, in order, into
    a temporary table (one scan of the mart, a sort that fits in memory, done once for both formats), then one
    ``COPY`` per part and format from it. One ``COPY`` of a whole mart ``order by`` its key spilled its sort to
    disk at 10,000 documents, and one partitioned by part (``partition_by``) cost five times a plain ``COPY``.
    """
    if mart.key is None:
        for extension, path in zip(FORMATS, mart.files(""), strict=True):
            select = f"select {_select(mart, extension)} from {mart.relation} {mart.order}"
            _copy(connection, select, extension, directory / path)
        return
    for group in _groups(mart, parts):
        where = f"where {part_filter(mart.key, mart.prefix, group)}"
        part = f"left({quoted(mart.key)}, {mart.prefix})"
        connection.execute(
            f"create or replace temporary table {STAGED} as select *, {part} as {PART_COLUMN} "
            f"from {mart.relation} {where} {mart.order}"
        )
        for name in group:
            # the part alone in a table of its own (the staged table itself when it holds that part only): the
            # Parquet writer's pages follow the chunks it is given, and a scan of a table holding just the part's
            # rows gives the same chunks whatever group the part was staged with
            source = STAGED
            if len(group) > 1:
                rows = f"{PART_COLUMN} = '{name}'" if name != OTHER_PART else part_filter(mart.key, mart.prefix, [name])
                connection.execute(
                    f"create or replace temporary table {PART_ROWS_TABLE} as select * from {STAGED} where {rows}"
                )
                source = PART_ROWS_TABLE
            for extension, path in zip(FORMATS, mart.files(name), strict=True):
                _copy(connection, f"select {_select(mart, extension)} from {source}", extension, directory / path)
    connection.execute(f"drop table if exists {STAGED}")
    connection.execute(f"drop table if exists {PART_ROWS_TABLE}")


def _copy(connection: duckdb.DuckDBPyConnection, select: str, extension: str, path: Path) -> None:
    """``COPY`` the rows of ``select`` to ``path``, through a temporary name."""
    temporary = path.with_name(path.name + ".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    connection.execute(f"copy ({select}) to '{temporary}' ({FORMATS[extension]})")
    temporary.replace(path)


def _groups(mart: Mart, parts: list[str]) -> list[list[str]]:
    """``parts`` in order, cut into runs of at most ``GROUP_ROWS`` rows and ``GROUP_CELLS`` values (a bigger part
    alone)."""
    groups: list[list[str]] = []
    rows = 0
    for name in sorted(parts):
        more = rows + mart.counts[name]
        if not groups or more > GROUP_ROWS or more * len(mart.columns) > GROUP_CELLS:
            groups.append([])
            rows = 0
        groups[-1].append(name)
        rows += mart.counts[name]
    return groups


@dataclass(frozen=True)
class Exports:
    files: dict[str, Path]  # "csv/<mart>", "parquet/<mart>" → the file or folder of parts; "xlsx" → the workbook
    rewritten: dict[str, str]  # the marts (and "xlsx") written by this call → what ("all", "3 of 256 parts")
    sheets: list[str]  # the marts the workbook holds


def write_exports(database: Path, directory: Path, meanings: Mapping[str, Mapping[str, str]]) -> Exports:
    """Write csv/, parquet/ and marts.xlsx under ``directory`` (:mod:`.parts` says which marts are folders).

    ``directory`` may hold the exports of an earlier build (hard links to them are fine): a part (or single-file
    mart) whose rows did not change keeps its files, the workbook is rewritten only when a mart (or the column
    meanings) changed, and files of parts or marts that no longer exist are removed.
    """
    directory.mkdir(parents=True, exist_ok=True)
    memo = OutputMemo(directory, "exports")
    workbook = directory / "marts.xlsx"
    with connect(database) as connection:
        marts = [describe_mart(connection, table) for table in mart_tables(connection)]
        changed = {
            mart.name: [
                part
                for part in sorted(mart.parts)
                if memo.recall(_memo_key(mart, part), mart.parts[part], directory) is None
            ]
            for mart in marts
        }
        sheets = workbook_marts({mart.name: (mart.rows, len(mart.columns)) for mart in marts})
        inputs = digest([LAYOUT, sheets, [(mart.name, mart.parts) for mart in marts], meanings])
        rewrite_workbook = memo.recall("xlsx", inputs, directory) is None
        jobs = []  # the workbook first (the longest, in Python), then the biggest marts' COPYs first
        if rewrite_workbook:
            jobs.append(partial(write_workbook, path=workbook, marts=marts, sheets=sheets, meanings=meanings))
        for mart in sorted(
            marts, key=lambda mart: -sum(mart.counts[part] for part in changed[mart.name]) * len(mart.columns)
        ):
            if changed[mart.name]:
                jobs.append(partial(_write_mart, mart=mart, parts=changed[mart.name], directory=directory))
        _run_in_parallel(connection, jobs)
    for mart in marts:
        for part in changed[mart.name]:
            memo.remember(_memo_key(mart, part), mart.parts[part], mart.files(part))
    if rewrite_workbook:
        memo.remember("xlsx", inputs, [workbook.name])
    kept = {Path(name) for mart in marts for part in mart.parts for name in mart.files(part)} | {Path(workbook.name)}
    _remove_other_files(directory, kept)
    memo.save()
    files = {f"{extension}/{mart.name}": directory / mart.path(extension) for mart in marts for extension in FORMATS}
    rewritten = {mart.name: _what(mart, changed[mart.name]) for mart in marts if changed[mart.name]}
    return Exports({**files, "xlsx": workbook}, {**rewritten, **({"xlsx": "all"} if rewrite_workbook else {})}, sheets)


def _memo_key(mart: Mart, part: str) -> str:
    return f"{mart.name}/{part}" if mart.key else mart.name


def _what(mart: Mart, parts: list[str]) -> str:
    return "all" if mart.key is None else f"{len(parts)} of {len(mart.parts)} parts"


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
    """Files of parts and marts that no longer exist (a deleted document's only part, a mart now in parts), folders
    left empty, and temporary files of an interrupted run."""
    for folder in ("csv", "parquet"):
        if not (directory / folder).is_dir():
            continue
        for path in sorted((directory / folder).rglob("*"), reverse=True):  # files before their folders
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            elif path.relative_to(directory) not in kept:
                path.unlink()
    for path in directory.glob("*.tmp"):
        path.unlink()
