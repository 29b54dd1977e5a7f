"""Exports of the marts: CSV with a BOM that Excel reads as UTF-8, Parquet with exact amounts, and a workbook
with one sheet per mart and a README sheet of column meanings."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal

import duckdb
import openpyxl
import pytest

from orchestration.defs.exports.writers import BOM, column_meanings, write_exports
from tests.fixtures.across_documents import FINANCE, across_warehouse  # noqa: F401


@pytest.fixture(scope="module")
def exported(across_warehouse, tmp_path_factory):  # noqa: F811
    directory = tmp_path_factory.mktemp("exports")
    meanings = column_meanings(across_warehouse.target_dir / "manifest.json")
    return write_exports(across_warehouse.database, directory, meanings).files


def test_every_mart_is_written_in_each_format(exported):
    for mart in ("fct_budget_execution", "fct_agency_year_measure", "audit_document_completeness", "dim_agency"):
        assert exported[f"csv/{mart}"].exists() and exported[f"parquet/{mart}"].exists()
    assert exported["xlsx"].exists()
    assert not list(exported["xlsx"].parent.rglob("*.tmp"))


def test_csv_starts_with_a_bom_and_keeps_chinese(exported):
    raw = exported["csv/dim_agency"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert FINANCE in raw.decode("utf-8-sig")


def test_each_csv_is_a_bom_and_then_exactly_what_duckdb_writes_of_the_mart(exported, across_warehouse, tmp_path):  # noqa: F811
    with duckdb.connect(str(across_warehouse.database), read_only=True) as connection:
        for name, path in exported.items():
            if not name.startswith("csv/"):
                continue
            plain = tmp_path / f"{name[4:]}.csv"
            connection.execute(f"copy (select * from marts.\"{name[4:]}\") to '{plain}' (format csv, header)")
            assert path.read_bytes() == BOM + plain.read_bytes(), name


def test_parquet_keeps_exact_decimal_amounts(exported):
    path = exported["parquet/fct_budget_execution"]
    with duckdb.connect() as connection:
        (amount,) = connection.execute(
            f"select actual_yuan from '{path}' where functional_subject_code = '2010101' and fiscal_year = 2023"
        ).fetchone()
        (column_type,) = connection.execute(
            f"select column_type from (describe select actual_yuan from '{path}')"
        ).fetchone()
    assert amount == Decimal("950000.00") and column_type.startswith("DECIMAL")


def test_workbook_has_a_readme_and_one_sheet_per_mart(exported):
    workbook = openpyxl.load_workbook(exported["xlsx"], read_only=True)
    assert workbook.sheetnames[0] == "README"
    assert {"fct_budget_execution", "audit_cross_document", "dim_document"} <= set(workbook.sheetnames)
    readme = list(workbook["README"].iter_rows(values_only=True))
    meanings = {(sheet, column): meaning for sheet, column, meaning in readme[1:]}
    assert "reference budget" in meanings[("fct_budget_execution", "execution_rate")]
    assert meanings[("fct_budget_execution", None)] or meanings.get(("fct_budget_execution", ""))
    header = next(workbook["fct_budget_execution"].iter_rows(values_only=True))
    assert "execution_rate" in header and "budget_source_locator" in header


def _marts_database(path, rows: int) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema if not exists marts")
        connection.execute("create or replace table marts.small as select 1 as id, '财政局' as name")
        connection.execute(
            "create or replace table marts.big as select i as id, i * 1.5 as amount_yuan from range(?) as r(i)", [rows]
        )


def test_a_mart_whose_rows_did_not_change_keeps_its_files_and_the_published_ones_are_never_written(tmp_path):
    database, published = tmp_path / "w.duckdb", tmp_path / "published"
    _marts_database(database, 10)
    write_exports(database, published, {})
    before = {path: path.read_bytes() for path in published.rglob("*") if path.is_file()}
    working = tmp_path / "working"
    shutil.copytree(published, working, copy_function=os.link)  # what a run starts from

    again = write_exports(database, working, {})
    assert again.rewritten == []  # nothing changed: no file rewritten
    with duckdb.connect(str(database)) as connection:
        connection.execute("insert into marts.big values (99, 1.0)")
    changed = write_exports(database, working, {})
    assert changed.rewritten == ["big", "xlsx"]
    assert b"99," in changed.files["csv/big"].read_bytes()
    assert {path: path.read_bytes() for path in published.rglob("*") if path.is_file()} == before


def test_the_workbook_keeps_within_its_cell_budget_and_says_where_the_other_marts_are(tmp_path, monkeypatch):
    import orchestration.defs.exports.writers as writers

    database = tmp_path / "w.duckdb"
    _marts_database(database, 50)
    monkeypatch.setattr(writers, "WORKBOOK_CELL_BUDGET", 20)
    exports = write_exports(database, tmp_path / "exports", {"big": {"": "Every figure."}})
    assert exports.sheets == ["small"]
    workbook = openpyxl.load_workbook(exports.files["xlsx"], read_only=True)
    assert workbook.sheetnames == ["README", "small"]
    readme = {row[0]: row[2] for row in workbook["README"].iter_rows(values_only=True) if row[1] in (None, "")}
    assert readme["big"] == "50 rows: too many for this workbook, see csv/big.csv or parquet/big.parquet. Every figure."
    assert exports.files["csv/big"].read_bytes().startswith(BOM + b"id,amount_yuan\n0,0.0")


def test_a_mart_bigger_than_duckdbs_memory_limit_streams_to_its_files(tmp_path, monkeypatch):
    """A 55 MB CSV under a 64 MB limit: DuckDB's multi-threaded COPY buffers the file and runs out of memory.
    (One writer at a time: two side by side need the limit a real warehouse has, not this test's.)"""
    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.big as select i as id, repeat('财', 60) || i as note from range(300000) as r(i)"
        )
    monkeypatch.setenv("BUDGET_DUCKDB_MEMORY_LIMIT", "64MB")
    monkeypatch.setattr("orchestration.defs.exports.writers.WORKBOOK_CELL_BUDGET", 0)
    monkeypatch.setattr("orchestration.defs.exports.writers.WRITERS", 1)
    exports = write_exports(database, tmp_path / "exports", {})
    assert exports.rewritten == ["big", "xlsx"]
    csv = exports.files["csv/big"]
    assert csv.stat().st_size > 55 * 2**20
    with csv.open(encoding="utf-8-sig") as handle:
        assert [next(handle) for _ in range(3)] == ["id,note\n", f"0,{'财' * 60}0\n", f"1,{'财' * 60}1\n"]
    with duckdb.connect() as connection:
        assert connection.execute(f"select count(*), max(id) from '{exports.files['parquet/big']}'").fetchone() == (
            300000,
            299999,
        )
