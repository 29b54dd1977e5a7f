"""What the Dagster UI shows at a glance: staging column schemas, mart row counts and column types read
after dbt has finished (and the file closed again), and the report's top documents."""

from __future__ import annotations

import dagster as dg
import duckdb

from ingestion.schemas import STAGING_FRAMES
from orchestration.definitions import defs
from orchestration.defs.audit.assets import top_documents_table
from orchestration.defs.dbt.mart_metadata import with_mart_metadata
from orchestration.defs.ingestion.assets import STAGING_KEYS

MANIFEST = {
    "nodes": {
        "model.p.fct_x": {"resource_type": "model", "schema": "marts", "name": "fct_x", "alias": "fct_x"},
        "model.p.stg_y": {"resource_type": "model", "schema": "staging", "name": "stg_y", "alias": "stg_y"},
    }
}


def test_every_staging_asset_shows_its_columns():
    graph = defs.resolve_asset_graph()
    for name, key in STAGING_KEYS.items():
        schema = graph.get(key).metadata["dagster/column_schema"]
        columns = {column.name: column for column in schema.columns}
        assert set(columns) == set(STAGING_FRAMES[name].to_schema().columns), name
    line_items = {c.name: c for c in graph.get(STAGING_KEYS["line_items"]).metadata["dagster/column_schema"].columns}
    assert line_items["source_bbox"].constraints.nullable and line_items["source_page"].type == "integer"
    assert any("str_matches" in text for text in line_items["amount_yuan"].constraints.other)


def test_marts_get_row_counts_after_the_build_and_the_file_is_released(tmp_path):
    database = str(tmp_path / "w.duckdb")
    with duckdb.connect(database) as connection:
        connection.execute("create schema marts; create table marts.fct_x (a integer not null, b varchar)")
        connection.execute("insert into marts.fct_x values (1, 'x'), (2, null)")
    staging = dg.Output(None, "stg_y", metadata={"unique_id": "model.p.stg_y"})
    mart = dg.Output(None, "fct_x", metadata={"unique_id": "model.p.fct_x"})
    check = dg.AssetCheckResult(asset_key="fct_x", check_name="c", passed=True)
    events = list(with_mart_metadata(iter([staging, mart, check]), MANIFEST, database))
    assert events[0] is staging and "dagster/row_count" not in events[0].metadata
    assert events[1].metadata["dagster/row_count"].value == 2
    schema = events[1].metadata["dagster/column_schema"].value
    assert [(c.name, c.type, c.constraints.nullable) for c in schema.columns] == [
        ("a", "INTEGER", False),
        ("b", "VARCHAR", True),
    ]
    assert events[2] is check
    with duckdb.connect(database) as connection:  # nothing kept the file open
        connection.execute("drop table marts.fct_x")


def test_a_busy_warehouse_only_skips_the_counts(tmp_path):
    mart = dg.Output(None, "fct_x", metadata={"unique_id": "model.p.fct_x"})
    missing = str(tmp_path / "absent" / "w.duckdb")
    (event,) = with_mart_metadata(iter([mart]), MANIFEST, missing)
    assert "dagster/row_count" not in event.metadata


def test_top_documents_lists_the_most_failed_first_with_their_report_url():
    documents = [
        {"agency_name": "甲", "fiscal_year": 2024, "doc_kind": "budget", "checks_failed": 1, "checks_rounding": 0,
         "document_id": "a" * 16, "source_file": "a.pdf"},
        {"agency_name": "乙", "fiscal_year": 2023, "doc_kind": "budget", "checks_failed": 3, "checks_rounding": 1,
         "document_id": "b" * 16, "source_file": "b.pdf"},
        {"agency_name": "丙", "fiscal_year": 2023, "doc_kind": "budget", "checks_failed": 0, "checks_rounding": 0,
         "document_id": "c" * 16, "source_file": "c.pdf"},
    ]  # fmt: skip
    table = top_documents_table(documents, url="http://127.0.0.1:8765/")
    assert [record.data["agency"] for record in table.records] == ["乙", "甲"]
    assert table.records[0].data["report"] == "b" * 16 + "_b.html"
    assert "http://127.0.0.1:8765/" in table.schema.columns[-1].description


FINDINGS_TEST = "test.p.audit_reconciliation_has_no_error_findings"
CHECKS_MANIFEST = {
    "nodes": {
        **MANIFEST["nodes"],
        FINDINGS_TEST: {
            "resource_type": "test",
            "name": "audit_reconciliation_has_no_error_findings",
            "alias": "audit_reconciliation_has_no_error_findings",
            "schema": "audit_failures",
            "config": {"store_failures": True, "severity": "warn"},
        },
    }
}


def _findings_check(passed: bool, severity=dg.AssetCheckSeverity.WARN) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        asset_key="audit_reconciliation",
        check_name="audit_reconciliation_has_no_error_findings",
        passed=passed,
        severity=severity,
        metadata={"unique_id": FINDINGS_TEST, "dagster_dbt/failed_row_count": 0 if passed else 12},
    )


def test_a_failing_warning_shows_its_top_rows_and_counts_by_family(tmp_path):
    database = str(tmp_path / "w.duckdb")
    with duckdb.connect(database) as connection:
        connection.execute(
            "create schema audit_failures; create table audit_failures.audit_reconciliation_has_no_error_findings "
            "(source_file varchar, rule_id varchar, rule_family varchar, scope varchar, expected_yuan decimal(20,2), "
            "actual_yuan decimal(20,2), difference_yuan decimal(20,2), detail varchar)"
        )
        connection.execute(
            "insert into audit_failures.audit_reconciliation_has_no_error_findings "
            "select 'a.pdf', 'HIER-FUN', case when i % 3 = 0 then 'total' else 'hierarchy' end, '201', "
            "100, 100 + i, i, 'x' from range(1, 13) as t(i)"
        )
    staging = dg.Output(None, "stg_y", metadata={"unique_id": "model.p.stg_y"})
    failing, passing = _findings_check(False), _findings_check(True)
    events = list(with_mart_metadata(iter([staging, failing, passing]), CHECKS_MANIFEST, database))
    assert events[0] is staging and events[1] is passing  # a failing warning waits for the build's end
    metadata = events[2].metadata
    assert metadata["failed_by_family"].value == {"hierarchy": 8, "total": 4}
    table = metadata["top_failing_rows"].value.splitlines()
    assert table[0] == "| source_file | rule_id | scope | expected_yuan | actual_yuan | difference_yuan | detail |"
    assert table[2] == "| a.pdf | HIER-FUN | 201 | 100.00 | 112.00 | 12.00 | x |"  # the largest difference first
    assert len(table) == 2 + 10 + 2 and table[-1].startswith("… and 2 more rows")
    assert metadata["dagster_dbt/failed_row_count"].value == 12
    with duckdb.connect(database) as connection:  # nothing kept the file open
        connection.execute("drop schema audit_failures cascade")


def test_a_warning_whose_rows_cannot_be_read_keeps_its_count(tmp_path):
    failing = _findings_check(False)
    (event,) = with_mart_metadata(iter([failing]), CHECKS_MANIFEST, str(tmp_path / "absent" / "w.duckdb"))
    assert event is failing
