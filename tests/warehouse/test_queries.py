"""The example queries answer the three across-document questions, one query each, on constructed documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingestion.config import PROJECT_ROOT
from tests.fixtures.across_documents import FINANCE, JUSTICE, across_warehouse  # noqa: F401

QUERIES = PROJECT_ROOT / "warehouse" / "queries"


def run(warehouse, name: str) -> list[dict]:
    return warehouse.query_dicts((QUERIES / name).read_text(encoding="utf-8"))


@pytest.fixture
def warehouse(across_warehouse):  # noqa: F811
    return across_warehouse


def test_how_much_of_its_budget_did_the_department_spend_by_subject(warehouse):
    rows = run(warehouse, "budget_execution_by_subject.sql")
    spent = {row["functional_subject_code"]: row for row in rows if row["agency_name"] == FINANCE}
    assert spent["2010101"]["execution_rate"] == Decimal("0.9500")
    # 54万元 spent of the budget document's 50 (not of the 55 the final account prints as its budget)
    assert spent["2010102"]["execution_rate"] == Decimal("1.0800")
    assert spent["2010102"]["reference_budget_basis"] == "budget_document"
    assert spent["2010103"]["sides_present"] == "actual_only"


def test_how_did_three_public_spending_move(warehouse):
    rows = run(warehouse, "three_public_trend.sql")
    moved = [row for row in rows if row["agency_name"] == FINANCE and row["measure_label"] == "“三公”经费合计"]
    budgets = {row["fiscal_year"]: row for row in moved if row["doc_kind"] == "budget"}
    assert budgets[2024]["yoy_change_rate"] == Decimal("0.1000")
    assert budgets[2023]["comparability"] == "no_earlier_year"


def test_who_has_not_published_their_final_account_or_left_tables_empty(warehouse):
    rows = run(warehouse, "unpublished_by_division.sql")
    putuo = {(row["fiscal_year"], row["doc_kind"], row["agency_name"], row["what"]) for row in rows}
    assert (2023, "final_account", JUSTICE, "document missing") in putuo
    assert (2024, "final_account", FINANCE, "document missing") in putuo
    assert (2023, "final_account", FINANCE, "document missing") not in putuo
    assert (2023, "budget", FINANCE, "政府性基金预算支出表: empty_with_statement") in putuo
