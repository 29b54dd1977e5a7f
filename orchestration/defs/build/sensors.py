"""Run hygiene: failed builds are reported, and runs whose process died are marked failed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import dagster as dg

from ingestion import config
from orchestration.defs.build.runs import fail_dead_runs
from orchestration.defs.jobs import warehouse_job

FAILURE_LOG_NAME = "run_failures.jsonl"


def failure_log_path():
    return config.duckdb_path().parent / FAILURE_LOG_NAME


@dg.run_failure_sensor(
    monitored_jobs=[warehouse_job],
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Appends every failed warehouse build (run id, when, why) to run_failures.jsonl next to the "
    "warehouse, and logs it.",
)
def warehouse_failure_sensor(context: dg.RunFailureSensorContext) -> None:
    message = context.failure_event.message or "the run failed"
    record = {
        "failed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "run_id": context.dagster_run.run_id,
        "job": context.dagster_run.job_name,
        "message": message,
    }
    path = failure_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    context.log.error(f"warehouse build {record['run_id']} failed: {message}")


@dg.sensor(
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Marks failed any started build whose process no longer exists, so the run queue moves on.",
)
def dead_run_sensor(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    failed = fail_dead_runs(context.instance)
    return dg.SkipReason(f"marked failed: {', '.join(failed)}" if failed else "no dead runs")
