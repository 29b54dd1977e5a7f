"""The job that builds the whole warehouse, its daily schedule, and the sensor on the inbox folders.

The job runs in one process (``in_process_executor``): its steps run one after another anyway, and a
process per step would cost seconds of start-up and definitions import each. The parallel work —
parsing documents — fans out over a process pool inside the ingestion asset (ingestion/batch.py).
"""

from __future__ import annotations

import dagster as dg

from ingestion import config
from ingestion.pipeline import discover_documents
from orchestration import build_state

warehouse_job = dg.define_asset_job(
    "warehouse_job",
    selection=dg.AssetSelection.all(),
    description="Read every document in the inbox folders (new contents only), validate, rebuild the dbt "
    "models, checks and report into a private copy, and publish it atomically; skips dbt when no file "
    "changed since the last build.",
    # One process for the whole run: the warehouse_build resource (build lock, staging, build copy) lives
    # exactly as long as the run, and no step pays for a fresh interpreter.
    executor_def=dg.in_process_executor,
)

SCHEDULE_TIMEZONE = "Asia/Shanghai"

warehouse_schedule = dg.ScheduleDefinition(
    name="warehouse_schedule",
    job=warehouse_job,
    cron_schedule="0 3 * * *",
    execution_timezone=SCHEDULE_TIMEZONE,
    description="Daily at 03:00 Asia/Shanghai (China Standard Time, UTC+8), after portals publish overnight.",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)


@dg.sensor(
    job=warehouse_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Starts a build when a file in the inbox folders (BUDGET_INBOX_DIRS) is added, changed or "
    "removed. Off by default: turn it on in the UI (Automation) or with `dagster sensor start inbox_sensor`.",
)
def inbox_sensor(context: dg.SensorEvaluationContext):
    state = build_state.files_state(discover_documents(config.inbox_dirs()))
    if state == context.cursor:
        return dg.SkipReason("no file added, changed or removed in the inbox folders")
    context.update_cursor(state)
    return dg.RunRequest()  # no run_key: an inbox back in an earlier state (file added, then removed) builds again
