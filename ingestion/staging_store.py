"""Write and read the Parquet staging files that dbt reads as external sources.

Why Parquet and not a ``raw`` schema in the DuckDB file: DuckDB admits one writing process per file,
and any connection Dagster held open would block dbt. With Parquet, ingestion never opens the
warehouse file at all; only dbt writes it. The files are written through an in-memory DuckDB
connection so that amount strings become exact ``DECIMAL(20,2)`` columns without pyarrow.
Each file is written to a temporary name and renamed, so dbt never reads a half-written file.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pandas as pd

from ingestion.frames import python_values
from ingestion.schemas import DECIMAL_COLUMNS, STAGING_FRAMES, empty_frame


def _select_list(frame: pd.DataFrame) -> str:
    columns = []
    for column in frame.columns:
        quoted = f'"{column}"'
        if column in DECIMAL_COLUMNS:
            columns.append(f"cast({quoted} as decimal(20, 2)) as {quoted}")
        elif column in {"page_count", "fiscal_year"}:
            columns.append(f"cast({quoted} as integer) as {quoted}")
        else:
            columns.append(f"cast({quoted} as varchar) as {quoted}")
    return ", ".join(columns)


def write_frames(frames: dict[str, pd.DataFrame], directory: Path) -> dict[str, Path]:
    """Write every staging frame (missing ones as empty frames) to ``<directory>/<name>.parquet``."""
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    with duckdb.connect(":memory:") as connection:
        for name in STAGING_FRAMES:
            frame = frames.get(name)
            if frame is None:
                frame = empty_frame(name)
            written[name] = write_frame(connection, frame, directory / f"{name}.parquet")
    return written


_scratch = threading.local()


def scratch_connection() -> duckdb.DuckDBPyConnection:
    """This thread's in-memory DuckDB for writing frames, opened once.

    Opening one costs ~20 ms of CPU, as much as writing all of a document's frames; a parse worker
    writes thousands of documents. One thread each: documents are already parsed in parallel.
    """
    connection = getattr(_scratch, "connection", None)
    if connection is None:
        connection = _scratch.connection = duckdb.connect(":memory:", config={"threads": 1})
    return connection


def write_frame(connection: duckdb.DuckDBPyConnection, frame: pd.DataFrame, target: Path) -> Path:
    """One frame as typed Parquet at ``target``, through a temporary name (readers never see half a file)."""
    frame = python_values(frame)
    partial = target.with_name(f".{target.name}.tmp")
    connection.register("staging_frame", frame)
    try:
        connection.execute(f"copy (select {_select_list(frame)} from staging_frame) to '{partial}' (format parquet)")
    finally:
        connection.unregister("staging_frame")
    partial.replace(target)
    return target


def write_frame_parts(connection: duckdb.DuckDBPyConnection, frames: list[pd.DataFrame], targets: list[Path]) -> None:
    """:func:`write_frame` of each of several frames of one kind (same columns), with one pandas scan.

    A parse worker writes a dozen small files per document; handing DuckDB each pandas frame costs more
    than writing it (DuckDB inspects every object column of every frame). So the frames go to DuckDB
    once, as one typed table with each row's position, and each file is copied out of it by its
    positions, in order: the same typed rows in each file as :func:`write_frame` writes.
    """
    if len(frames) == 1:
        write_frame(connection, frames[0], targets[0])
        return
    union = python_values(pd.concat(frames, ignore_index=True))
    select = _select_list(union)
    columns = ", ".join(f'"{column}"' for column in union.columns)
    union.insert(0, "staging_position", range(len(union)))
    # DuckDB infers an object column's type from a sample of 1,000 rows; a single frame rarely has more,
    # the union may: every row is looked at, as when each frame was scanned alone
    connection.execute(f"set pandas_analyze_sample = {max(len(union), 1000)}")
    connection.register("staging_frame", union)
    try:
        connection.execute(
            f"create or replace temp table staging_parts as select staging_position, {select} from staging_frame"
        )
    finally:
        connection.unregister("staging_frame")
    start = 0
    try:
        for frame, target in zip(frames, targets, strict=True):
            partial = target.with_name(f".{target.name}.tmp")
            connection.execute(
                f"copy (select {columns} from staging_parts where staging_position >= {start} and "
                f"staging_position < {start + len(frame)} order by staging_position) to '{partial}' (format parquet)"
            )
            partial.replace(target)
            start += len(frame)
    finally:
        connection.execute("drop table if exists staging_parts")


def read_frame(directory: Path, name: str) -> pd.DataFrame:
    """Read one staging file back (used by tests and the summary), amounts as exact strings."""
    path = directory / f"{name}.parquet"
    with duckdb.connect(":memory:") as connection:
        columns = [row[0] for row in connection.execute(f"describe select * from read_parquet('{path}')").fetchall()]
        select = ", ".join(
            f'cast("{column}" as varchar) as "{column}"' if column in DECIMAL_COLUMNS else f'"{column}"'
            for column in columns
        )
        return connection.execute(f"select {select} from read_parquet('{path}')").df()
