"""Exports of the marts: CSV with a BOM that Excel reads as UTF-8, Parquet with exact amounts, and a workbook
with one sheet per mart and a README sheet of column meanings."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import openpyxl
import pytest

from orchestration.defs.exports.writers import column_meanings, write_exports
from tests.fixtures.across_documents import FINANCE, across_warehouse  # noqa: F401


@pytest.fixture(scope="module")
def exported(across_warehouse, tmp_path_factory):  # noqa: F811
    directory = tmp_path_factory.mktemp("exports")
    meanings = column_meanings(across_warehouse.target_dir / "manifest.json")
    return write_exports(across_warehouse.database, directory, meanings)


def test_every_mart_is_written_in_each_format(exported):
    for mart in ("fct_budget_execution", "fct_agency_year_measure", "audit_document_completeness", "dim_agency"):
        assert exported[f"csv/{mart}"].exists() and exported[f"parquet/{mart}"].exists()
    assert exported["xlsx"].exists()
    assert not list(exported["xlsx"].parent.rglob("*.tmp"))


def test_csv_starts_with_a_bom_and_keeps_chinese(exported):
    raw = exported["csv/dim_agency"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert FINANCE in raw.decode("utf-8-sig")


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
