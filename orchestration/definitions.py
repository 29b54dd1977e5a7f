"""The one Dagster entry point: assets, checks, job, schedule, sensor and resources of the warehouse."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.agency_pages.assets import agency_pages
from orchestration.defs.audit.assets import audit_report
from orchestration.defs.build.assets import published_warehouse
from orchestration.defs.build.resources import WarehouseBuildResource
from orchestration.defs.build.sensors import dead_run_sensor, warehouse_failure_sensor
from orchestration.defs.dbt.assets import budget_dbt_models, dbt_resource
from orchestration.defs.exports.assets import marts_export
from orchestration.defs.ingestion.assets import ingested, raw_documents
from orchestration.defs.jobs import inbox_sensor, warehouse_job, warehouse_schedule

defs = dg.Definitions(
    assets=[
        raw_documents,
        ingested,
        budget_dbt_models,
        audit_report,
        agency_pages,
        marts_export,
        published_warehouse,
    ],
    jobs=[warehouse_job],
    schedules=[warehouse_schedule],
    sensors=[inbox_sensor, warehouse_failure_sensor, dead_run_sensor],
    resources={"dbt": dbt_resource(), "warehouse_build": WarehouseBuildResource()},
)
