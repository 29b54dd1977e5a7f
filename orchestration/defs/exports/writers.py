"""Write every mart as CSV (UTF-8 with BOM), Parquet and one XLSX workbook with a README sheet.

Users open the warehouse in Excel more often than in SQL. Excel reads a CSV as the local code page
unless it starts with a byte-order mark, so the CSVs carry one and Chinese names survive a double
click. The workbook has one sheet per mart and a README sheet with every column's meaning, taken
from the dbt documentation, so a reader needs nothing else. Parquet is written by DuckDB itself
(exact DECIMAL amounts, no pyarrow). Plain functions: tested without Dagster.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pandas as pd

MART_SCHEMA = "marts"
EXCEL_SHEET_NAME_LIMIT = 31
EXCEL_CELL_LIMIT = 32767  # characters; longer snippets are cut with a marker


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


def _for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel cannot hold timezone-aware timestamps, lists or over-long text: make them plain values."""
    frame = frame.copy()
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            frame[name] = column.dt.tz_convert("UTC").dt.tz_localize(None)
        elif column.dtype == object or pd.api.types.is_string_dtype(column):
            frame[name] = column.map(_cell_text)
    return frame


def _cell_text(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, list | tuple) or hasattr(value, "tolist"):
        value = ", ".join(str(item) for item in list(value))
    if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
        return value[: EXCEL_CELL_LIMIT - 20] + " …(cut for Excel)"
    return value


def readme_frame(tables: list[str], meanings: Mapping[str, Mapping[str, str]], columns: Mapping[str, list[str]]):
    rows = []
    for table in tables:
        described = meanings.get(table, {})
        rows.append({"sheet": table, "column": "", "meaning": described.get("", "")})
        for column in columns[table]:
            rows.append({"sheet": table, "column": column, "meaning": described.get(column, "")})
    return pd.DataFrame(rows, columns=["sheet", "column", "meaning"])


def write_exports(database: Path, directory: Path, meanings: Mapping[str, Mapping[str, str]]) -> dict[str, Path]:
    """Write csv/<mart>.csv, parquet/<mart>.parquet and marts.xlsx under ``directory``; returns what was written.

    Files are written to a temporary name and renamed, so a reader never sees half a file.
    """
    csv_dir, parquet_dir = directory / "csv", directory / "parquet"
    csv_dir.mkdir(parents=True, exist_ok=True)
    parquet_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    frames: dict[str, pd.DataFrame] = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        tables = mart_tables(connection)
        for table in tables:
            frame = connection.execute(f'select * from {MART_SCHEMA}."{table}"').df()
            frames[table] = frame
            csv_path = csv_dir / f"{table}.csv"
            frame.to_csv(csv_path.with_suffix(".tmp"), index=False, encoding="utf-8-sig")
            csv_path.with_suffix(".tmp").replace(csv_path)
            parquet_path = parquet_dir / f"{table}.parquet"
            temporary = parquet_path.with_suffix(".tmp")
            connection.execute(f"copy (select * from {MART_SCHEMA}.\"{table}\") to '{temporary}' (format parquet)")
            temporary.replace(parquet_path)
            written[f"csv/{table}"] = csv_path
            written[f"parquet/{table}"] = parquet_path
    workbook = directory / "marts.xlsx"
    temporary = directory / "marts.xlsx.tmp"
    with pd.ExcelWriter(temporary, engine="openpyxl") as excel:
        columns = {table: list(frame.columns) for table, frame in frames.items()}
        readme_frame(tables, meanings, columns).to_excel(excel, sheet_name="README", index=False)
        for table, frame in frames.items():
            _for_excel(frame).to_excel(excel, sheet_name=table[:EXCEL_SHEET_NAME_LIMIT], index=False)
    temporary.replace(workbook)
    written["xlsx"] = workbook
    return written
