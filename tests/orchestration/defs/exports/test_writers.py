"""Exports of the marts built from the constructed documents: CSV with a BOM that Excel reads as UTF-8, Parquet
with exact amounts, folders of parts for the fact and audit marts, and a workbook with a README sheet."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal

import duckdb
import openpyxl
import pytest

from orchestration.defs.exports.parts import order_clause, part_filter, part_key, prefix_length
from orchestration.defs.exports.writers import BOM, column_meanings, write_exports
from tests.fixtures.across_documents import FINANCE, across_warehouse  # noqa: F401


@pytest.fixture(scope="module")
def exported(across_warehouse, tmp_path_factory):  # noqa: F811
    directory = tmp_path_factory.mktemp("exports")
    meanings = column_meanings(across_warehouse.target_dir / "manifest.json")
    return write_exports(across_warehouse.database, directory, meanings).files


def test_every_mart_is_written_in_each_format(exported):
    for mart in ("fct_budget_execution", "fct_agency_year_measure", "audit_document_completeness"):
        assert exported[f"csv/{mart}"].is_dir() and exported[f"parquet/{mart}"].is_dir()
        assert list(exported[f"csv/{mart}"].glob("*.csv")) and list(exported[f"parquet/{mart}"].glob("*.parquet"))
    assert exported["csv/dim_agency"].is_file() and exported["parquet/dim_agency"].is_file()
    assert exported["xlsx"].exists()
    assert not list(exported["xlsx"].parent.rglob("*.tmp"))


def test_csv_starts_with_a_bom_and_keeps_chinese(exported):
    raw = exported["csv/dim_agency"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert FINANCE in raw.decode("utf-8-sig")


def test_each_csv_is_a_bom_and_then_exactly_what_duckdb_writes_of_its_rows_in_key_order(
    exported,
    across_warehouse,  # noqa: F811
    tmp_path,
):
    with duckdb.connect(str(across_warehouse.database), read_only=True) as connection:
        for name, path in exported.items():
            if not name.startswith("csv/"):
                continue
            mart = name[4:]
            columns = [column[0] for column in connection.execute(f"select * from marts.{mart} limit 0").description]
            key = part_key(mart, columns)
            (rows,) = connection.execute(f"select count(*) from marts.{mart}").fetchone()
            files = {"": path} if key is None else {file.stem: file for file in path.glob("*.csv")}
            pattern = path if key is None else path / "*.csv"
            assert connection.execute(f"select count(*) from read_csv('{pattern}')").fetchone() == (rows,), name
            for part, file in files.items():
                plain = tmp_path / f"{mart}.csv"
                where = f"where {part_filter(key, prefix_length(rows), [part])}" if key else ""
                select = f"select * from marts.{mart} {where} {order_clause(columns, key)}"
                connection.execute(f"copy ({select}) to '{plain}' (format csv, header)")
                assert file.read_bytes() == BOM + plain.read_bytes(), (name, part)


def test_parquet_parts_read_as_one_table_keep_exact_decimal_amounts(exported):
    folder = exported["parquet/fct_budget_execution"]
    with duckdb.connect() as connection:
        (amount,) = connection.execute(
            f"select actual_yuan from '{folder}/*.parquet' "
            "where functional_subject_code = '2010101' and fiscal_year = 2023"
        ).fetchone()
        (column_type,) = connection.execute(
            f"select column_type from (describe select actual_yuan from '{folder}/*.parquet')"
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
    assert again.rewritten == {}  # nothing changed: no file rewritten
    with duckdb.connect(str(database)) as connection:
        connection.execute("insert into marts.big values (99, 1.0)")
    changed = write_exports(database, working, {})
    assert changed.rewritten == {"big": "all", "xlsx": "all"}
    assert b"99," in changed.files["csv/big"].read_bytes()
    assert {path: path.read_bytes() for path in published.rglob("*") if path.is_file()} == before


def test_the_workbook_keeps_within_its_cell_budget_and_says_where_the_other_marts_are(tmp_path, monkeypatch):
    database = tmp_path / "w.duckdb"
    _marts_database(database, 50)
    monkeypatch.setattr("orchestration.defs.exports.sheets.WORKBOOK_CELL_BUDGET", 20)
    exports = write_exports(database, tmp_path / "exports", {"big": {"": "Every figure."}})
    assert exports.sheets == ["small"]
    workbook = openpyxl.load_workbook(exports.files["xlsx"], read_only=True)
    assert workbook.sheetnames == ["README", "small"]
    readme = {row[0]: row[2] for row in workbook["README"].iter_rows(values_only=True) if row[1] in (None, "")}
    assert readme["big"] == "50 rows: too many for this workbook, see csv/big.csv or parquet/big.parquet. Every figure."
    assert exports.files["csv/big"].read_bytes().startswith(BOM + b"id,amount_yuan\n0,0.0")


def test_a_mart_bigger_than_duckdbs_memory_limit_is_written_a_group_of_parts_at_a_time(tmp_path, monkeypatch):
    """55 MB of CSV under a 64 MB limit: the rows are staged (and sorted) a group of parts at a time.
    (One writer at a time: two side by side need the limit a real warehouse has, not this test's.)"""
    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.fct_big as select i as id, printf('%016x', hash(i % 1000)) as document_id, "
            "repeat('财', 60) || i as note from range(300000) as r(i)"
        )
    monkeypatch.setenv("BUDGET_DUCKDB_MEMORY_LIMIT", "64MB")
    monkeypatch.setattr("orchestration.defs.exports.sheets.WORKBOOK_CELL_BUDGET", 0)
    monkeypatch.setattr("orchestration.defs.exports.writers.WRITERS", 1)
    monkeypatch.setattr("orchestration.defs.exports.writers.GROUP_CELLS", 100_000)
    exports = write_exports(database, tmp_path / "exports", {})
    assert exports.rewritten == {"fct_big": "16 of 16 parts", "xlsx": "all"}
    folder = exports.files["csv/fct_big"]
    assert sum(path.stat().st_size for path in folder.iterdir()) > 55 * 2**20
    with duckdb.connect() as connection:
        first = connection.execute(f"select min(document_id) from '{exports.files['parquet/fct_big']}/0.parquet'")
        (document,) = first.fetchone()
        with (folder / "0.csv").open(encoding="utf-8-sig") as handle:
            header, row = next(handle), next(handle)
        assert header == "id,document_id,note\n" and row.split(",")[1] == document
        parquet = exports.files["parquet/fct_big"]
        assert connection.execute(f"select count(*), max(id) from '{parquet}/*.parquet'").fetchone() == (300000, 299999)
