"""The shipped deployment config loads: the instance file passes Dagster's own instance schema, the run
coordinator allows one build at a time, and the environment example sets every variable the code reads."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from dagster._config import validate_config
from dagster._core.instance.config import dagster_instance_config
from dagster._core.run_coordinator import QueuedRunCoordinator

from tests.conftest import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"


def test_instance_config_passes_dagsters_schema():
    config, custom_class = dagster_instance_config(str(DEPLOY))
    assert custom_class is None
    assert (config["run_launcher"]["module"], config["run_launcher"]["class"]) == ("dagster_k8s", "K8sRunLauncher")
    assert "postgres" in config["storage"]


def test_one_build_at_a_time():
    coordinator = yaml.safe_load((DEPLOY / "dagster.yaml").read_text())["run_coordinator"]
    assert coordinator["class"] == "QueuedRunCoordinator"
    assert validate_config(QueuedRunCoordinator.config_type(), coordinator["config"]).success
    assert coordinator["config"]["max_concurrent_runs"] == 1


def test_run_configs_choose_an_executor():
    k8s = yaml.safe_load((DEPLOY / "run_config" / "k8s.yaml").read_text())["execution"]["config"]
    celery = yaml.safe_load((DEPLOY / "run_config" / "celery.yaml").read_text())["execution"]["config"]
    assert k8s["step_k8s_config"]["container_config"]["resources"]["requests"]["cpu"]
    assert celery["include"] == ["orchestration.definitions"]


def _variables_read_by(path: Path) -> set[str]:
    return set(re.findall(r'os\.environ(?:\.get)?[\[(]"(BUDGET_\w+)"', path.read_text(encoding="utf-8")))


def test_environment_example_sets_every_variable_the_code_reads():
    read = _variables_read_by(PROJECT_ROOT / "ingestion" / "config.py")
    example = {line.split("=", 1)[0] for line in (DEPLOY / "env.example").read_text().splitlines() if "=" in line}
    assert {"BUDGET_INBOX_DIRS", "BUDGET_DUCKDB_PATH", "BUDGET_PARSE_WORKERS"} <= read
    assert read - {"BUDGET_STAGING_DIR"} <= example  # the staging folder follows the DuckDB path
