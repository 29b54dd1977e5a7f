"""The per-document models (dbt_project/macros/documents/current_document_ids.sql) and audit_document_quality
through two increments, each compared with a full refresh of the same staging files.

1. A1 of agency A, B, and C1 of agency C.
2. A2, a newer version of A's disclosure, supersedes A1; C0, an older version of C's, arrives (C1 stays
   current, now version 2 of 2). Per-document models build only A2 (int_documents_changed);
   audit_document_quality also rebuilds the row of C1, whose documents row changed.
3. A2 is deleted: A1 is current again and its rows come back.
"""

from __future__ import annotations

import pytest

from orchestration.build_state import UNIT_TESTS, dbt_build_arguments
from tests.dbt.conftest import (
    DbtWarehouse,
    build_without_failures,
    built_tables,
    document,
    frames_from_rows,
    reported_total,
)

AGENCY_A, AGENCY_B, AGENCY_C = "厦门市财政局", "巴中市财政局", "那曲市财政局"
EARLY, LATE = "2024-01-01T00:00:00+00:00", "2024-06-01T00:00:00+00:00"

A1 = document("a000000000000001", AGENCY_A, 2023, "budget", file_modified_at=EARLY)
A2 = document("a000000000000002", AGENCY_A, 2023, "budget", file_modified_at=LATE)
B = document("b000000000000001", AGENCY_B, 2023, "budget", file_modified_at=EARLY)
C0 = document("c000000000000000", AGENCY_C, 2023, "budget", file_modified_at=EARLY)
C1 = document("c000000000000001", AGENCY_C, 2023, "budget", file_modified_at=LATE)


def _frames(*documents: dict):
    totals = []
    for row in documents:  # the same total in a table and in narrative text: one REP-FIGURE check per document
        document_id = row["document_id"]
        totals.append(reported_total(document_id, "expenditure_total", "100.00"))
        totals.append(reported_total(document_id, "expenditure_total", "100.00", locator="p3", method="narrative"))
    return frames_from_rows(documents=list(documents), reported_totals=totals)


def _increment(warehouse: DbtWarehouse, *documents: dict) -> tuple[dict, dict, dict]:
    """The tables after an incremental build of ``documents``, the documents it built or dropped, and the
    tables after a full refresh of the same files."""
    warehouse.write(_frames(*documents))
    build_without_failures(warehouse, *dbt_build_arguments(False))
    incremental = built_tables(warehouse)
    changed = {
        document_id: (is_new, is_gone)
        for document_id, is_new, is_gone in warehouse.query(
            "select document_id, is_new, is_gone from intermediate.int_documents_changed where is_new or is_gone"
        )
    }
    build_without_failures(warehouse, "build", "--full-refresh", "--exclude", UNIT_TESTS)
    return incremental, changed, built_tables(warehouse)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    warehouse = DbtWarehouse(tmp_path_factory.mktemp("per_document"))
    warehouse.write(_frames(A1, B, C1))
    build_without_failures(warehouse, "build", "--exclude", UNIT_TESTS)
    second = _increment(warehouse, A1, A2, B, C0, C1)
    third = _increment(warehouse, A1, B, C0, C1)
    return warehouse, second, third


def test_each_increment_equals_a_full_refresh(builds):
    _, *increments = builds
    for incremental, _, full in increments:
        assert incremental.keys() == full.keys() and "marts.audit_document_quality" in full
        assert full["intermediate.int_repeat_checks_evaluated"]
        for table, rows in full.items():
            assert incremental[table] == rows, table


def test_only_the_documents_new_or_gone_are_built_or_dropped(builds):
    _, (_, second, _), (_, third, _) = builds
    assert second == {A2["document_id"]: (True, False), A1["document_id"]: (False, True)}
    assert third == {A1["document_id"]: (True, False), A2["document_id"]: (False, True)}


def test_the_quality_rows_follow_the_documents_row(builds):
    """C1 kept its checks but is now version 2 of 2; A1 is back with its checks."""
    warehouse, *_ = builds
    rows = {
        row["document_id"]: row
        for row in warehouse.query_dicts(
            "select document_id, version_number, version_count, checks_run from marts.audit_document_quality"
        )
    }
    assert rows.keys() == {A1["document_id"], B["document_id"], C1["document_id"]}
    assert (rows[C1["document_id"]]["version_number"], rows[C1["document_id"]]["version_count"]) == (2, 2)
    assert rows[A1["document_id"]]["checks_run"] == rows[B["document_id"]]["checks_run"] > 0
