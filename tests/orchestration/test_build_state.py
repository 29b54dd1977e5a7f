"""What a run may skip: the inputs' and models' fingerprints (a review file is a new input, a classification
list a change of the models), and what an incremental dbt build leaves to full builds."""

from __future__ import annotations

import json
import os

import pytest

from ingestion import config
from orchestration import build_state
from orchestration.build_state import FULL_BUILD_ONLY, UNIT_TESTS, dbt_build_arguments
from orchestration.dbt_manifest import DBT_PROJECT_DIR


def test_a_changed_reference_list_makes_the_next_build_a_full_refresh(tmp_path, monkeypatch):
    """The facts carry the reference names of their codes, so the user's lists are inputs of the models."""
    monkeypatch.setenv("BUDGET_REFERENCE_DIR", str(tmp_path))
    empty = build_state.models_fingerprint()
    (tmp_path / "functional_subjects.csv").write_text("code,name\n2010101,行政运行\n", encoding="utf-8")
    listed = build_state.models_fingerprint()
    (tmp_path / "functional_subjects.csv").write_text("code,name\n2010101,机关服务\n", encoding="utf-8")
    assert len({empty, listed, build_state.models_fingerprint()}) == 3


def test_full_refresh_builds_all_but_unit_tests_and_an_increment_excludes_only_full_build_checks():
    from dagster_dbt.asset_utils import extract_runtime_selection_from_args

    # what dagster-dbt passes on to dbt: every selector, none taken for a positional argument
    assert extract_runtime_selection_from_args(dbt_build_arguments(True)) == (
        ["build", "--full-refresh"],
        [],
        [UNIT_TESTS],
    )
    assert extract_runtime_selection_from_args(dbt_build_arguments(False)) == (
        ["build", "--indirect-selection", "empty"],
        [],
        [UNIT_TESTS, *FULL_BUILD_ONLY],
    )


@pytest.fixture(scope="module")
def incremental_selection() -> tuple[set[str], set[str], set[str], set[str], set[str]]:
    """(every node of the project, the nodes a full build runs, the nodes an incremental build runs, the
    marts' tests, the nodes a build of a selection of every model runs), as dbt selects them."""
    from dbt.cli.main import dbtRunner

    saved = dict(os.environ)
    config.export_environment()  # the profile names the warehouse; `dbt ls` never opens it

    def listed(*arguments: str) -> set[str]:
        project = ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
        output = ["--quiet", "--output", "json", "--output-keys", "unique_id"]
        result = dbtRunner().invoke(["ls", *project, *output, *arguments])
        assert result.success, result.exception
        return {json.loads(line)["unique_id"] for line in result.result}

    try:
        mart_tests = listed("--select", "path:models/marts,resource_type:test")
        full, increment = listed(*dbt_build_arguments(True)[2:]), listed(*dbt_build_arguments(False)[1:])
        selection = listed(*dbt_build_arguments(False, selection_only=True)[2:])
        return listed(), full, increment, mart_tests, selection
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_no_warehouse_build_runs_the_unit_tests_the_test_suite_runs(incremental_selection):
    everything, full, increment, *_ = incremental_selection
    unit_tests = {node for node in everything if node.startswith("unit_test.")}
    assert len(unit_tests) > 30  # tests/dbt builds with a plain `dbt build`, so `make test` runs them all
    assert full == everything - unit_tests
    assert not unit_tests & increment


LEFT_OUT_MARTS = {
    *(f"fct_{name}" for name in ("line_item", "reported_total", "income_line_item", "procurement_line_item")),
    *("fct_project", "fct_three_public_expense", "audit_reconciliation"),  # views of per-document tables
    *("dim_functional_subject", "dim_economic_subject"),  # the subject classifications
}


def _names(nodes: set[str]) -> set[str]:
    return {node.split(".")[2] for node in nodes}  # a test's id ends in a hash after its name


