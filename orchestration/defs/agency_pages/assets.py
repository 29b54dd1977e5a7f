"""The agency pages asset: one static HTML page per agency with its charts, under warehouse/reports/agencies/.

It runs after dbt has built the across-document marts into the run's private copy and reads them there
in one short read-only connection; the pages go to the run's build folder and are published with the
warehouse (orchestration/publish.py).
"""

import dagster as dg

from ingestion import config
from ingestion.frames import python_records
from orchestration.defs.agency_pages.pages import write_agency_pages
from orchestration.defs.build.reuse import digest
from orchestration.defs.build_steps import once_per_build
from orchestration.duckdb_settings import connect

# Marts whose rows a page lists in the order read: read in this order, or a parallel scan would list them in
# a different order from one read to the next (audit_agency_identity holds ~2,000,000 rows at 10,000 documents).
READ_ORDER = {"audit_cross_document": "check_id", "audit_agency_identity": "identity_finding_id"}
PAGE_MARTS = [
    "dim_agency",
    "fct_budget_execution",
    "fct_agency_year_measure",
    "audit_document_completeness",
    "audit_cross_document",
    "audit_agency_identity",
]


def read_marts(database: str, agencies: set[str] | None = None) -> dict[str, list[dict]]:
    """The rows of the marts the pages show, as plain dicts (None for nulls): every dim_agency row, and of the
    other marts the rows of ``agencies`` (all rows when ``None``)."""
    marts = {}
    with connect(database) as connection:
        for name in PAGE_MARTS:
            query, parameters = f"select * from marts.{name}", []
            if agencies is not None and not agencies and name != "dim_agency":
                marts[name] = []  # no agency asked for: no scan (an `or` on two columns reads the whole mart)
                continue
            if agencies is not None and name != "dim_agency":
                query += " where agency_id in (select unnest(?))"
                parameters = [sorted(agencies)]
                if name == "audit_agency_identity":  # a finding about two agencies shows on both pages
                    query += " or other_agency_id in (select unnest(?))"
                    parameters.append(sorted(agencies))
            if name in READ_ORDER:
                query += f" order by {READ_ORDER[name]}"
            marts[name] = python_records(connection.execute(query, parameters).df())
    return marts


def _summary_by_agency(mart: str, key: str = "agency_id", condition: str = "true", rows: str = "") -> str:
    """Per agency, the count, sum and xor of the hashes of its rows of ``mart`` (of ``rows``, a relation of
    (agency_id, other_agency_id, h) with each row's hash, when given)."""
    source, row_hash = (rows, "h") if rows else (f"marts.{mart} as t", "hash(t)")
    return (
        f"select {key} as agency_id, '{mart}' as mart, count(*) as n, sum({row_hash})::varchar as total, "
        f"bit_xor({row_hash}) as xor from {source} where {key} is not null and {condition} group by all"
    )


def agency_digests(database: str) -> tuple[dict[str, str], dict[str, int], dict[str, int]]:
    """Per agency, a digest of its dim_agency row and of its rows of every mart its page shows, the documents
    missing per agency for the index, and how many mart rows its page reads: computed by DuckDB, so that
    adding one document to thousands converts only the changed agencies' rows to Python, in batches sized
    by those counts."""
    # audit_agency_identity (~2,000,000 rows at 10,000 documents) is hashed once and summed by both agencies
    identity = "identity_hashes"
    summaries = [
        _summary_by_agency(mart, rows=identity if mart == "audit_agency_identity" else "") for mart in PAGE_MARTS
    ]
    summaries.append(
        _summary_by_agency("audit_agency_identity", "other_agency_id", "other_agency_id <> agency_id", identity)
    )
    with connect(database) as connection:
        connection.execute(
            f"create temp table {identity} as "
            "select agency_id, other_agency_id, hash(t) as h from marts.audit_agency_identity as t"
        )
        rows = connection.execute(" union all ".join(summaries) + " order by all").fetchall()
        missing = connection.execute(
            "select agency_id, count(*) from marts.audit_document_completeness "
            "where item_kind = 'document' and status = 'missing' group by all"
        ).fetchall()
    by_agency: dict[str, list] = {}
    row_counts: dict[str, int] = {}
    for agency_id, *summary in rows:
        by_agency.setdefault(agency_id, []).append(summary)
        row_counts[agency_id] = row_counts.get(agency_id, 0) + summary[1]
    digests = {agency_id: digest(summary) for agency_id, summary in by_agency.items()}
    return digests, dict(missing), row_counts


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
    directory = build.working_folder("reports", linked=True) / AGENCIES_FOLDER
    digests, missing, row_counts = agency_digests(str(build.build_database))
    database = str(build.build_database)
    agencies = read_marts(database, set())  # dim_agency only: the other marts' rows are read by batch of agencies
    stale: set[str] = set()
    written = write_agency_pages(
        directory,
        agencies,
        digests,
        missing,
        lambda ids: read_marts(database, ids),
        row_counts=row_counts,
        rewritten=stale,
    )
    context.log.info(f"{len(stale)} of {len(digests)} agencies' rows changed: only their pages were written")
    published_index = agency_pages_dir() / written[0].name
    context.log.info(f"wrote {len(written)} agency pages, published with the warehouse to {agency_pages_dir()}")
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.url(published_index.as_uri()),
            "index_path": dg.MetadataValue.path(str(published_index)),
            "agencies": len(written) - 1,
        }
    )
