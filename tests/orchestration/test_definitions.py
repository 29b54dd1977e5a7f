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


def test_every_asset_check_has_a_description():
    """dbt tests (described by orchestration/defs/dbt/check_descriptions.py) and the Python checks alike."""
    graph = defs.resolve_asset_graph()
    checks = [graph.get_check_spec(key) for key in graph.asset_check_keys]
    assert len(checks) > 80  # a model's not-null columns are one check, its accepted values another
    undescribed = [spec.key.to_user_string() for spec in checks if not (spec.description or "").strip()]
    assert not undescribed
    unique = next(spec for spec in checks if spec.key.name == "unique_audit_reconciliation_check_id")
    assert unique.description == "`check_id` of audit_reconciliation is unique."
    not_null = next(spec for spec in checks if spec.key.name == "not_null_audit_reconciliation")
    assert not_null.description == (
        "`check_id`, `document_id`, `rule_id`, `rule_label`, `status`, `detail` and `figures_fingerprint`"
        " of audit_reconciliation are never null."
    )


def test_code_location_loads_as_dagster_dev_loads_it(tmp_path):
    """`dagster dev` re-parses dbt with plain `dbt`; it must work without an activated virtualenv."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import PROJECT_ROOT

    dagster = Path(sys.executable).parent / "dagster"
    environment = {
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "PATH": "/usr/bin:/bin",
        "DAGSTER_IS_DEV_CLI": "1",
        "DAGSTER_HOME": str(tmp_path),
        "DO_NOT_TRACK": "1",
    }
    completed = subprocess.run(
        [str(dagster), "definitions", "validate", "-m", "orchestration.definitions"],
        cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "Validation successful" in completed.stderr + completed.stdout