def test_an_increment_builds_every_table_but_the_subject_classifications_and_runs_every_mart_test(
    incremental_selection,
):
    _, everything, increment, mart_tests, _ = incremental_selection
    models = {node for node in everything if node.startswith("model.")}
    document_views = {node for node in models if node.split(".")[-1].startswith("stg_ingested__")}
    assert len(document_views) > 10 and not document_views & increment  # they read this run's files as they are
    left_out = models - increment
    others = {"stg_reviews__reviews", "int_subjects_unioned"}  # the reviews' view, a subject table
    assert _names(left_out) == _names(document_views) | LEFT_OUT_MARTS | others
    assert len(models & increment) >= 50 and "model.budget_warehouse.fct_budget_execution" in increment
    assert len(mart_tests) > 80  # one not-null and one accepted-values test a model
    assert {node for node in mart_tests if "has_no" in node}, "the findings checks the run summary counts"
    # the tests of the marts left out run (they read this run's rows), and so do the relationships to the
    # seeds and to the subject dimensions; only the subject classifications' own tests wait for a full build
    manifest = json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text(encoding="utf-8"))
    subject_tests = {node for node in mart_tests
                     if manifest["nodes"][node]["original_file_path"].startswith("models/marts/subjects/")}  # fmt: skip
    assert mart_tests - increment == subject_tests and len(subject_tests) >= 6
    assert {"relationships_fct_line_item_functional_subject_code__subject_code__ref_dim_functional_subject_",
            "relationships_audit_reconciliation_rule_id__rule_id__ref_reconciliation_rules_",
            "unique_fct_line_item_line_item_id"} <= _names(increment)  # fmt: skip


def test_an_increment_leaves_seeds_views_and_their_tests_to_full_builds(incremental_selection):
    _, everything, increment, *_ = incremental_selection
    skipped = everything - increment
    assert {node.split(".")[0] for node in skipped} == {"seed", "model", "test"}
    assert not any(node.startswith("seed.") for node in increment)
    assert any("stg_ingested__line_items" in node for node in skipped)
    review_file_tests = {node for node in everything if ".reviews_are_complete" in node or ".reviews_name_a" in node}
    assert len(review_file_tests) == 2 and review_file_tests <= increment  # a review file may be all that changed
    assert any("int_reconciliation_checks_unioned" in node for node in skipped)


def test_the_marts_an_increment_leaves_out_are_output_after_it():
    """The steps after dbt read the views and dimensions an increment does not build: their outputs are
    yielded (else Dagster would skip those steps), every one of them and nothing else."""
    from orchestration.defs.dbt.assets import BudgetDbtTranslator, budget_dbt_project
    from orchestration.defs.dbt.events import left_out_marts

    manifest = json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text(encoding="utf-8"))
    everything = [f"marts__{name}" for name in sorted(LEFT_OUT_MARTS)] + ["marts__fct_budget_execution"]
    outputs = list(left_out_marts(manifest, BudgetDbtTranslator(), budget_dbt_project, everything))
    assert sorted(output.output_name for output in outputs) == everything[:-1]
    assert all(output.metadata["status"].value == "not rebuilt" for output in outputs)
    assert all("last full build" in output.metadata["why"].value for output in outputs)
    some = list(left_out_marts(manifest, BudgetDbtTranslator(), budget_dbt_project, ["marts__fct_project"]))
    assert [output.output_name for output in some] == ["marts__fct_project"]


def test_the_tests_that_are_no_asset_checks_are_exactly_those_an_increment_leaves_out(incremental_selection):
    """is_full_build_only_test (which dbt tests the translator makes no asset check) says what dbt's
    selection of an increment does, test by test: no check is planned that an add-one run does not run."""
    _, full, increment, *_ = incremental_selection
    manifest = json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text(encoding="utf-8"))
    tests = {unique_id: node for unique_id, node in manifest["nodes"].items() if node["resource_type"] == "test"}
    nodes = manifest["nodes"]
    full_only = {unique_id for unique_id, node in tests.items() if build_state.is_full_build_only_test(node)}
    assert full_only == {unique_id for unique_id in full - increment if unique_id.startswith("test.")}
    assert len(full_only) > 100 and len(set(tests) - full_only) > 80
    assert not any(build_state.is_full_build_only_test(node) for node in nodes.values()
                   if node["resource_type"] != "test")  # fmt: skip


def test_a_warehouse_in_another_folder_makes_the_next_build_a_full_refresh(tmp_path, monkeypatch):
    """An increment keeps the staging views, whose SQL names the staging and review folders."""
    monkeypatch.setenv("BUDGET_DUCKDB_PATH", str(tmp_path / "a" / "budget.duckdb"))
    here = build_state.models_fingerprint()
    monkeypatch.setenv("BUDGET_DUCKDB_PATH", str(tmp_path / "b" / "budget.duckdb"))
    moved = build_state.models_fingerprint()
    monkeypatch.setenv("BUDGET_REVIEWS_DIR", str(tmp_path / "reviews"))
    assert len({here, moved, build_state.models_fingerprint()}) == 3


