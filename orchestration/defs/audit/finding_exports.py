"""Findings out of the warehouse for spreadsheets and other tools: ``findings.csv`` and ``findings.json``.

One row per finding the report lists (every non-passing check: ``fail`` and ``rounding``), numbered as
on its document's report page, with both sides' locators, pages, boxes and snippets (a side that sums
several printed sources lists each one's page and box in ``<side>_source_boxes``), its latest review
(state, decision, reason, who, when) and the fingerprint of its figures, and links to the page images
and the annotated PDF (relative to the reports folder). The CSV starts with a UTF-8 byte-order mark so
that Excel opens the Chinese text correctly; the JSON is UTF-8 without escapes.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path

from ingestion.document import format_box
from orchestration.defs.audit.page_marks import side_pages, side_places
from orchestration.defs.build.reuse import new_file, write_new

FINDING_COLUMNS = [
    "document_id",
    "finding_number",
    "source_file",
    "agency_name",
    "fiscal_year",
    "doc_kind",
    "check_id",
    "rule_id",
    "rule_label",
    "check_name",
    "scope",
    "status",
    "review_state",
    "review_decision",
    "review_reason",
    "reviewed_by",
    "reviewed_at",
    "figures_fingerprint",
    "finding_kind",
    "detail",
    "expected_yuan",
    "actual_yuan",
    "difference_yuan",
    "expected_percent",
    "actual_percent",
    "difference_percent",
    *(
        f"{side}_{part}"
        for side in ("expected", "actual")
        for part in ("source_locator", "source_page", "source_bbox", "source_text")
    ),
    "expected_source_boxes",
    "actual_source_boxes",
    "expected_page_image",
    "actual_page_image",
    "annotated_pdf",
]


def _plain(value):
    """JSON- and CSV-friendly scalars: exact decimals as strings, numpy/pandas scalars as Python ones."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def finding_rows(
    findings_by_document: Mapping[str, list[Mapping]], order: Callable, marked: Mapping[str, Mapping]
) -> list[dict]:
    """The export rows, documents in id order and findings in report order."""
    rows = []
    for document_id in sorted(findings_by_document):
        extras = marked.get(document_id, {})
        images = extras.get("images", {})
        for number, finding in enumerate(order(findings_by_document[document_id]), start=1):
            row = {column: _plain(finding.get(column)) for column in FINDING_COLUMNS}
            row["finding_number"] = number
            for side in ("expected", "actual"):
                places = side_places(finding, side)
                row[f"{side}_source_boxes"] = "; ".join(f"p{page} {format_box(box)}" for page, box in places) or None
                row[f"{side}_page_image"] = (
                    "; ".join(images[page] for page in side_pages(finding, side) if page in images) or None
                )
            row["annotated_pdf"] = extras.get("annotated")
            rows.append(row)
    return rows


def write_finding_exports(directory: Path, rows: list[dict]) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = directory / "findings.csv", directory / "findings.json"
    with new_file(csv_path) as partial, partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FINDING_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    write_new(json_path, json.dumps(rows, ensure_ascii=False, indent=1))
    return csv_path, json_path
