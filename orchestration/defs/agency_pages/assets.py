"""The agency pages asset: one static HTML page per agency with its charts, under warehouse/reports/agencies/.

It runs after dbt has built the across-document marts and reads them in one short read-only connection.
"""

import dagster as dg
import duckdb

from ingestion import config
from orchestration.defs.agency_pages.pages import write_agency_pages

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


def agency_pages_dir():
    return config.reports_dir() / "agencies"


@dg.asset(
    key=["reports", "agency_pages"],
    deps=[dg.AssetKey(["marts", name]) for name in PAGE_MARTS],
    group_name="reports",
    kinds={"html", "svg"},
    description="One HTML page per agency: budget against actual by functional class, the 三公 trend, the "
    "completeness grid and cross-document findings, with static SVG charts (warehouse/reports/agencies/).",
)
def agency_pages(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    marts = read_marts(str(config.duckdb_path()))
    written = write_agency_pages(agency_pages_dir(), marts)
    context.log.info(f"wrote {len(written)} agency pages to {agency_pages_dir()}")
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.url(written[0].as_uri()),
            "index_path": dg.MetadataValue.path(str(written[0])),
            "agencies": len(written) - 1,
        }
    )
