"""The across-document marts over constructed documents: budget against final account of one agency and
year, two years of one agency, a renamed agency, and two scopes (tests/fixtures/across_documents.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.fixtures.across_documents import (
    BAZHONG_NEW,
    BAZHONG_OLD,
    FINANCE,
    FINANCE_ACCOUNT_2023,
    FINANCE_BUDGET_2023,
    GOVERNMENT_FUND_STATEMENT,
    JUSTICE,
    across_warehouse,  # noqa: F401 (the shared fixture)
)


@pytest.fixture
def warehouse(across_warehouse):  # noqa: F811
    return across_warehouse


def execution(warehouse, where: str, agency: str = FINANCE, year: int = 2023) -> dict:
    rows = warehouse.query_dicts(
        f"select * from marts.fct_budget_execution where agency_name = ? and fiscal_year = ? and {where}",
        [agency, year],
    )
    assert len(rows) == 1, rows
    return rows[0]


def test_budget_and_final_account_of_one_year_are_paired(warehouse):
    line = execution(warehouse, "functional_subject_code = '2010101'")
    assert line["sides_present"] == "both"
    assert line["budget_yuan"] == Decimal("1000000.00")
    assert line["final_account_budget_yuan"] == Decimal("1000000.00")
    assert line["actual_yuan"] == Decimal("950000.00")
    assert line["difference_yuan"] == Decimal("-50000.00")
    assert line["execution_rate"] == Decimal("0.9500")
    assert (line["budget_document_id"], line["final_account_document_id"]) == (
        FINANCE_BUDGET_2023,
        FINANCE_ACCOUNT_2023,
    )
    assert line["budget_source_locator"] and line["actual_source_locator"]


def test_economic_lines_and_measures_are_paired_too(warehouse):
    wages = execution(warehouse, "economic_subject_code = '30101'")
    assert wages["execution_rate"] == Decimal("0.9500")
    total = execution(warehouse, "measure = 'expenditure_total'")
    assert (total["budget_yuan"], total["actual_yuan"]) == (Decimal("1500000.00"), Decimal("1590000.00"))
    assert total["execution_rate"] == Decimal("1.0600")
    three = execution(warehouse, "measure = 'three_public_total'")
    assert three["execution_rate"] == Decimal("0.8333")


def test_one_sided_rows_say_which_side_and_why(warehouse):
    unbudgeted = execution(warehouse, "functional_subject_code = '2010103'")
    assert unbudgeted["sides_present"] == "actual_only"
    assert unbudgeted["missing_side_reason"] == "the budget document does not print this line"
    assert unbudgeted["execution_rate"] is None
    next_year = execution(warehouse, "functional_subject_code = '2010101'", year=2024)
    assert next_year["sides_present"] == "budget_only"
    assert next_year["missing_side_reason"] == "no final account of this agency and year in the warehouse"


def test_printed_budget_disagreeing_with_the_budget_document_is_a_finding(warehouse):
    findings = warehouse.query_dicts(
        "select * from marts.audit_cross_document where rule_id = 'XDOC-PRINTED-BUDGET' order by scope"
    )
    by_status = {row["status"]: row for row in findings}
    assert set(by_status) == {"pass", "fail"}
    mismatch = by_status["fail"]
    assert (mismatch["expected_yuan"], mismatch["actual_yuan"]) == (Decimal("500000.00"), Decimal("550000.00"))
    assert mismatch["severity"] == "warning" and mismatch["finding_kind"] == "printed_budget_mismatch"
    assert "2010102" in mismatch["scope"] and "55.00万元" in mismatch["detail"] and "50.00万元" in mismatch["detail"]
    assert mismatch["expected_document_id"] == FINANCE_BUDGET_2023
    assert mismatch["actual_document_id"] == FINANCE_ACCOUNT_2023


def test_year_on_year_change_between_two_budgets_of_one_agency(warehouse):
    rows = warehouse.query_dicts(
        "select * from marts.fct_agency_year_measure where agency_name = ? and doc_kind = 'budget' "
        "and fiscal_year = 2024 order by measure",
        [FINANCE],
    )
    by_measure = {row["measure"]: row for row in rows}
    total = by_measure["expenditure_total"]
    assert total["comparability"] == "comparable"
    assert (total["previous_amount_yuan"], total["yoy_change_yuan"]) == (Decimal("1500000.00"), Decimal("300000.00"))
    assert total["yoy_change_rate"] == Decimal("0.2000")
    assert by_measure["three_public_total"]["yoy_change_rate"] == Decimal("0.1000")


def test_no_year_on_year_change_across_scopes(warehouse):
    (row,) = warehouse.query_dicts(
        "select * from marts.fct_agency_year_measure where agency_name = ? and fiscal_year = 2024", [JUSTICE]
    )
    assert (row["document_scope"], row["previous_document_scope"]) == ("department", "unit")
    assert row["comparability"] == "different_scope"
    assert row["yoy_change_yuan"] is None and row["yoy_change_rate"] is None


def test_completeness_lists_missing_documents_and_empty_tables(warehouse):
    rows = warehouse.query_dicts(
        "select fiscal_year, doc_kind, item_key, status, detail from marts.audit_document_completeness "
        "where agency_name = ?",
        [FINANCE],
    )
    status = {(row["fiscal_year"], row["doc_kind"], row["item_key"]): row for row in rows}
    assert status[(2023, "budget", "document")]["status"] == "present"
    assert status[(2023, "final_account", "document")]["status"] == "present"
    assert status[(2024, "final_account", "document")]["status"] == "missing"
    assert status[(2023, "budget", "three_public")]["status"] == "present"
    fund = status[(2023, "budget", "government_fund_expenditure")]
    assert fund["status"] == "empty_with_statement" and fund["detail"] in GOVERNMENT_FUND_STATEMENT
    assert status[(2024, "budget", "government_fund_expenditure")]["status"] == "missing"


def test_division_completeness_names_agencies_that_did_not_publish(warehouse):
    rows = warehouse.query_dicts(
        "select agency_name, has_published from marts.audit_division_completeness "
        "where division_name = '普陀区' and fiscal_year = 2023 and doc_kind = 'final_account' order by agency_name"
    )
    assert {row["agency_name"]: row["has_published"] for row in rows} == {FINANCE: True, JUSTICE: False}


def test_a_renamed_agency_is_listed_as_an_identity_disagreement(warehouse):
    rows = warehouse.query_dicts("select * from marts.audit_agency_identity order by disagreement_kind")
    kinds = {row["disagreement_kind"]: row for row in rows}
    assert set(kinds) == {"possible_same_agency", "short_name_shared"}
    for row in kinds.values():
        assert BAZHONG_OLD in row["names"] and BAZHONG_NEW in row["names"]
    assert "do not overlap" in kinds["possible_same_agency"]["detail"]
    # today's identity keeps them apart: two agencies, two one-year series
    assert warehouse.query(
        "select count(distinct agency_id) from marts.fct_agency_year_measure where agency_name in (?, ?)",
        [BAZHONG_OLD, BAZHONG_NEW],
    ) == [(2,)]
