"""What the workbook ``marts.xlsx`` holds: a README sheet of every column's meaning, then the smallest marts.

A spreadsheet sheet costs ~2 CPU seconds per million cells (:mod:`.workbook`) and Excel stops at 1,048,576
rows, so the workbook holds the marts, smallest first, while it stays under ``WORKBOOK_CELL_BUDGET`` cells;
its README sheet says where the rows of the others are (their CSV and Parquet files, or folders of parts).
Sheets list a mart's rows in the order its files do (:func:`.parts.order_clause`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

import duckdb

from orchestration.defs.exports.parts import Mart
from orchestration.defs.exports.workbook import Workbook

EXCEL_SHEET_NAME_LIMIT = 31
EXCEL_CELL_LIMIT = 32767  # characters; longer snippets are cut with a marker
WORKBOOK_CELL_BUDGET = 500_000  # rows × columns in the workbook (~1 CPU second); the rest are CSV/Parquet only


def readme_rows(
    marts: list[Mart], meanings: Mapping[str, Mapping[str, str]], sheets: list[str] | None = None
) -> list[tuple[str, str, str]]:
    """(sheet, column, meaning) of every mart; a mart left out of the workbook (not in ``sheets``) says where its
    rows are."""
    rows = []
    for mart in marts:
        described = meanings.get(mart.name, {})
        meaning = described.get("", "")
        if sheets is not None and mart.name not in sheets:
            where = f"see {mart.location('csv')} or {mart.location('parquet')}"
            if mart.key:
                where += f" (one file per first {mart.prefix} hex digit(s) of {mart.key}; read the folder as one table)"
            meaning = f"{mart.rows:,} rows: too many for this workbook, {where}. {meaning}".strip()
        rows.append((mart.name, "", meaning))
        rows += [(mart.name, column, described.get(column, "")) for column in mart.columns]
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


def write_workbook(
    connection: duckdb.DuckDBPyConnection,
    *,
    path: Path,
    marts: list[Mart],
    sheets: list[str],
    meanings: Mapping[str, Mapping[str, str]],
) -> None:
    """The README sheet, then one sheet per mart of ``sheets`` (through :mod:`.workbook`, not openpyxl)."""
    temporary = path.with_suffix(".xlsx.tmp")
    workbook = Workbook(temporary)
    workbook.add_sheet("README", [("sheet", "column", "meaning"), *readme_rows(marts, meanings, sheets)])
    for mart in marts:
        if mart.name in sheets:
            workbook.add_sheet(mart.name[:EXCEL_SHEET_NAME_LIMIT], _sheet_rows(connection, mart))
    workbook.close()
    temporary.replace(path)


def _sheet_rows(connection: duckdb.DuckDBPyConnection, mart: Mart):
    """The header, then every row of the mart as values Excel can hold, fetched a batch at a time."""
    yield mart.columns
    result = connection.execute(f"select * from {mart.relation} {mart.order}")
    while batch := result.fetchmany(10_000):
        for row in batch:
            yield [_cell(value) for value in row]
