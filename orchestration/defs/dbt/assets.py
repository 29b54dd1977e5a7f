"""The dbt project as Dagster assets: every model a node of the lineage, every dbt test an asset check.

``target/manifest.json`` is created on first load (``dbt parse``) so that a fresh clone, the tests and
the run command work without a separate preparation step, and parsed again only when a project file
changed (``ensure_manifest``): loading the definitions must stay fast, because the UI's code server
and every run it launches load them.

After a successful ``dbt build`` the fingerprint of its inputs is recorded (orchestration/build_state.py),
so that the next run with the same files and the same project does not run dbt at all.
"""

import json
from collections.abc import Mapping
from typing import Any

from dagster import AssetCheckSpec, AssetExecutionContext, AssetSpec, ResourceParam
from dagster_dbt import DagsterDbtTranslator, DbtProject, dbt_assets

from ingestion import config
from ingestion.process_guard import guarded_executable
from orchestration import build_state
from orchestration.dbt_manifest import DBT_PROJECT_DIR, dbt_executable, ensure_manifest, put_dbt_on_path
from orchestration.defs.build.resources import ActiveBuild
from orchestration.defs.dbt.check_descriptions import describe_test
from orchestration.defs.dbt.events import BudgetDbtCliResource, dagster_events, left_out_marts
from orchestration.defs.dbt.mart_metadata import with_mart_metadata

config.export_environment()
put_dbt_on_path()
budget_dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
ensure_manifest()


class BudgetDbtTranslator(DagsterDbtTranslator):
    """Groups follow the dbt folders (staging / intermediate / marts); seeds form a reference group; every
    dbt test that runs on every build is an asset check, described (its own description, else one
    generated from its arguments); the tests only full builds run are none (``events``)."""

    def get_asset_check_spec(
        self, asset_spec: AssetSpec, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None
    ) -> AssetCheckSpec | None:
        if build_state.is_full_build_only_test(manifest["nodes"].get(unique_id, {})):
            return None
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None:
            return None
        description = describe_test(manifest["nodes"][unique_id])
        return spec._replace(description=description) if description else spec

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


@dbt_assets(manifest=budget_dbt_project.manifest_path, dagster_dbt_translator=BudgetDbtTranslator())
def budget_dbt_models(
    context: AssetExecutionContext, dbt: BudgetDbtCliResource, warehouse_build: ResourceParam[ActiveBuild]
):
    """``dbt build``: seeds, models and tests in dependency order; failing `warn` tests do not stop it.

    dbt writes this run's private copy (``BUDGET_BUILD_DUCKDB_PATH``, set by the ``warehouse_build``
    resource), never the published file, so open connections neither block it nor see half a build. The
    copy starts as the published file, so the facts models build only documents they do not hold yet;
    ``--full-refresh`` rebuilds them all when the models, seeds or parser version changed since the
    published build. The marts an increment leaves out (views, subject classifications: their relations
    are current) are reported materialized once dbt has finished, as a build of them would be. The marts'
    materializations carry their row counts and column types, read from the copy once dbt has finished.
    """
    build = warehouse_build.build
    if build_state.step_is_current("dbt", build.staging_dir):
        context.log.info("the warehouse already holds a build of this run's staging files: dbt not run")
        build_state.carry_inbox_state(build.staging_dir, config.duckdb_path())  # the next run may stop at once
        return
    selection_only = is_selection(context)
    full_refresh = build_state.needs_full_refresh()
    if selection_only:
        context.log.info(
            "a selection of the models: dbt build --full-refresh of the selection; the next whole build "
            "builds the others' new documents"
        )
    elif full_refresh:
        context.log.info("models, seeds or parser changed since the last build: dbt build --full-refresh")
    context.log.info(f"dbt builds {build.build_database}")
    manifest = json.loads(budget_dbt_project.manifest_path.read_text(encoding="utf-8"))
    arguments = build_state.dbt_build_arguments(full_refresh, selection_only)
    invocation = dbt.cli(arguments, context=context, target_path=build.dbt_target_dir)  # parses only changes
    events = dagster_events(invocation, manifest, context, context.log)
    yield from with_mart_metadata(events, manifest, str(build.build_database), context.log)
    if not (full_refresh or selection_only):  # the steps after dbt read the marts an increment leaves out
        yield from left_out_marts(manifest, BudgetDbtTranslator(), budget_dbt_project, context.selected_output_names)
    if not selection_only:  # a selection is no whole build: the next run builds again, models as recorded
        build_state.record_step("dbt", build.staging_dir, build.build_database)
        build_state.record_models(build.build_database)


def is_selection(context: AssetExecutionContext) -> bool:
    """True when the run materializes only some of the dbt assets (a user's selection in the UI): the
    incremental models then cannot build from the change records (``build_state.CHANGE_RECORDS``)."""
    every_asset = set(context.assets_def.node_keys_by_output_name.values())
    return set(context.selected_asset_keys) != every_asset


def dbt_resource() -> BudgetDbtCliResource:
    # dbt runs through a wrapper that dies with the run's process (a killed build leaves no dbt behind) and
    # hands the command to the dbt process the run started early, when there is one (orchestration.dbt_preload).
    guarded = guarded_executable(dbt_executable(), DBT_PROJECT_DIR / "target" / "bin", "orchestration.dbt_preload")
    return BudgetDbtCliResource(project_dir=budget_dbt_project, dbt_executable=guarded)
