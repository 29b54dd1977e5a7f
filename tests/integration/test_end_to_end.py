"""One end-to-end run of the whole Dagster job into a temporary DuckDB file."""

import os

import dagster as dg
import duckdb
import pytest

from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def built_warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("warehouse")
    database = root / "budget.duckdb"
    saved = {name: os.environ.get(name) for name in ("BUDGET_DUCKDB_PATH", "BUDGET_INBOX_DIRS", "BUDGET_STAGING_DIR")}
    os.environ.update(BUDGET_DUCKDB_PATH=str(database), BUDGET_INBOX_DIRS=str(SAMPLES))
    os.environ.pop("BUDGET_STAGING_DIR", None)
    from ingestion import config
    from orchestration.dbt_manifest import parse_dbt_project

    config.export_environment()
    parse_dbt_project()
    from orchestration.definitions import defs

    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("warehouse_job").execute_in_process(instance=instance, raise_on_error=False)
    yield result, database
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def test_job_succeeds_and_writes_the_temporary_warehouse(built_warehouse):
    result, database = built_warehouse
    assert result.success
    assert database.exists()


def test_line_items_reach_the_marts(built_warehouse):
    _, database = built_warehouse
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            """
            select a.agency_name, f.fiscal_year, f.doc_kind, f.functional_subject_code, f.amount_yuan
            from marts.fct_line_item f join marts.dim_agency a using (agency_id)
            where (f.functional_subject_code = '2013701' and f.amount_yuan = 2927400.00)
               or (f.functional_subject_code = '2210201' and f.amount_yuan = 795300.00)
            """
        ).fetchall()
    found = {(agency, year, kind, code) for agency, year, kind, code, _ in rows}
    assert ("中共株洲市委网络安全和信息化委员会办公室", 2020, "budget", "2013701") in found
    assert ("中共那曲市委网络安全和信息化委员会办公室", 2023, "final_account", "2210201") in found  # 那曲市委网信办


def test_rejections_are_queryable(built_warehouse):
    _, database = built_warehouse
    with duckdb.connect(str(database), read_only=True) as connection:
        statuses = dict(connection.execute("select status, count(*) from marts.dim_document group by 1").fetchall())
    assert statuses == {"parsed": 5}


def test_example_queries_run(built_warehouse):
    """Every query shipped in warehouse/queries runs against the built warehouse and returns rows."""
    from tests.conftest import PROJECT_ROOT

    _, database = built_warehouse
    queries = sorted((PROJECT_ROOT / "warehouse" / "queries").glob("*.sql"))
    assert queries
    with duckdb.connect(str(database), read_only=True) as connection:
        for query in queries:
            rows = connection.execute(query.read_text(encoding="utf-8")).fetchall()
            if "rejected" not in query.name:
                assert rows, f"{query.name} returned no rows"


def test_audit_report_pages_are_written(built_warehouse):
    _, database = built_warehouse
    index = database.parent / "reports" / "index.html"
    assert index.exists()
    text = index.read_text(encoding="utf-8")
    assert "中共那曲市委网络安全和信息化委员会办公室" in text and "中共株洲市委网络安全和信息化委员会办公室" in text


def test_agency_pages_and_exports_are_written_by_the_normal_build(built_warehouse):
    _, database = built_warehouse
    agencies = database.parent / "reports" / "agencies"
    assert "中共那曲市委网络安全和信息化委员会办公室" in (agencies / "index.html").read_text(encoding="utf-8")
    assert list((agencies / "charts").glob("*.svg"))
    exports = database.parent / "exports"
    assert (exports / "marts.xlsx").exists()
    parts = list((exports / "csv" / "fct_budget_execution").glob("*.csv"))  # a folder of parts by agency
    assert parts and all(part.read_bytes().startswith(b"\xef\xbb\xbf") for part in parts)
    assert list((exports / "parquet" / "fct_agency_year_measure").glob("*.parquet"))
    assert (exports / "csv" / "dim_agency.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_run_with_more_documents_to_parse_than_the_limit_stops_its_early_dbt_and_still_builds(tmp_path, monkeypatch):
    """The samples are five documents to parse: over a limit of two, the ingestion step stops the dbt process
    the run started early, and the dbt step runs dbt itself."""
    from ingestion import config
    from orchestration import dbt_preload

    monkeypatch.setattr(dbt_preload, "PARSE_LIMIT", 2)
    monkeypatch.setenv("BUDGET_DUCKDB_PATH", str(tmp_path / "budget.duckdb"))
    monkeypatch.setenv("BUDGET_INBOX_DIRS", str(SAMPLES))
    monkeypatch.delenv("BUDGET_STAGING_DIR", raising=False)
    config.export_environment()
    from orchestration.definitions import defs

    with dg.instance_for_test() as instance:
        result = defs.resolve_job_def("warehouse_job").execute_in_process(instance=instance, raise_on_error=False)
        messages = [entry.user_message for entry in instance.all_logs(result.run_id)]
    assert result.success
    assert any(message.startswith("over 2 documents to parse: the dbt process") for message in messages)
    assert dbt_preload.SOCKET_VARIABLE not in os.environ
    with duckdb.connect(str(tmp_path / "budget.duckdb"), read_only=True) as connection:
        assert connection.sql("select count(*) from marts.dim_document").fetchall() == [(5,)]
