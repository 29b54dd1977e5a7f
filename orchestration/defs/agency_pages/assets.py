"""The agency pages asset: one static HTML page per agency with its charts, under warehouse/reports/agencies/.

It runs after dbt has built the across-document marts into the run's private copy and reads them there
in one short read-only connection; the pages go to the run's build folder and are published with the
warehouse (orchestration/publish.py).
"""

import dagster as dg
import duckdb

from ingestion import config
from orchestration.defs.agency_pages.pages import write_agency_pages
from orchestration.defs.build_steps import once_per_build

PAGE_MARTS = [
    "dim_agency",
    "fct_budget_execution",
    "fct_agency_year_measure",
    "audit_document_completeness",
    "audit_cross_document",
    "audit_agency_identity",
]


def read_marts(database: str) -> dict[str, list[dict]]:
    """Every row of the marts the pages show, as plain dicts (None for nulls)."""
    marts = {}
    with duckdb.connect(database, read_only=True) as connection:
        for name in PAGE_MARTS:
            frame = connection.execute(f"select * from marts.{name}").df()
            marts[name] = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return marts


AGENCIES_FOLDER = "agencies"  # under the reports folder


def agency_pages_dir():
    """Where the published pages are."""
    return config.reports_dir() / AGENCIES_FOLDER


@dg.asset(
    key=["reports", "agency_pages"],
    deps=[dg.AssetKey(["marts", name]) for name in PAGE_MARTS],
    group_name="reports",
    kinds={"html", "svg"},
    required_resource_keys={"warehouse_build"},
    description="One HTML page per agency: budget against actual by functional class, the 三公 trend, the "
    "completeness grid and cross-document findings, with static SVG charts (warehouse/reports/agencies/).",
)
@once_per_build("agency_pages", "the agency pages already show the warehouse as built")
def agency_pages(context: dg.AssetExecutionContext, build) -> dg.MaterializeResult:
    marts = read_marts(str(build.build_database))
    written = write_agency_pages(build.working_folder("reports") / AGENCIES_FOLDER, marts)
    published_index = agency_pages_dir() / written[0].name
    context.log.info(f"wrote {len(written)} agency pages, published with the warehouse to {agency_pages_dir()}")
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.url(published_index.as_uri()),
            "index_path": dg.MetadataValue.path(str(published_index)),
            "agencies": len(written) - 1,
        }
    )
