"""The one job that builds the whole warehouse, and its daily schedule."""

from __future__ import annotations

import dagster as dg

warehouse_job = dg.define_asset_job(
    "warehouse_job",
    selection=dg.AssetSelection.all(),
    description="Read every document in the inbox folders, validate, rebuild the dbt models and checks into a "
    "private copy, and publish it atomically.",
    # One process for the whole run: the warehouse_build resource (build lock, staging, build copy) lives
    # exactly as long as the run, and no step pays for a fresh interpreter.
    executor_def=dg.in_process_executor,
)

warehouse_schedule = dg.ScheduleDefinition(
    name="warehouse_schedule",
    job=warehouse_job,
    cron_schedule="0 3 * * *",  # daily at 03:00, after portals publish overnight
    default_status=dg.DefaultScheduleStatus.STOPPED,
)
