"""findings.csv and findings.json written by DuckDB hold the bytes the Python writer wrote before them.

The reference below is that writer as it was (rows read through pandas, ``csv.DictWriter`` behind a
byte-order mark, ``json.dumps(rows, ensure_ascii=False, indent=1)``), run on the same fixture."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import duckdb
import pytest

from ingestion.document import format_box
from orchestration.defs.audit.finding_exports import FINDING_COLUMNS, register_marked, write_finding_exports
from orchestration.defs.audit.finding_tables import create_finding_tables
from orchestration.defs.audit.page_marks import parse_box, side_pages, side_places
from orchestration.defs.audit.report_pages import ordered_findings
from tests.orchestration import report_warehouse

MARKED = {
    "aaaaaaaaaaaaaaaa": {
        "images": {1: "pages/aaaaaaaaaaaaaaaa/p1.png", 2: "pages/aaaaaaaaaaaaaaaa/p2.png"},
        "annotated": "annotated/aaaaaaaaaaaaaaaa_甲单位.pdf",
    },
    "bbbbbbbbbbbbbbbb": {"images": {2: "pages/bbbbbbbbbbbbbbbb/p2.png"}, "annotated": "annotated/b.pdf"},
}


def _plain(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def attach_part_places(findings, places) -> None:
    """The Python writer's rule for a summing side's places (``finding_tables`` holds it in SQL now)."""
    for finding in findings:
        for side in ("expected", "actual"):
            if finding.get(f"{side}_source_bbox") or not finding.get(f"{side}_source_locator"):
                continue
            parts = [part.rsplit(": ", 1)[-1].strip() for part in str(finding[f"{side}_source_locator"]).split("; ")]
            found = [places.get((finding["document_id"], part)) for part in parts]
            finding[f"{side}_part_places"] = [(int(page), parse_box(box)) for page, box in filter(None, found)]


def reference_exports(database, directory, marked) -> tuple[bytes, bytes]:
    """The Python writer as it was: every finding as a dict, then csv and json."""
    places_sql = " union all ".join(
        f"select document_id, source_locator, source_page, source_bbox from marts.{mart} where source_bbox is not null"
        for mart in report_warehouse.PLACED_MARTS
    )
    with duckdb.connect(str(database), read_only=True) as connection:
        frame = connection.execute("select * from marts.audit_reconciliation where status <> 'pass'").df()
        places = {(d, loc): (p, b) for d, loc, p, b in connection.execute(places_sql).fetchall()}
    findings = frame.astype(object).where(frame.notna(), None).to_dict("records")
    attach_part_places(findings, places)
    by_document: dict[str, list] = {}
    for finding in findings:
        by_document.setdefault(finding["document_id"], []).append(finding)
    rows = []
    for document_id in sorted(by_document):
        extras = marked.get(document_id, {})
        images = extras.get("images", {})
        for number, finding in enumerate(ordered_findings(by_document[document_id]), start=1):
            row = {column: _plain(finding.get(column)) for column in FINDING_COLUMNS}
            row["finding_number"] = number
            for side in ("expected", "actual"):
                placed = side_places(finding, side)
                row[f"{side}_source_boxes"] = "; ".join(f"p{page} {format_box(box)}" for page, box in placed) or None
                row[f"{side}_page_image"] = (
                    "; ".join(images[page] for page in side_pages(finding, side) if page in images) or None
                )
            row["annotated_pdf"] = extras.get("annotated")
            rows.append(row)
    csv_path = directory / "reference.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FINDING_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return csv_path.read_bytes(), json.dumps(rows, ensure_ascii=False, indent=1).encode()


def duckdb_exports(database, directory, marked) -> tuple[bytes, bytes]:
    with duckdb.connect(str(database), read_only=True) as connection:
        create_finding_tables(connection)
        register_marked(connection, marked)
        csv_path, json_path = write_finding_exports(connection, directory / "exports")
    return csv_path.read_bytes(), json_path.read_bytes()


@pytest.mark.parametrize("marked", [MARKED, {}], ids=["with-images", "no-images"])
def test_duckdb_writes_the_bytes_the_python_writer_wrote(tmp_path, marked):
    database = report_warehouse.fixture(tmp_path / "w.duckdb")
    expected_csv, expected_json = reference_exports(database, tmp_path, marked)
    actual_csv, actual_json = duckdb_exports(database, tmp_path, marked)
    assert actual_csv == expected_csv
    assert actual_json == expected_json


def test_the_exports_show_numbers_boxes_and_links(tmp_path):
    database = report_warehouse.fixture(tmp_path / "w.duckdb")
    _, exported = duckdb_exports(database, tmp_path, MARKED)
    rows = json.loads(exported)
    assert [(row["check_id"], row["finding_number"]) for row in rows] == [
        ("a-04", 1), ("a-02", 2), ("a-01", 3), ("a-03", 4), ("a-05", 5), ("a-06", 6), ("b-01", 1), ("b-02", 2),
    ]  # fmt: skip
    first = rows[0]
    assert first["actual_source_boxes"] == "p1 11.00,21.00,31.00,41.00; p2 12.00,22.00,32.00,42.00"
    assert first["actual_page_image"] == "pages/aaaaaaaaaaaaaaaa/p1.png; pages/aaaaaaaaaaaaaaaa/p2.png"
    assert first["expected_source_boxes"] == "p1 10.00,20.00,30.00,40.00"
    assert first["annotated_pdf"] == "annotated/aaaaaaaaaaaaaaaa_甲单位.pdf" and first["expected_yuan"] == 7747000.0
    reopened = rows[-1]
    assert (
        reopened["reviewed_at"] == "2026-12-06T02:00:00.250000"
        and reopened["expected_page_image"] == "pages/bbbbbbbbbbbbbbbb/p2.png"
    )
    assert reopened["expected_source_boxes"] == "p2 14.00,24.00,34.00,44.00" and reopened["actual_source_boxes"] is None
    assert rows[5]["difference_percent"] == 1.2e-05 and rows[5]["detail"] == "#starts with a hash\x01\x1f"


def test_no_findings_make_an_empty_list_and_a_header(tmp_path):
    documents, _, places = report_warehouse.rows()
    database = report_warehouse.build(tmp_path / "w.duckdb", documents, [], places)
    exported_csv, exported_json = duckdb_exports(database, tmp_path, {})
    assert exported_json == b"[]"
    assert exported_csv == ("\ufeff" + ",".join(FINDING_COLUMNS) + "\r\n").encode()