def test_a_review_changes_the_inputs_and_a_reference_list_the_models(tmp_path, monkeypatch):
    reviews, reference = tmp_path / "reviews", tmp_path / "reference"
    reviews.mkdir()
    reference.mkdir()
    (reviews / "reviews.template.csv").write_text("check_id,decision\n")
    monkeypatch.setenv("BUDGET_REVIEWS_DIR", str(reviews))
    monkeypatch.setenv("BUDGET_REFERENCE_DIR", str(reference))
    inputs, models = build_state.inputs_fingerprint("staged"), build_state.models_fingerprint()
    assert build_state.inputs_fingerprint("staged") == inputs  # nothing changed: nothing to do

    (reviews / "reviews.csv").write_text("check_id,decision\nbcb11a1035232edd,dismissed\n")
    assert build_state.inputs_fingerprint("staged") != inputs
    assert build_state.models_fingerprint() == models  # no full refresh for a review
    (reviews / "notes.txt").write_text("not a review file")
    with_review = build_state.inputs_fingerprint("staged")
    (reviews / "notes.txt").write_text("still not one")
    assert build_state.inputs_fingerprint("staged") == with_review

    (reference / "functional_subjects_2024.csv").write_text("code,name\n20406,司法\n")
    assert build_state.models_fingerprint() != models


def test_the_run_command_stops_only_when_the_inbox_models_and_reviews_are_those_of_the_published_build(
    tmp_path, monkeypatch
):
    inbox, reviews, staging = tmp_path / "inbox", tmp_path / "reviews", tmp_path / "staging"
    inbox.mkdir()
    reviews.mkdir()
    database = tmp_path / "warehouse" / "budget.duckdb"
    database.parent.mkdir()
    monkeypatch.setenv("BUDGET_INBOX_DIRS", str(inbox))
    monkeypatch.setenv("BUDGET_DUCKDB_PATH", str(database))
    monkeypatch.setenv("BUDGET_REVIEWS_DIR", str(reviews))
    (inbox / "a.txt").write_text("部门预算 甲", encoding="utf-8")
    (inbox / "b.txt").write_text("部门预算 乙", encoding="utf-8")

    def build() -> None:  # what a run that published (or found its warehouse current) records
        from ingestion.discovery import discover_documents

        build_state.record_inbox_state(staging, build_state.inbox_state(discover_documents([inbox])))
        database.write_bytes(b"warehouse")
        build_state.carry_inbox_state(staging, database)

    assert not build_state.inbox_unchanged()  # nothing built yet
    build()
    assert build_state.inbox_unchanged()
    changes = [
        lambda: (inbox / "c.txt").write_text("部门决算", encoding="utf-8"),  # added
        lambda: (inbox / "a.txt").write_text("部门预算 丙", encoding="utf-8"),  # same size, new content and time
        lambda: (inbox / "b.txt").unlink(),  # removed
        lambda: (reviews / "reviews.csv").write_text("check_id,decision\nabc,dismissed\n"),  # a review
        lambda: os.utime(inbox / "a.txt", ns=(1, 1)),  # touched: stat differs, so the job decides
    ]
    for change in changes:
        change()
        assert not build_state.inbox_unchanged()
        build()
        assert build_state.inbox_unchanged()
    database.unlink()
    assert not build_state.inbox_unchanged()  # the warehouse itself is gone


def test_a_selection_of_the_models_rebuilds_in_full_and_leaves_the_change_records(incremental_selection):
    """A user materializing some dbt assets in the UI: the change records stay as the last whole build left
    them (the models left out build the new documents at the next whole build), everything else selected
    is rebuilt in full, not from the change records."""
    _, full, _, _, selection = incremental_selection
    assert dbt_build_arguments(True, selection_only=True)[:2] == ["build", "--full-refresh"]
    records = {f"model.budget_warehouse.{name}" for name in build_state.CHANGE_RECORDS}
    assert records <= full and not records & selection
    assert selection == full - records - {node for node in full if node.startswith("test.") and
                                          any(name in node for name in build_state.CHANGE_RECORDS)}  # fmt: skip


def test_a_build_of_some_dbt_assets_is_a_selection_and_the_job_is_not():
    from types import SimpleNamespace

    from orchestration.defs.dbt.assets import budget_dbt_models, is_selection

    every_asset = set(budget_dbt_models.keys)
    some = {key for key in every_asset if key.path[-1] == "audit_reconciliation"}
    assert len(every_asset) > 50 and len(some) == 1
    assert not is_selection(SimpleNamespace(assets_def=budget_dbt_models, selected_asset_keys=every_asset))
    assert is_selection(SimpleNamespace(assets_def=budget_dbt_models, selected_asset_keys=some))
