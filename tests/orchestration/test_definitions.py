import dagster as dg

from orchestration.definitions import defs
from orchestration.defs.ingestion.assets import STAGING_KEYS


def test_definitions_load():
    dg.Definitions.validate_loadable(defs)


def test_job_and_schedule_exist():
    assert defs.resolve_job_def("warehouse_job") is not None
    assert defs.resolve_schedule_def("warehouse_schedule").cron_schedule == "0 3 * * *"


def test_ingested_assets_are_the_dbt_sources():
    """One lineage graph: the dbt models depend on exactly the keys the Python assets produce."""
    graph = defs.resolve_asset_graph()
    staging_models = [key for key in graph.get_all_asset_keys() if key.path[-1].startswith("stg_ingested__")]
    assert staging_models
    for key in staging_models:
        parents = graph.get(key).parent_keys
        assert parents & set(STAGING_KEYS.values()), f"{key} is not fed by an ingestion asset"
