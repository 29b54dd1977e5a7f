"""The last step of every build: the built copy becomes the warehouse in one atomic rename."""

import dagster as dg

from orchestration import build_state
from orchestration.defs.build.resources import ActiveBuild

# Everything a build writes beside the warehouse: published only once all of it is built.
BUILT_KEYS = [
    dg.AssetKey(["reports", "audit_report"]),
    dg.AssetKey(["reports", "agency_pages"]),
    dg.AssetKey(["exports", "marts_export"]),
]


@dg.asset(
    key=["published_warehouse"],
    deps=BUILT_KEYS,
    group_name="reports",
    kinds={"duckdb"},
    required_resource_keys={"warehouse_build"},
    retry_policy=dg.RetryPolicy(max_retries=2, delay=2),  # a file-system hiccup on rename is worth a retry
    description="Replaces the published DuckDB file (and report pages, exports and step records) with this "
    "run's build, atomically; "
    "until this step, readers see the previous warehouse.",
)
def published_warehouse(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    active: ActiveBuild = context.resources.warehouse_build
    build_state.carry_inbox_state(active.build.staging_dir, active.build.build_database)
    active.publish()
    database = active.build.database
    return dg.MaterializeResult(
        metadata={"path": dg.MetadataValue.path(str(database)), "bytes": database.stat().st_size}
    )
