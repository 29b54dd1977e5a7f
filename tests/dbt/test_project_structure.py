"""The dbt project's own rules, checked over target/manifest.json and the built warehouse.

Instead of the dbt hub's dbt_project_evaluator: model prefixes match their folders, every model and
every column is described, every model has a tested primary key, one properties file per model, the
sources join the Dagster lineage, and the accepted-value lists match the vocabularies of
ingestion/schemas.py. The project is built once over empty staging files (it must build with no data).
"""

from __future__ import annotations

import copy
import csv
import re
from collections import defaultdict
from pathlib import PurePosixPath

import pytest

from ingestion import schemas
from ingestion.schemas import STAGING_FRAMES
from orchestration.defs.dbt.check_descriptions import describe_test, explicit_description
from tests.dbt.conftest import DBT_PROJECT_DIR, DbtWarehouse, failed_nodes

FOLDER_PREFIXES = {
    "staging": ("stg_",),
    "intermediate": ("int_",),
    "marts": ("dim_", "fct_", "audit_", "rpt_"),
}
PRIMARY_KEY_TESTS = {"unique", "unique_combination_of_columns"}
CHECK_FRAME_MODEL = "int_reconciliation_checks_unioned"  # documents the columns every rule-family model ends with
KEYLESS_MODELS = {
    "stg_ingested__extraction_issues",  # identical issues may repeat; keyed in the mart
    "stg_reviews__reviews",  # the review trail only grows; int_reviews_latest is keyed by check
}
REVIEW_FILE_TESTS = {"reviews_are_complete", "reviews_name_a_current_check"}  # a person's file: warn, never fail
# every model of these intermediate folders is built per document (dbt_project/macros/documents), from
# the folder's config: a new check model inherits it
INCREMENTAL_BY_DOCUMENT = {"facts", "reconciliation"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> DbtWarehouse:
    warehouse = DbtWarehouse(tmp_path_factory.mktemp("dbt_structure"))
    result = warehouse.build({})
    assert result.success, failed_nodes(result)
    return warehouse


@pytest.fixture(scope="module")
def manifest(warehouse) -> dict:
    return warehouse.manifest


@pytest.fixture(scope="module")
def models(manifest) -> list[dict]:
    return [node for node in manifest["nodes"].values() if node["resource_type"] == "model"]


def test_the_project_builds_with_no_documents(warehouse):
    tables = set(warehouse.query("select table_schema, table_name from information_schema.tables"))
    assert ("marts", "audit_reconciliation") in tables and ("staging", "stg_ingested__documents") in tables
    schemas_built = {schema for schema, _ in tables}
    assert {"staging", "intermediate", "marts", "reference"} <= schemas_built


def test_model_prefixes_match_their_folders(models):
    for model in models:
        layer = PurePosixPath(model["original_file_path"]).parts[1]
        assert model["name"].startswith(FOLDER_PREFIXES[layer]), (model["name"], layer)
        if layer == "staging":
            source_folder = PurePosixPath(model["original_file_path"]).parts[2]
            assert model["name"].startswith(f"stg_{source_folder}__"), model["name"]
            assert model["config"]["materialized"] == "view"
        elif layer == "intermediate" and PurePosixPath(model["original_file_path"]).parts[2] in INCREMENTAL_BY_DOCUMENT:
            _assert_incremental_by_document(model)
        elif model["config"]["materialized"] == "incremental" and model["config"]["meta"].get("per_document"):
            _assert_incremental_by_document(model)
        elif model["name"] in INCREMENTAL_BY_DOCUMENTS_ROW:
            _assert_incremental_by_documents_row(model)
        elif model["config"]["materialized"] == "incremental":
            _assert_incremental_by_agency(model)
        elif layer == "marts" and model["config"]["materialized"] == "view":
            _assert_reads_only_tables_built_by_document(model, models)
        else:
            assert model["config"]["materialized"] == "table"


def _assert_incremental_by_document(model: dict) -> None:
    config = model["config"]
    assert (config["materialized"], config["unique_key"]) == ("incremental", "document_id"), model["name"]
    assert config["meta"]["per_document"] and "drop_documents_no_longer_current" in str(config["post-hook"])
    # built after the list of the documents new and gone in this run, which narrows its inputs
    assert "model.budget_warehouse.int_documents_changed" in model["depends_on"]["nodes"], model["name"]


# one row per document that also carries the documents row (version number and count): rebuilt when either changed
INCREMENTAL_BY_DOCUMENTS_ROW = {"audit_document_quality"}


def _assert_incremental_by_documents_row(model: dict) -> None:
    config = model["config"]
    assert (config["materialized"], config["unique_key"]) == ("incremental", "document_id"), model["name"]
    assert "drop_documents_not_reported" in str(config["pre-hook"]), model["name"]
    assert "is_incremental()" in model["raw_code"], model["name"]


def _assert_incremental_by_agency(model: dict) -> None:
    """Rebuilt for the agencies whose documents changed: every row of theirs is deleted first, and the SQL
    reads its inputs narrowed to them (dbt_project/macros/across/agencies_to_build.sql)."""
    config = model["config"]
    assert config["incremental_strategy"] == "append", model["name"]
    assert "drop_agencies_to_rebuild" in str(config["pre-hook"]), model["name"]
    assert "agencies_to_build()" in model["raw_code"], model["name"]
    assert "model.budget_warehouse.int_agencies_changed" in model["depends_on"]["nodes"], model["name"]


# the reviews: a person's input, joined when audit_reconciliation is read (it changes with no document)
VIEW_INPUTS_NOT_BY_DOCUMENT = {"model.budget_warehouse.int_reviews_latest"}


def _assert_reads_only_tables_built_by_document(model: dict, models: list[dict]) -> None:
    """A mart view costs an add-one run nothing; it stays as fast to query as a table only when what it
    reads is a table already built by document, not a computation across all documents."""
    by_id = {node["unique_id"]: node for node in models}
    inputs = set(model["depends_on"]["nodes"]) - VIEW_INPUTS_NOT_BY_DOCUMENT
    assert inputs, model["name"]
    for unique_id in inputs:
        config = by_id[unique_id]["config"]
        assert config["materialized"] == "incremental" and config["meta"]["per_document"], (model["name"], unique_id)


def _is_rule_family_model(model: dict) -> bool:
    return model["name"].endswith("_checks_evaluated")


def test_every_model_and_column_is_described(models):
    for model in models:
        assert model["description"].strip(), model["name"]
        if _is_rule_family_model(model):
            continue  # its columns are the check frame, described once on the union
        assert model["columns"], f"{model['name']} documents no columns"
        for column in model["columns"].values():
            assert column["description"].strip(), (model["name"], column["name"])


def test_rule_family_models_end_with_the_check_frame(warehouse, models):
    """A rule-family model's columns are those of the check frame, documented on the union model."""
    frame = next(model for model in models if model["name"] == CHECK_FRAME_MODEL)
    families = [model for model in models if _is_rule_family_model(model)]
    assert len(families) >= 8
    for model in families:
        built = _built_columns(warehouse, model)
        assert built and built <= set(frame["columns"]) - {"check_id", "finding_kind"}, model["name"]
        assert not model["columns"], f"{model['name']} restates the check frame's columns"


def _built_columns(warehouse: DbtWarehouse, model: dict) -> set[str]:
    query = "select column_name from information_schema.columns where table_schema = ? and table_name = ?"
    return {name for (name,) in warehouse.query(query, [model["schema"], model["name"]])}


def test_documented_columns_are_the_built_columns(warehouse, models):
    for model in models:
        if not _is_rule_family_model(model):
            assert set(model["columns"]) == _built_columns(warehouse, model), model["name"]


def test_staging_columns_are_typed_once_in_their_properties_files(warehouse, models):
    """A staging model of an ingested frame casts the columns its properties file declares (macro
    staged_frame): every column declares a data_type, the view has exactly those types, and a column name
    shared by several frames (source_locator, amount_yuan …) has one type everywhere."""
    query = "select column_name, data_type from information_schema.columns where table_schema = ? and table_name = ?"
    types_by_column = defaultdict(set)
    staging = [model for model in models if "staged_frame(" in model["raw_code"]]
    assert {f"stg_ingested__{frame}" for frame in STAGING_FRAMES} <= {model["name"] for model in staging}
    for model in staging:
        declared = {name: column["data_type"] for name, column in model["columns"].items()}
        assert all(declared.values()), (model["name"], declared)
        built = dict(warehouse.query(query, [model["schema"], model["name"]]))
        assert {name: _duckdb_type(data_type) for name, data_type in declared.items()} == built, model["name"]
        for name, data_type in declared.items():
            types_by_column[name].add(data_type)
    assert {name: types for name, types in types_by_column.items() if len(types) > 1} == {}


def _duckdb_type(declared: str) -> str:
    """The name information_schema gives the declared type (timestamptz, decimal(20, 2) …)."""
    spelled = declared.upper().replace(" ", "")
    return {"TIMESTAMPTZ": "TIMESTAMP WITH TIME ZONE"}.get(spelled, spelled)


def never_null_columns(node: dict) -> list[str]:
    """The columns a test proves never null on every row: dbt's per-column ``not_null`` or the project's
    ``not_null_columns`` (one test a model, dbt_project/tests/generic); one limited by ``where`` proves none."""
    name = node.get("test_metadata", {}).get("name")
    if node["config"].get("where"):
        return []
    if name == "not_null" and node.get("column_name"):
        return [node["column_name"]]
    if name == "not_null_columns":
        return list(node["test_metadata"]["kwargs"]["columns"])
    return []


def models_without_a_tested_primary_key(manifest: dict, models: list[dict]) -> list[str]:
    """A key is one column tested ``unique`` and never null, or a tested ``unique_combination_of_columns``."""
    keyed = defaultdict(set)
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or "test_metadata" not in node:
            continue
        name = node["test_metadata"]["name"]
        model = node.get("attached_node") or next(iter(node["depends_on"]["nodes"]), "")
        if name in PRIMARY_KEY_TESTS:
            keyed[model].add(name)
        keyed[model].update(f"not_null:{column}" for column in never_null_columns(node))
        if name == "unique" and node.get("column_name"):
            keyed[model].add(f"unique:{node['column_name']}")
    missing = []
    for model in models:
        tests = keyed[model["unique_id"]]
        unique_columns = {test.split(":", 1)[1] for test in tests if test.startswith("unique:")}
        not_null_columns = {test.split(":", 1)[1] for test in tests if test.startswith("not_null:")}
        single_key = unique_columns & not_null_columns
        if model["name"] not in KEYLESS_MODELS and not single_key and "unique_combination_of_columns" not in tests:
            missing.append(model["name"])
    return missing


def test_every_model_has_a_tested_primary_key(manifest, models):
    assert models_without_a_tested_primary_key(manifest, models) == []


def test_a_key_unique_but_not_tested_for_nulls_is_no_tested_key(manifest, models):
    """The rule keeps its force over the model-level not_null test: take fct_line_item's key out of it (or
    limit the test with ``where``) and the model has no tested key."""
    mutilated = copy.deepcopy(manifest)
    (not_null,) = [
        node
        for node in mutilated["nodes"].values()
        if node.get("test_metadata", {}).get("name") == "not_null_columns"
        and node["attached_node"] == "model.budget_warehouse.fct_line_item"
    ]
    columns = not_null["test_metadata"]["kwargs"]["columns"]
    assert "line_item_id" in columns
    not_null["config"]["where"] = "amount_yuan > 0"
    assert models_without_a_tested_primary_key(mutilated, models) == ["fct_line_item"]
    not_null["config"]["where"] = None
    columns.remove("line_item_id")
    assert models_without_a_tested_primary_key(mutilated, models) == ["fct_line_item"]


def test_every_model_has_its_own_properties_file(models):
    """`<model>.yml` beside `<model>.sql` (as jaffle-shop does): descriptions, tests and unit tests of a
    model are found by its name, and no properties file grows with the folder."""
    for model in models:
        sql_path = PurePosixPath(model["original_file_path"])
        assert model["patch_path"].split("://", 1)[1] == str(sql_path.with_suffix(".yml")), model["name"]


def test_sources_are_the_staging_frames_and_join_the_dagster_lineage(manifest):
    sources = {node["name"]: node for node in manifest["sources"].values() if node["source_name"] == "ingested"}
    assert set(sources) == set(STAGING_FRAMES)
    for name, node in sources.items():
        meta = node["config"]["meta"] or node["meta"]
        assert meta["dagster"]["asset_key"] == ["ingested", name]
        assert meta["external_location"].endswith("/{name}.parquet")
        assert {column for column in node["columns"]} == set(STAGING_FRAMES[name].to_schema().columns), name


@pytest.mark.parametrize(
    ("model", "column", "vocabulary"),
    [
        ("fct_line_item", "fund_source", schemas.FUND_SOURCES),
        ("fct_line_item", "expense_type", schemas.EXPENSE_TYPES),
        ("fct_line_item", "amount_kind", schemas.AMOUNT_KINDS),
        ("fct_line_item", "extraction_method", schemas.EXTRACTION_METHODS),
        ("fct_line_item", "reported_unit", schemas.REPORTED_UNITS),
        ("fct_reported_total", "measure", schemas.MEASURES),
        ("fct_income_line_item", "income_source", schemas.INCOME_SOURCES),
        ("fct_procurement_line_item", "procurement_kind", schemas.PROCUREMENT_KINDS),
        ("fct_procurement_line_item", "line_level", schemas.PROCUREMENT_LINE_LEVELS),
        ("fct_three_public_expense", "category", schemas.THREE_PUBLIC_CATEGORIES),
        ("dim_document", "doc_kind", schemas.DOC_KINDS),
        ("dim_document", "status", schemas.DOCUMENT_STATUSES),
        ("stg_ingested__documents", "status", schemas.DOCUMENT_STATUSES),
        ("stg_ingested__stated_ratios", "ratio_kind", schemas.RATIO_KINDS),
        ("stg_ingested__stated_ratios", "change_direction", schemas.CHANGE_DIRECTIONS),
        ("stg_ingested__stated_ratios", "rate_direction", schemas.CHANGE_DIRECTIONS),
        ("stg_ingested__stated_comparisons", "comparison", schemas.COMPARISONS),
        ("stg_ingested__stated_ratios", "base_status", schemas.BASE_STATUSES),
        ("stg_ingested__sentence_flags", "flag", schemas.SENTENCE_FLAGS),
        ("stg_ingested__document_sections", "section_kind", schemas.SECTION_KINDS),
    ],
)
def test_accepted_values_follow_the_ingestion_vocabularies(manifest, model, column, vocabulary):
    lists = accepted_value_lists(manifest, f"model.budget_warehouse.{model}", column)
    assert len(lists) == 1, (model, column)
    assert set(lists[0]) == set(vocabulary)


def accepted_value_lists(manifest: dict, model_id: str, column: str) -> list[list]:
    """The value lists the tests of ``model_id`` accept in ``column``: dbt's per-column ``accepted_values``
    or the project's ``accepted_values_by_column`` (one test a model, dbt_project/tests/generic)."""
    lists = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or node.get("attached_node") != model_id:
            continue
        name, kwargs = node.get("test_metadata", {}).get("name"), node.get("test_metadata", {}).get("kwargs", {})
        if name == "accepted_values" and node.get("column_name") == column:
            lists.append(kwargs["values"])
        if name == "accepted_values_by_column" and column in kwargs["values_by_column"]:
            lists.append(kwargs["values_by_column"][column])
    return lists


def test_findings_tests_warn_and_store_failures_integrity_tests_error(manifest):
    """A reconciliation rule is computed once, by its rule-family model: the only data tests about
    findings read audit_reconciliation (they warn), and the review files a person writes are checked by
    warnings (a typo must not stop the build); every other test checks the data's shape (errors). Every
    warning stores its failing rows, so its Dagster check can show them."""
    findings_tests = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or "test_metadata" not in node:
            continue
        if node["test_metadata"]["name"] == "has_no_findings":
            findings_tests.append(node)
            assert node["attached_node"] == "model.budget_warehouse.audit_reconciliation", node["name"]
        if node["test_metadata"]["name"] == "has_no_findings" or node["name"] in REVIEW_FILE_TESTS:
            assert node["config"]["severity"].lower() == "warn", node["name"]
            assert node["config"]["store_failures"] is True, node["name"]
        else:
            assert node["config"]["severity"].lower() == "error", node["name"]
    severities = {node["test_metadata"]["kwargs"]["rule_severity"] for node in findings_tests}
    assert severities == {"error", "warning"}


def test_every_data_test_has_a_description(manifest):
    """Its Dagster asset check shows it: the test's own description, or one generated from a generic
    test's arguments. Tests a generator cannot describe from their arguments alone (singular tests, the
    findings tests, the review-file warnings) must state theirs."""
    tests = [node for node in manifest["nodes"].values() if node["resource_type"] == "test"]
    assert len(tests) > 100
    assert not [node["name"] for node in tests if not describe_test(node)]
    must_state = [
        node
        for node in tests
        if "test_metadata" not in node
        or node["test_metadata"]["name"] == "has_no_findings"
        or node["name"] in REVIEW_FILE_TESTS
    ]
    assert len(must_state) >= 6
    assert not [node["name"] for node in must_state if not explicit_description(node)]


def test_every_rule_has_a_unit_test(manifest):
    unit_tested_models = {node["model"] for node in manifest.get("unit_tests", {}).values()}
    rule_models = {
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["name"].endswith("_checks_evaluated")
    }
    assert rule_models and rule_models <= unit_tested_models


def test_every_rule_is_stated_once_and_computed_by_one_model(manifest):
    """The seed is the one home of a rule's text; exactly one rule-family model computes each rule."""
    with (DBT_PROJECT_DIR / "seeds" / "reconciliation_rules.csv").open(encoding="utf-8") as handle:
        rule_ids = [row["rule_id"] for row in csv.DictReader(handle)]
    assert len(rule_ids) == len(set(rule_ids)) >= 20
    computing = defaultdict(set)
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model":
            for rule_id in re.findall(r"'([A-Z]+(?:-[A-Z]+)+)'", node["raw_code"]):
                computing[rule_id].add(node["name"])
    for rule_id in rule_ids:
        assert len(computing[rule_id]) == 1, (rule_id, computing[rule_id])
        assert next(iter(computing[rule_id])).endswith("_checks_evaluated"), rule_id
    with (DBT_PROJECT_DIR / "seeds" / "cross_document_rules.csv").open(encoding="utf-8") as handle:
        cross_document_rule_ids = [row["rule_id"] for row in csv.DictReader(handle)]
    for rule_id in cross_document_rule_ids:  # rules across documents: one audit model computes them all
        assert computing[rule_id] == {"audit_cross_document"}, (rule_id, computing[rule_id])
    assert set(computing) <= set(rule_ids) | set(cross_document_rule_ids), set(computing) - set(rule_ids)


def test_the_contract_lists_every_mart_and_column(models):
    """docs/warehouse-contract.md is the public interface: its table rows name exactly the marts and their
    columns (backticked; values in parentheses are not backticked)."""
    contract = (DBT_PROJECT_DIR.parent / "docs" / "warehouse-contract.md").read_text(encoding="utf-8")
    listed = {}
    for line in contract.splitlines():
        cells = line.split("|")
        if line.startswith("| `") and len(cells) == 5:
            listed[cells[1].strip().strip("`")] = set(re.findall(r"`([^`]+)`", cells[2] + cells[3]))
    marts = {model["name"]: set(model["columns"]) for model in models if model["schema"] == "marts"}
    assert listed == marts


def test_classification_codes_are_text(warehouse):
    types = set(
        warehouse.query(
            "select table_name, data_type from information_schema.columns "
            "where table_schema = 'reference' and column_name in ('code', 'parent_code')"
        )
    )
    assert types and {data_type for _, data_type in types} == {"VARCHAR"}
    assert warehouse.query("select count(*) from reference.functional_subjects where code = '201'")[0][0] == 1


def test_check_names_read_at_a_glance(manifest):
    """dbt names a generic test after its arguments: Chinese values become runs of underscores and long
    value lists overflow the Dagster UI, so such tests carry an explicit ``name``."""
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test":
            assert "___" not in node["name"] and len(node["name"]) <= 100, node["name"]


def test_the_profile_caps_duckdb_memory_without_resetting_its_spill_folder():
    """dbt-duckdb applies the profile's ``settings`` again on every new cursor, and DuckDB refuses to switch
    ``temp_directory`` once something has spilled: setting it there failed every model after the first spill
    of a 10,000-document build. The default spill folder (``<file>.tmp``) is the one wanted anyway."""
    import yaml

    profile = yaml.safe_load((DBT_PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    settings = profile["budget_warehouse"]["outputs"]["main"]["settings"]
    assert "memory_limit" in settings
    assert "temp_directory" not in settings
