"""The per-agency models (dbt_project/macros/across/agencies_to_build.sql) through an increment: four 网信办
of 那曲市 (one division, one type, so audit_agency_identity pairs them), two sharing a short name. The
increment adds a budget of an agency new to the warehouse and next year's budget of an existing one, and
deletes the only document of a third; the incremental build must hold exactly the rows of a full refresh
of the same staging files, the unchanged agencies' rows kept, not recomputed."""

from __future__ import annotations

import pytest

from ingestion.document import Locator
from ingestion.extract.agency_identity import canonical_agency
from ingestion.extract.agency_names import PrintedName, printed_name_row
from orchestration.build_state import UNIT_TESTS, dbt_build_arguments
from tests.dbt.conftest import (
    DbtWarehouse,
    build_without_failures,
    built_tables,
    document,
    frames_from_rows,
    reported_total,
)

CITY = "中共那曲市委网络安全和信息化委员会办公室"
JIA, YI, BING, DING = (f"中共那曲市{ordinal}区委网络安全和信息化委员会办公室" for ordinal in "甲乙丙丁")
PER_AGENCY_TABLES = (
    "intermediate.int_execution_sides",
    "intermediate.int_execution_side_figures",
    "marts.fct_budget_execution",
    "marts.fct_agency_year_measure",
    "marts.audit_document_completeness",
    "marts.audit_agency_identity",
)


def _contradiction(document_id: str, printed: str) -> dict:
    """A table header of ``document_id`` naming another agency."""
    name = PrintedName(printed, "label", Locator(line=9), f"编制部门:{printed}", canonical_agency(printed), True)
    return printed_name_row(document_id, name)


def _documents(*documents: tuple) -> dict:
    # 乙's budget names 丁 in a header: a finding about 乙 and 丁, which the increment brings
    rows = dict(documents=[], reported_totals=[], agency_names=[_contradiction("b0000000000000b1", DING)])
    for document_id, agency, year, kind, short_name in documents:
        rows["documents"].append(document(document_id, agency, year, kind, short_name=short_name))
        amount_kind = "budget" if kind == "budget" else "actual"
        rows["reported_totals"].append(reported_total(document_id, "expenditure_total", "100.00", amount_kind))
    return frames_from_rows(**rows)


FIRST = (
    ("b0000000000000c1", CITY, 2023, "budget", None),
    ("b0000000000000a1", JIA, 2023, "budget", "甲网信办"),
    ("a0000000000000a1", JIA, 2023, "final_account", "网信办"),
    ("b0000000000000b1", YI, 2023, "budget", "网信办"),
    ("b0000000000000d1", BING, 2022, "budget", None),
)
SECOND = (
    *(row for row in FIRST if row[1] != BING),
    ("b0000000000000a2", JIA, 2024, "budget", "甲网信办"),
    ("b0000000000000e1", DING, 2023, "budget", None),
)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    warehouse = DbtWarehouse(tmp_path_factory.mktemp("per_agency"))
    warehouse.write(_documents(*FIRST))
    build_without_failures(warehouse, "build", "--exclude", UNIT_TESTS)
    first = built_tables(warehouse)
    before = _agency_ids(warehouse)
    warehouse.write(_documents(*SECOND))
    build_without_failures(warehouse, *dbt_build_arguments(False))
    incremental = built_tables(warehouse)
    changed = {
        row[0] for row in warehouse.query("select agency_id from intermediate.int_agencies_changed where is_changed")
    }
    build_without_failures(warehouse, "build", "--full-refresh", "--exclude", UNIT_TESTS)
    return warehouse, first, incremental, built_tables(warehouse), changed, before


def _agency_ids(warehouse: DbtWarehouse) -> dict[str, str]:
    """agency_id by the name the documents print."""
    return dict(warehouse.query("select distinct printed_agency_name, agency_id from marts.dim_document"))


def test_the_increment_equals_a_full_refresh(builds):
    _, _, incremental, full, *_ = builds
    assert incremental.keys() == full.keys()
    for table in PER_AGENCY_TABLES:
        assert full[table], table
    for table, rows in full.items():
        assert incremental[table] == rows, table


def test_only_the_agencies_whose_documents_changed_were_rebuilt(builds):
    warehouse, first, _, full, changed, before = builds
    agency = _agency_ids(warehouse)
    assert changed == {agency[JIA], agency[DING], before[BING]}
    for table in PER_AGENCY_TABLES:  # 丙's rows were there and are gone
        assert any(before[BING] in row for row in first[table]), table
        assert not any(before[BING] in row for row in full[table]), table


def test_a_finding_about_an_unchanged_and_a_changed_agency_is_kept(builds):
    warehouse, *_ = builds
    agency = _agency_ids(warehouse)
    rows = warehouse.query(
        "select agency_id, other_agency_id from marts.audit_agency_identity "
        "where disagreement_kind = 'printed_name_contradiction'"
    )
    assert rows == [(agency[YI], agency[DING])]


def test_pairs_of_one_division_follow_the_agencies_in_it(builds):
    """Every pair of the four agencies now in 那曲市 is a possible_same_agency finding, once; 丙's are gone."""
    warehouse, *_ = builds
    pairs = warehouse.query(
        "select agency_id, other_agency_id from marts.audit_agency_identity "
        "where disagreement_kind = 'possible_same_agency'"
    )
    agency = _agency_ids(warehouse)
    division = (CITY, JIA, YI, DING)
    expected = {tuple(sorted((agency[a], agency[b]))) for a in division for b in division if a < b}
    assert sorted(pairs) == sorted(expected) and len(pairs) == 6
    (shared,) = warehouse.query(
        "select names from marts.audit_agency_identity where disagreement_kind = 'short_name_shared'"
    )
    canonical = dict(warehouse.query("select distinct printed_agency_name, agency_name from marts.dim_document"))
    assert shared == (" / ".join(sorted([canonical[JIA], canonical[YI]])),)
