"""The dbt step's Dagster events: no asset check for a test only full builds run, those tests' results in one
log line, and a dbt CLI resource that starts no ``dbt --version`` process and no adapter."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import version as installed_version
from pathlib import Path

import dagster as dg
from packaging import version

from orchestration.defs.dbt.events import dagster_events

MANIFEST = {
    "nodes": {
        "model.p.fct_line_item": {"resource_type": "model", "original_file_path": "models/marts/fct_line_item.sql"},
        "seed.p.reconciliation_rules": {"resource_type": "seed", "original_file_path": "seeds/rules.csv"},
        "test.p.unique_fct": {
            "resource_type": "test",
            "name": "unique_fct",
            "original_file_path": "models/marts/fct_line_item.yml",
            "depends_on": {"nodes": ["model.p.fct_line_item"]},
        },
        "test.p.not_null_stg": {
            "resource_type": "test",
            "name": "not_null_stg",
            "original_file_path": "models/staging/ingested/stg_ingested__line_items.yml",
            "depends_on": {"nodes": ["model.p.stg"]},
        },
        "test.p.unique_dim": {
            "resource_type": "test",
            "name": "unique_dim",
            "original_file_path": "models/marts/subjects/dim_functional_subject.yml",
            "depends_on": {"nodes": ["model.p.dim_functional_subject"]},
        },
        "test.p.relationships_audit_rule": {
            "resource_type": "test",
            "name": "relationships_audit_rule",
            "original_file_path": "models/marts/audit_reconciliation.yml",
            "depends_on": {"nodes": ["seed.p.reconciliation_rules", "model.p.audit_reconciliation"]},
        },
    }
}


@dataclass
class FakeEvent:
    unique_id: str
    status: str = "pass"
    is_result_event: bool = True

    @property
    def raw_event(self) -> dict:
        return {"data": {"node_info": {"unique_id": self.unique_id, "node_status": self.status}}}

    def to_default_asset_events(self, **_) -> list:
        return [f"dagster event of {self.unique_id}"]


@dataclass
class FakeInvocation:
    events: list
    manifest: dict = field(default_factory=lambda: MANIFEST)
    dagster_dbt_translator: object = None
    target_path: Path = Path("target")
    project: object = None

    def stream_raw_events(self):
        yield from self.events


class Log:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def info(self, line: str) -> None:
        self.lines.append(line)


def test_results_of_full_build_only_tests_become_one_log_line_and_the_rest_pass_through():
    invocation = FakeInvocation(
        [
            FakeEvent("model.p.fct_line_item"),
            FakeEvent("test.p.not_null_stg", "pass"),
            FakeEvent("test.p.unique_dim", "warn"),
            FakeEvent("test.p.relationships_audit_rule", "pass"),  # a mart's test, though it reads a seed
            FakeEvent("test.p.unique_fct", "fail"),
            FakeEvent("test.p.not_null_stg", is_result_event=False),  # a start event: dagster-dbt ignores it
        ]
    )
    log = Log()
    events = list(dagster_events(invocation, MANIFEST, context=None, log=log))
    assert events == [
        "dagster event of model.p.fct_line_item",
        "dagster event of test.p.relationships_audit_rule",
        "dagster event of test.p.unique_fct",
        "dagster event of test.p.not_null_stg",
    ]
    assert log.lines == [
        "dbt tests of the seeds, the staging views, the intermediate tables and the subject classifications "
        "(full builds only): 1 pass, 1 warn; not passed: unique_dim (warn)"
    ]


def test_an_increment_logs_nothing_about_tests_it_did_not_run():
    log = Log()
    events = list(dagster_events(FakeInvocation([FakeEvent("test.p.unique_fct")]), MANIFEST, None, log))
    assert events == ["dagster event of test.p.unique_fct"] and log.lines == []


def test_asset_checks_are_the_tests_every_build_runs():
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    checks = {(key.asset_key.path[-1], key.name) for key in graph.asset_check_keys}
    targets = {asset for asset, _ in checks}
    assert ("audit_reconciliation", "audit_reconciliation_has_no_error_findings") in checks
    assert ("fct_line_item", "unique_fct_line_item_line_item_id") in checks
    assert not any(asset.startswith(("stg_ingested__", "int_")) for asset in targets), "full-build only"
    assert ("stg_reviews__reviews", "reviews_are_complete") in checks  # a review file may be all a run brings
    assert not {"dim_functional_subject", "dim_economic_subject"} & targets, "full-build only"
    to_seed = "relationships_audit_reconciliation_rule_id__rule_id__ref_reconciliation_rules_"
    assert ("audit_reconciliation", to_seed) in checks  # a mart's test, run on every build


@dataclass
class LoggedLine:
    unique_id: str
    message: str
    is_result_event: bool = False

    @property
    def raw_event(self) -> dict:
        node_info = {"unique_id": self.unique_id}
        return {"info": {"name": "JinjaLogInfo", "msg": self.message}, "data": {"node_info": node_info}}

    def to_default_asset_events(self, **_) -> list:
        raise AssertionError("a reported line is no Dagster event")


@dataclass
class ModelResult(FakeEvent):
    def to_default_asset_events(self, **_) -> list:
        return [dg.Output(None, output_name="fct_line_item", metadata={"unique_id": self.unique_id})]


def test_a_mart_goes_out_with_the_row_count_and_columns_its_post_hook_logged():
    columns = '[["line_item_id", "VARCHAR", false], ["amount_yuan", "DECIMAL(20,2)", true]]'
    line = f'relation metadata: {{"row_count": 2, "columns": {columns}}}'
    invocation = FakeInvocation([LoggedLine("model.p.fct_line_item", line), ModelResult("model.p.fct_line_item")])
    (output,) = dagster_events(invocation, MANIFEST, context=None)
    assert output.metadata["unique_id"].value == "model.p.fct_line_item"
    assert output.metadata["dagster/row_count"].value == 2
    schema = output.metadata["dagster/column_schema"].value
    assert [(column.name, column.type, column.constraints.nullable) for column in schema.columns] == [
        ("line_item_id", "VARCHAR", False),
        ("amount_yuan", "DECIMAL(20,2)", True),
    ]


def test_the_dbt_resource_starts_no_version_process_and_no_adapter(monkeypatch):
    import dagster_dbt.core.resource as dagster_dbt_resource

    from orchestration.defs.dbt.assets import dbt_resource

    def no_subprocess(*_args, **_kwargs):
        raise AssertionError("dbt --version was started")

    monkeypatch.setattr(dagster_dbt_resource, "check_output", no_subprocess)
    resource = dbt_resource()
    assert resource._cli_version == version.parse(installed_version("dbt-core"))
    assert resource._cli_version.major == 1  # dbt Core, so dagster-dbt reads its events as dbt Core's
    assert resource._initialize_dbt_core_adapter(["build"]) is None
    assert isinstance(resource, dg.ConfigurableResource)
