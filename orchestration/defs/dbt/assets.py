"""The dbt project as Dagster assets: every model a node of the lineage, every dbt test an asset check.

``target/manifest.json`` is created on first load (``dbt parse``) so that a fresh clone, the tests and
the run command work without a separate preparation step; ``dagster dev`` re-parses on every load.
"""

from collections.abc import Mapping
from typing import Any

from dagster import AssetExecutionContext, ResourceParam
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from ingestion import config
from ingestion.process_guard import guarded_executable
from orchestration.dbt_manifest import DBT_PROJECT_DIR, dbt_executable, parse_dbt_project, put_dbt_on_path
from orchestration.defs.build.resources import ActiveBuild

config.export_environment()
put_dbt_on_path()
budget_dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
budget_dbt_project.prepare_if_dev()
if not budget_dbt_project.manifest_path.exists():
    parse_dbt_project()


class BudgetDbtTranslator(DagsterDbtTranslator):
    """Groups follow the dbt folders (staging / intermediate / marts); seeds form a reference group."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


@dbt_assets(
    manifest=budget_dbt_project.manifest_path,
    dagster_dbt_translator=BudgetDbtTranslator(),
)
def budget_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse_build: ResourceParam[ActiveBuild]):
    """``dbt build``: seeds, models and tests in dependency order; failing `warn` tests do not stop it.

    dbt writes this run's private copy (``BUDGET_BUILD_DUCKDB_PATH``, set by the ``warehouse_build``
    resource), never the published file, so open connections neither block it nor see half a build.
    """
    context.log.info(f"dbt builds {warehouse_build.build.build_database}")
    yield from dbt.cli(["build"], context=context).stream()


def dbt_resource() -> DbtCliResource:
    # dbt runs through a wrapper that dies with the run's process (a killed build leaves no dbt behind).
    guarded = guarded_executable(dbt_executable(), DBT_PROJECT_DIR / "target" / "bin")
    return DbtCliResource(project_dir=budget_dbt_project, dbt_executable=guarded)
