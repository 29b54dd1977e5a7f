"""The audit report's findings as DuckDB temporary tables, so that no step holds them all as Python dicts.

At 10,000 documents the report lists ~93,000 non-passing checks. Converting them all to Python rows
took longer than everything else the report does, and most of them belong to documents whose page
has not changed since the last build. So the report reads them in SQL, through one read-only
connection to the run's copy of the warehouse:

- ``report_findings``: every non-passing check with its ``finding_number``, numbered in SQL by the
  order :func:`report_pages.ordered_findings` gives (``FINDING_ORDER``; a test holds them equal), with
  the columns the index and the places read and a hash of the whole row; the view
  ``report_findings_full`` gives whole rows with their number, read for changed documents only;
- ``report_finding_places``: the (page, box) of every placed source of each side of a finding: the
  side's own box, or, for a side that sums several sources ("20132: p3 l4 t2 r6 c3; 20137: …", each
  source optionally labelled, split on "; "), the first placed fact (by page, then box) of each source
  it names; :func:`read_findings` gives a changed document's summing sides these places;
- :func:`document_digests`: per document, a digest of everything its page shows, so that only the
  documents whose digest changed are read into Python (:func:`read_findings`) and written again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb

from ingestion.frames import python_records
from orchestration.defs.audit.page_marks import SIDES, parse_box
from orchestration.defs.build.reuse import digest

FINDINGS = "report_findings"
FULL = "report_findings_full"
PLACES = "report_finding_places"
# What ``report_findings`` holds of each finding (the index's columns, the places of both sides, what the order
# of the findings reads) with a hash of its whole row; a page or an export reads whole rows of
# ``report_findings_full``, for the changed documents only (materialising every column of every finding took
# a second at 10,000 documents).
# What the index shows of a failed check (``report_pages._family_row``), with its ``finding_number``.
INDEX_COLUMNS = [
    "document_id", "check_id", "status", "rule_id", "scope", "source_file",
    *(f"{side}_{unit}" for side in ("expected", "actual", "difference") for unit in ("yuan", "percent")),
    "review_state", "review_decision", "review_reason", "reviewed_by", "reviewed_at", "reviewed_figures_fingerprint",
]  # fmt: skip
SLIM_COLUMNS = [
    *INDEX_COLUMNS, "rule_family",
    *(f"{side}_source_{part}" for side in ("expected", "actual") for part in ("locator", "page", "bbox")),
]  # fmt: skip
# The order of ``report_pages.ordered_findings``: fails first, largest difference first (compared as the
# doubles the pages read), then rule and check id.
FINDING_ORDER = (
    "(status is distinct from 'fail'), abs(coalesce(cast(difference_yuan as double), 0)) desc, "
    "coalesce(rule_id, ''), coalesce(check_id, '')"
)
PLACED_MARTS = ("fct_line_item", "fct_reported_total", "fct_three_public_expense", "fct_project")
DOCUMENTS_QUERY = (
    "select quality.*, document.source_path, document.source_format "
    "from marts.audit_document_quality as quality "
    "left join marts.dim_document as document using (document_id) "
    "where quality.document_status = 'parsed'"
)
# The code that turns a document's rows into its page: a change to it makes every page stale.
_PAGE_CODE = digest([(Path(__file__).parent / name).read_text(encoding="utf-8") for name in ("report_pages.py",)])


def create_finding_tables(connection: duckdb.DuckDBPyConnection) -> None:
    """``report_findings``, ``report_finding_places`` and the view ``report_findings_full`` (temporary: allowed
    on a read-only connection)."""
    connection.execute(
        f"create or replace temp table {FINDINGS} as select *, row_number() over "
        f"(partition by document_id order by {FINDING_ORDER}) as finding_number "
        f"from (select {', '.join(SLIM_COLUMNS)}, hash(t) as row_hash from "
        "(select * from marts.audit_reconciliation where status <> 'pass') as t)"
    )
    connection.execute(
        f"create or replace temp view {FULL} as select findings.*, numbers.finding_number "
        f"from marts.audit_reconciliation as findings join {FINDINGS} as numbers using (document_id, check_id)"
    )
    sides = " union all ".join(
        f"select document_id, check_id, '{side}' as side, {side}_source_locator as locator, "
        f"{side}_source_page as page, {side}_source_bbox as bbox from {FINDINGS}"
        for side in ("expected", "actual")
    )
    placed = " union all ".join(
        f"select document_id, source_locator, source_page, source_bbox from marts.{mart} "
        "where source_bbox is not null and document_id in (select document_id from summing)"
        for mart in PLACED_MARTS
    )
    connection.execute(
        f"""
        create or replace temp table {PLACES} as
        with sides as ({sides}),
        own as (
            select document_id, check_id, side, 1 as position, page, bbox
            from sides where coalesce(bbox, '') <> '' and page is not null
        ),
        summing as (
            select document_id, check_id, side, string_split(locator, '; ') as parts
            from sides where coalesce(bbox, '') = '' and coalesce(locator, '') <> ''
        ),
        parts as (
            select document_id, check_id, side, unnest(range(1, len(parts) + 1)) as position,
                trim(list_last(string_split(unnest(parts), ': ')), e' \\t\\r\\n') as locator
            from summing
        ),
        placed as (
            select * from ({placed})
            qualify row_number() over (
                partition by document_id, source_locator order by source_page, source_bbox
            ) = 1
        ),
        part_places as (
            select parts.document_id, parts.check_id, parts.side, parts.position,
                placed.source_page as page, placed.source_bbox as bbox
            from parts join placed
                on parts.document_id = placed.document_id and parts.locator = placed.source_locator
        )
        select * from own union all select * from part_places
        """
    )


def document_digests(connection: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Per parsed document, a digest of its quality row (with the file's path and format), its findings
    (review columns included) and their places: everything its page and its marked PDF pages show.

    Computed by DuckDB (count, sum and xor of row hashes per document), so that adding one document to
    thousands converts only the changed documents' rows to Python. Needs :func:`create_finding_tables`."""
    summaries = " union all ".join(
        f"select document_id, '{name}' as part, count(*) as n, sum({row_hash})::varchar as total, "
        f"bit_xor({row_hash}) as xor from {source} as t group by all"
        for name, source, row_hash in (
            ("document", f"({DOCUMENTS_QUERY})", "hash(t)"),
            ("findings", FINDINGS, "row_hash"),  # of the whole row: review columns included
            ("places", PLACES, "hash(t)"),
        )
    )
    rows = connection.execute(
        f"select * from ({summaries}) where document_id in (select document_id from ({DOCUMENTS_QUERY})) order by all"
    ).fetchall()
    by_document: dict[str, list] = {}
    for document_id, *summary in rows:
        by_document.setdefault(document_id, []).append(summary)
    return {document_id: digest([_PAGE_CODE, summary]) for document_id, summary in by_document.items()}


