"""The dbt project as Dagster assets: every model a node of the lineage, every dbt test an asset check.

``target/manifest.json`` is created on first load (``dbt parse``) so that a fresh clone, the tests and
the run command work without a separate preparation step; ``dagster dev`` re-parses on every load.
"""

import json
from collections.abc import Mapping
from typing import Any

from dagster import AssetExecutionContext
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from ingestion import config
from orchestration.dbt_manifest import DBT_PROJECT_DIR, dbt_executable, parse_dbt_project, put_dbt_on_path
from orchestration.defs.dbt.mart_metadata import with_mart_metadata

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


@dbt_assets(manifest=budget_dbt_project.manifest_path, dagster_dbt_translator=BudgetDbtTranslator())
def budget_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource):
    """``dbt build``: seeds, models and tests in dependency order; failing `warn` tests do not stop it.

    The marts' materializations carry their row counts and column types, read once dbt has finished.
    """
    manifest = json.loads(budget_dbt_project.manifest_path.read_text(encoding="utf-8"))
    events = dbt.cli(["build"], context=context).stream()
    yield from with_mart_metadata(events, manifest, str(config.duckdb_path()), context.log)


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=budget_dbt_project, dbt_executable=dbt_executable())
