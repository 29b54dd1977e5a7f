"""One agency across the forms its documents print: a 那曲 budget naming itself 那曲市委网信办, the final
account of the same year printing the full name, and next year's budget printing 那曲市网信办, one of whose
table headers names the municipal finance bureau instead. Built once through dbt."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingestion.document import Locator
from ingestion.extract.agency_identity import canonical_agency
from ingestion.extract.agency_names import PrintedName, printed_name_row
from tests.dbt.conftest import DbtWarehouse, document, failed_nodes, frames_from_rows, issue, reported_total

CANONICAL = "中共那曲市委网络安全和信息化委员会办公室"
BUDGET_2023, ACCOUNT_2023, BUDGET_2024 = "d000000000002023", "a000000000002023", "d000000000002024"
PRINTED = {BUDGET_2023: "那曲市委网信办", ACCOUNT_2023: CANONICAL, BUDGET_2024: "那曲市网信办"}
OTHER = "那曲市财政局"


def _name(document_id: str, printed: str, role: str, line: int, contradiction: bool = False) -> dict:
    identity = canonical_agency(printed)
    name = PrintedName(printed, role, Locator(line=line), f"编制部门:{printed}", identity, contradiction)
    return printed_name_row(document_id, name)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> DbtWarehouse:
    built = DbtWarehouse(tmp_path_factory.mktemp("agency_identity"))
    rows = dict(
        documents=[
            document(BUDGET_2023, PRINTED[BUDGET_2023], 2023, "budget"),
            document(ACCOUNT_2023, PRINTED[ACCOUNT_2023], 2023, "final_account"),
            document(BUDGET_2024, PRINTED[BUDGET_2024], 2024, "budget"),
        ],
        reported_totals=[
            reported_total(BUDGET_2023, "expenditure_total", "100.00"),
            reported_total(ACCOUNT_2023, "expenditure_total", "90.00", amount_kind="actual"),
            reported_total(BUDGET_2024, "expenditure_total", "110.00"),
        ],
        agency_names=[
            *(_name(document_id, printed, "label", 3) for document_id, printed in PRINTED.items()),
            _name(BUDGET_2024, OTHER, "label", 9, contradiction=True),
        ],
        extraction_issues=[issue(BUDGET_2024, "agency_name_contradiction", f"this header names {OTHER}", "l9")],
    )
    result = built.build(frames_from_rows(**rows))
    assert not failed_nodes(result), failed_nodes(result)
    return built


def test_three_printed_forms_are_one_agency(warehouse):
    (agency,) = warehouse.query_dicts("select * from marts.dim_agency")
    assert (agency["agency_name"], agency["province"], agency["city"], agency["admin_level"]) == (
        CANONICAL,
        "西藏自治区",
        "那曲市",
        "city",
    )
    assert (agency["province_code"], agency["city_code"], agency["county_code"]) == ("540000", "540600", None)
    assert agency["document_count"] == 3 and set(agency["printed_names"].split(" / ")) == set(PRINTED.values())
    printed = warehouse.query("select printed_agency_name from marts.dim_document order by document_id")
    assert {row[0] for row in printed} == set(PRINTED.values())


def test_budget_and_final_account_pair_and_years_chain_across_forms(warehouse):
    (total,) = warehouse.query_dicts(
        "select * from marts.fct_budget_execution where measure = 'expenditure_total' and fiscal_year = 2023"
    )
    assert total["sides_present"] == "both" and total["execution_rate"] == Decimal("0.9000")
    (later,) = warehouse.query_dicts(
        "select * from marts.fct_agency_year_measure where measure = 'expenditure_total' and fiscal_year = 2024"
    )
    assert (later["comparability"], later["previous_document_id"]) == ("comparable", BUDGET_2023)


def test_a_header_naming_another_agency_is_listed_where_it_is_printed(warehouse):
    names = warehouse.query_dicts("select * from marts.audit_agency_name order by document_id, source_locator")
    assert len(names) == 4 and {row["agency_name"] for row in names} == {CANONICAL}
    [contradiction] = [row for row in names if row["is_contradiction"]]
    assert (contradiction["printed_name"], contradiction["source_locator"]) == (OTHER, "l9")
    (finding,) = warehouse.query_dicts(
        "select * from marts.audit_agency_identity where disagreement_kind = 'printed_name_contradiction'"
    )
    assert finding["document_ids"] == BUDGET_2024 and OTHER in finding["detail"] and "l9" in finding["detail"]
    kinds = warehouse.query("select issue_kind from marts.audit_extraction_issue")
    assert kinds == [("agency_name_contradiction",)]