def read_documents(connection: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every parsed document's quality summary, with the file's path and format (one small row each)."""
    return python_records(connection.execute(DOCUMENTS_QUERY).df())


def read_findings(connection: duckdb.DuckDBPyConnection, document_ids: Iterable[str]) -> list[dict]:
    """The non-passing checks of ``document_ids`` only, each side without a box of its own that names
    sources given their places from ``report_finding_places`` (``<side>_part_places``: (page, box) in the
    order the side names them). Needs :func:`create_finding_tables`."""
    wanted = sorted(document_ids)
    frame = connection.execute(
        f"select * exclude (finding_number) from {FULL} where status <> 'pass' and document_id in (select unnest(?))",
        [wanted],
    ).df()
    findings = python_records(frame)
    parts: dict[tuple[str, str], list] = {}
    for check_id, side, page, box in connection.execute(
        f"select check_id, side, page, bbox from {PLACES} where document_id in (select unnest(?)) "
        "order by check_id, side, position",
        [wanted],
    ).fetchall():
        parts.setdefault((check_id, side), []).append((int(page), parse_box(box)))
    for finding in findings:
        for side in SIDES:  # a side without a box of its own that names sources: the places found for them
            if not finding.get(f"{side}_source_bbox") and finding.get(f"{side}_source_locator"):
                finding[f"{side}_part_places"] = parts.get((finding["check_id"], side), [])
    return findings
