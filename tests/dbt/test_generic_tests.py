"""The project's model-level generic tests (dbt_project/tests/generic) fail on a bad row and name its column.

``not_null_columns`` and ``accepted_values_by_column`` stand for dbt's per-column ``not_null`` and
``accepted_values`` (one test node per model instead of one per column). They are run here on the
documents staging view, whose file is written directly (bypassing the ingestion's own validation) so a
row can carry what ingestion would refuse: a null status, an unknown format or kind. The view tests
``not_null`` on document_id and status and ``accepted_values`` on source_format, status and doc_kind.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ingestion.schemas import STAGING_FRAMES
from tests.dbt.conftest import DbtWarehouse, document, rejected_document

VIEW = "stg_ingested__documents"
NOT_NULL = f"not_null_{VIEW}"
ACCEPTED_VALUES = f"accepted_values_{VIEW}"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> DbtWarehouse:
    return DbtWarehouse(tmp_path_factory.mktemp("dbt_generic_tests"))


def build_documents(warehouse: DbtWarehouse, rows: list[dict], *arguments: str) -> dict:
    """Write ``rows`` as the documents file unvalidated, build the view with its tests; the test outcomes by name."""
    columns = list(STAGING_FRAMES["documents"].to_schema().columns)
    warehouse.write({"documents": pd.DataFrame.from_records(rows, columns=columns)})
    result = warehouse.dbt("build", "--select", VIEW, *arguments)
    assert result.result is not None, result.exception
    return {outcome.node.name: outcome for outcome in result.result.results if outcome.node.resource_type == "test"}


def failing_rows(warehouse: DbtWarehouse, outcome) -> list[dict]:
    """The rows the test's own query returns (what dbt counts as failures), in a stable order."""
    return sorted(warehouse.query_dicts(outcome.node.compiled_code), key=lambda row: tuple(map(str, row.values())))


def test_good_rows_pass_and_a_null_is_an_accepted_value(warehouse):
    """A rejected document has no kind: doc_kind is null, which accepted_values accepts as dbt's built-in does."""
    outcomes = build_documents(
        warehouse,
        [document("d1", "某市某局", 2024, "budget"), rejected_document("d2", "not_a_disclosure", "no tables")],
    )
    assert {name: str(outcome.status) for name, outcome in outcomes.items()} == {
        NOT_NULL: "pass",
        ACCEPTED_VALUES: "pass",
        f"unique_{VIEW}_document_id": "pass",
    }
    assert failing_rows(warehouse, outcomes[NOT_NULL]) == []


def test_not_null_columns_fails_on_a_null_and_names_its_column(warehouse):
    outcomes = build_documents(
        warehouse,
        [
            document("d1", "某市某局", 2024, "budget"),
            document("d2", "某市某局", 2023, "budget", status=None),
            {**document("d3", "某市某局", 2022, "budget"), "document_id": None, "status": None},
        ],
    )
    assert (str(outcomes[NOT_NULL].status), outcomes[NOT_NULL].failures) == ("fail", 3)
    assert failing_rows(warehouse, outcomes[NOT_NULL]) == [
        {"null_column": "document_id", "document_id": None, "status": None},
        {"null_column": "status", "document_id": None, "status": None},
        {"null_column": "status", "document_id": "d2", "status": None},
    ]
    assert str(outcomes[ACCEPTED_VALUES].status) == "pass"  # a null status is no unknown status


def test_accepted_values_by_column_fails_on_an_unknown_value_and_names_column_and_value(warehouse):
    outcomes = build_documents(
        warehouse,
        [
            document("d1", "某市某局", 2024, "budget"),
            document("d2", "某市某局", 2023, "budget", source_format="odt"),
            document("d3", "某市某局", 2022, "annual_report", source_format="odt"),
        ],
    )
    assert (str(outcomes[ACCEPTED_VALUES].status), outcomes[ACCEPTED_VALUES].failures) == ("fail", 2)
    assert failing_rows(warehouse, outcomes[ACCEPTED_VALUES]) == [
        {"column_name": "doc_kind", "value_field": "annual_report", "n_records": 1},
        {"column_name": "source_format", "value_field": "odt", "n_records": 2},
    ]
    assert str(outcomes[NOT_NULL].status) == "pass"


def test_stored_failures_keep_the_whole_row_beside_the_null_column(warehouse):
    """With ``--store-failures`` the failing rows are kept whole, as dbt's built-in not_null keeps them."""
    outcomes = build_documents(warehouse, [document("d1", "某市某局", 2024, "budget", status=None)], "--store-failures")
    assert str(outcomes[NOT_NULL].status) == "fail"
    relation = outcomes[NOT_NULL].node.relation_name
    (row,) = warehouse.query_dicts(f"select * from {relation}")
    shown = (row["null_column"], row["document_id"], row["source_file"], row["status"])
    assert shown == ("status", "d1", "d1.txt", None)
