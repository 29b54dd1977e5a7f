"""Versions and increments, through real ingestion and dbt on the samples and generated copies.

A corrected re-publication of 那曲's 2023 决算 (its class 201 printed as 805.51万元, the sum of its
sections, instead of 774.7万元) supersedes the original: the marts keep only the corrected version,
dim_document keeps both, and the audit says which version it checked. The same builds check the
incremental facts: a second, incremental build after adding, superseding and deleting documents
holds exactly the rows of a --full-refresh build of the same staging files.
"""

from __future__ import annotations

import os
import shutil
from decimal import Decimal

import pytest

from ingestion.batch import ingest_to_store, write_staging
from ingestion.parse_store import ParseStore
from ingestion.pipeline import discover_documents
from orchestration.build_state import dbt_build_arguments
from tests.conftest import SAMPLE_FILES, SAMPLES
from tests.dbt.conftest import DbtWarehouse, build_without_failures, built_tables

ORIGINAL, CORRECTED = "nagqu_2023_original.txt", "nagqu_2023_corrected.txt"


def _stage(warehouse: DbtWarehouse, inbox, store: ParseStore) -> None:
    write_staging(ingest_to_store(discover_documents([inbox]), store), store, warehouse.staging_dir)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("versions")
    inbox, store = root / "inbox", ParseStore(root / "store")
    inbox.mkdir()
    for key in ("xiamen", "bazhong"):
        shutil.copy(SAMPLES / SAMPLE_FILES[key], inbox)
    original = inbox / ORIGINAL
    shutil.copy(SAMPLES / SAMPLE_FILES["nagqu"], original)
    os.utime(original, (1_700_000_000, 1_700_000_000))
    warehouse = DbtWarehouse(root / "warehouse")
    _stage(warehouse, inbox, store)
    build_without_failures(warehouse, "build")
    first = warehouse.query_dicts("select document_id, source_file, agency_id from marts.dim_document")

    corrected = inbox / CORRECTED  # republished later with the class 201 figure corrected
    corrected.write_text(original.read_text(encoding="utf-8").replace("774.7万元", "805.51万元"), encoding="utf-8")
    os.utime(corrected, (1_700_086_400, 1_700_086_400))
    (inbox / SAMPLE_FILES["bazhong"]).unlink()
    shutil.copy(SAMPLES / SAMPLE_FILES["mancheng"], inbox)
    _stage(warehouse, inbox, store)
    # incremental, as a run builds it: the facts and checks
    build_without_failures(warehouse, "build", *dbt_build_arguments(False)[1:])
    # keep xiamen's rows and add only the new documents
    incremental = built_tables(warehouse)
    changed = dict(warehouse.query("select agency_id, is_changed from intermediate.int_agencies_changed"))
    build_without_failures(warehouse, "build", "--full-refresh")
    return warehouse, first, incremental, built_tables(warehouse), changed


def _document(warehouse: DbtWarehouse, source_file: str) -> dict:
    (row,) = warehouse.query_dicts("select * from marts.dim_document where source_file = ?", [source_file])
    return row


def test_the_corrected_copy_supersedes_the_original(builds):
    warehouse, *_ = builds
    original, corrected = _document(warehouse, ORIGINAL), _document(warehouse, CORRECTED)
    assert (original["is_current"], original["superseded_by"], original["version_number"]) == (
        False, corrected["document_id"], 1,
    )  # fmt: skip
    assert (corrected["is_current"], corrected["superseded_by"], corrected["version_number"]) == (True, None, 2)
    assert original["agency_id"] == corrected["agency_id"] and corrected["version_count"] == 2


def test_only_the_current_version_reaches_facts_and_audit(builds):
    warehouse, *_ = builds
    original, corrected = _document(warehouse, ORIGINAL), _document(warehouse, CORRECTED)
    for table in ("fct_line_item", "fct_reported_total", "audit_reconciliation", "audit_document_quality"):
        ids = {row[0] for row in warehouse.query(f"select distinct document_id from marts.{table}")}
        assert corrected["document_id"] in ids and original["document_id"] not in ids, table
    (class_201,) = warehouse.query_dicts(
        "select * from marts.audit_reconciliation where document_id = ? and rule_id = 'HIER-FUN' and scope = '201'",
        [corrected["document_id"]],
    )
    assert (class_201["status"], class_201["expected_yuan"]) == ("pass", Decimal("8055100.00"))


def test_the_audit_says_which_version_it_checked(builds):
    warehouse, *_ = builds
    (quality,) = warehouse.query_dicts("select * from marts.audit_document_quality where source_file = ?", [CORRECTED])
    assert (quality["version_number"], quality["version_count"]) == (2, 2)
    assert quality["sha256"] == _document(warehouse, CORRECTED)["sha256"]


def test_a_deleted_file_leaves_the_marts_and_the_first_build_had_it(builds):
    warehouse, first, *_ = builds
    assert SAMPLE_FILES["bazhong"] in {row["source_file"] for row in first}
    files = {row[0] for row in warehouse.query("select source_file from marts.dim_document")}
    assert SAMPLE_FILES["bazhong"] not in files and SAMPLE_FILES["mancheng"] in files


def test_incremental_build_equals_full_refresh(builds):
    _, _, incremental, full, _ = builds
    assert incremental.keys() == full.keys() and "marts.fct_line_item" in full
    for table, rows in full.items():
        assert incremental[table] == rows, table
    assert len(full["marts.fct_line_item"]) > 50 and len(full["intermediate.int_reconciliation_checks_unioned"]) > 50
    assert len(full["marts.fct_budget_execution"]) > 50 and len(full["marts.audit_document_completeness"]) > 20


def test_an_increment_rebuilds_only_the_agencies_whose_documents_changed(builds):
    """Xiamen's documents did not change: the per-agency models kept its rows; the agency of the superseded
    disclosure, the deleted one's and the added one's were rebuilt (the deleted one's rows removed)."""
    _, first, _, full, changed = builds
    agency = {row["source_file"]: row["agency_id"] for row in first}
    assert changed[agency[SAMPLE_FILES["xiamen"]]] is False
    assert changed[agency[ORIGINAL]] is True and changed[agency[SAMPLE_FILES["bazhong"]]] is True
    assert sum(changed.values()) == 3  # and the added document's agency, new to the warehouse
    bazhong_rows = [row for row in full["marts.fct_budget_execution"] if agency[SAMPLE_FILES["bazhong"]] in row]
    assert not bazhong_rows


def test_checks_are_built_once_per_document_and_only_for_current_versions(builds):
    """The per-document folder config reaches every check model: incremental, keyed by document."""
    warehouse, *_ = builds
    current = {row[0] for row in warehouse.query("select document_id from marts.dim_document where is_current")}
    tables = "select table_name from information_schema.tables where table_schema = 'intermediate'"
    models = [row[0] for row in warehouse.query(tables + " and table_name like '%_checks_%'")]
    assert len(models) >= 10
    for model in models:
        documents = {row[0] for row in warehouse.query(f"select distinct document_id from intermediate.{model}")}
        assert documents <= current, model
    ((rows, check_ids),) = warehouse.query(
        "select count(*), count(distinct check_id) from intermediate.int_reconciliation_checks_unioned"
    )
    assert rows == check_ids > 0
