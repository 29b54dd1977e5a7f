"""Findings drawn on their pages: a generated PDF (cells at known places) is marked, then the image and
the annotated PDF are read back and the marks checked against where the cells are printed."""

from __future__ import annotations

import csv
import json
import shutil

import duckdb
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader

from ingestion.document import format_box
from ingestion.readers.pdf import read_pdf
from orchestration.defs.audit.finding_exports import register_marked, write_finding_exports
from orchestration.defs.audit.finding_tables import create_finding_tables
from orchestration.defs.audit.page_marks import (
    DPI,
    SIDES,
    Mark,
    annotate_pdf,
    finding_marks,
    mark_documents,
    parse_box,
    user_space_rect,
)
from orchestration.defs.audit.report_pages import document_page, ordered_findings, write_reports
from tests.corpus import corpus_file
from tests.orchestration import report_warehouse
from tools.fixtures.disclosure_pdf import render_disclosure

DOCUMENT_ID = "feedfacecafebeef"


@pytest.fixture(scope="module")
def marked_pdf(tmp_path_factory):
    """A ruled disclosure with one fail finding: a total cell against a prose line, both placed."""
    folder = tmp_path_factory.mktemp("marks")
    truth = render_disclosure(folder / "ruled.pdf", "ruled")
    document = read_pdf(truth.path, "0" * 64)
    table = document.tables()[0]
    cell = table.cell_locator(len(table.rows) - 1, len(table.rows[-1]) - 1)
    line = document.text_lines()[-1].locator
    finding = {
        "document_id": DOCUMENT_ID, "status": "fail", "rule_id": "TOTAL-X", "rule_label": "总计 = 合计",
        "check_id": "c1", "scope": "all", "difference_yuan": "5.00", "detail": "the total disagrees",
        "expected_source_locator": str(cell), "expected_source_page": cell.page,
        "expected_source_bbox": format_box(cell.bbox), "expected_source_text": table.rows[-1][-1],
        "actual_source_locator": str(line), "actual_source_page": line.page,
        "actual_source_bbox": format_box(line.bbox), "actual_source_text": document.text_lines()[-1].text,
    }  # fmt: skip
    row = {
        "document_id": DOCUMENT_ID, "source_path": str(truth.path), "source_format": "pdf",
        "source_file": "ruled.pdf", "agency_name": truth.agency, "fiscal_year": truth.year, "doc_kind": "budget",
        "checks_run": 2, "checks_passed": 1, "checks_rounding": 0, "checks_failed": 1,
        "largest_difference_yuan": "5.00",
    }  # fmt: skip
    reports = folder / "reports"
    marked, cost = mark_documents(reports, [row], {DOCUMENT_ID: [finding]}, ordered_findings)
    return truth, reports, row, finding, marked, cost


def test_finding_without_boxes_has_no_marks():
    assert finding_marks(1, {"expected_source_locator": "l105", "expected_source_page": None}) == []
    assert parse_box("1.00,2.50,3.00,4.25") == (1.0, 2.5, 3.0, 4.25)


def test_page_image_draws_each_side_in_its_colour(marked_pdf):
    _, reports, _, finding, marked, cost = marked_pdf
    images = marked[DOCUMENT_ID]["images"]
    assert cost.pages == len(images) >= 1 and cost.seconds_per_page > 0
    for side in ("expected", "actual"):
        page = finding[f"{side}_source_page"]
        image = Image.open(reports / images[page]).convert("RGB")
        x0, top, x1, bottom = parse_box(finding[f"{side}_source_bbox"])
        scale = DPI / 72
        assert image.width == pytest.approx(595.28 * scale, abs=2) or image.width == pytest.approx(
            841.89 * scale, abs=2
        )
        # the outline runs 2 pt outside the box: sample the middle of its bottom edge
        pixel = image.getpixel((int((x0 + x1) / 2 * scale), int((bottom + 2) * scale)))
        assert pixel == SIDES[side][1], (side, pixel)


def test_annotated_pdf_highlights_the_cell_where_it_is_printed(marked_pdf):
    truth, reports, _, finding, marked, _ = marked_pdf
    path = reports / marked[DOCUMENT_ID]["annotated"]
    page_number = finding["expected_source_page"]
    annotations = [a.get_object() for a in PdfReader(str(path)).pages[page_number - 1]["/Annots"]]
    highlights = [a for a in annotations if a["/Subtype"] == "/Highlight"]
    notes = [a for a in annotations if a["/Subtype"] == "/Text"]
    assert highlights and notes and "#1 fail" in str(notes[0]["/Contents"])
    expected = next(a for a in highlights if "expected" in str(a["/T"]))
    left, bottom, right, top = (float(value) for value in expected["/Rect"])
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_number - 1]
        inside = page.crop((left, page.height - top, right, page.height - bottom)).extract_text()
    assert inside.replace(" ", "") == finding["expected_source_text"].replace(" ", "")


def test_report_links_each_side_to_its_page_image(marked_pdf):
    _, reports, row, finding, marked, _ = marked_pdf
    written = write_reports(reports, [row], [finding], marked)
    page = written[1].read_text(encoding="utf-8")
    image = marked[DOCUMENT_ID]["images"][finding["expected_source_page"]]
    assert f'href="{image}"' in page and (reports / image).is_file()
    assert marked[DOCUMENT_ID]["annotated"] in page and 'id="finding-1"' in page


def test_exports_hold_one_row_per_finding_with_boxes(marked_pdf, tmp_path):
    _, reports, row, finding, marked, _ = marked_pdf
    database = report_warehouse.build(tmp_path / "w.duckdb", [row], [finding], [])
    with duckdb.connect(str(database), read_only=True) as connection:
        create_finding_tables(connection)
        register_marked(connection, marked)
        csv_path, json_path = write_finding_exports(connection, tmp_path / "exports")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        (exported,) = list(csv.DictReader(handle))
    assert exported["expected_source_bbox"] == finding["expected_source_bbox"]
    assert exported["actual_source_locator"] == finding["actual_source_locator"]
    assert exported["status"] == "fail" and exported["finding_number"] == "1"
    assert exported["expected_page_image"].endswith(f"p{finding['expected_source_page']}.png")
    assert exported["annotated_pdf"] == marked[DOCUMENT_ID]["annotated"]
    (as_json,) = json.loads(json_path.read_text(encoding="utf-8"))
    assert as_json["rule_label"] == "总计 = 合计" and as_json["expected_source_page"] == finding["expected_source_page"]


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_a_displayed_box_maps_back_to_the_same_user_space_area(rotation):
    """The four corners of an A4 page (595 x 842) as displayed land on the right user-space corners."""
    crop = (0.0, 0.0, 595.0, 842.0)
    width, height = (842.0, 595.0) if rotation in (90, 270) else (595.0, 842.0)
    whole = user_space_rect((0.0, 0.0, width, height), crop, rotation)
    assert whole == pytest.approx((-2.0, -2.0, 597.0, 844.0))  # the whole page, padded
    top_left = user_space_rect((0.0, 0.0, 10.0, 10.0), crop, rotation)
    expected_corner = {0: (0, 842), 90: (0, 0), 180: (595, 0), 270: (595, 842)}[rotation]
    xs, ys = (top_left[0] + 2, top_left[2] - 2), (top_left[1] + 2, top_left[3] - 2)
    assert expected_corner[0] in xs and expected_corner[1] in ys


def test_real_rotated_page_annotation_covers_the_cell(tmp_path):
    """014's tables are printed on pages turned 90°: the highlight must cover the cell PDFium reads there."""
    path = corpus_file("014")
    document = read_pdf(path, "0" * 64)
    table = next(table for table in document.tables() if table.row_pages[-1] == 5)
    row = next(r for r, cells in enumerate(table.rows) if cells[0] == "2080504" and table.row_pages[r] == 5)
    locator = table.cell_locator(row, 2)
    mark = Mark(1, "expected", locator.page, locator.bbox, "#1")
    annotated = annotate_pdf(path, [mark], tmp_path / "annotated.pdf")
    (highlight,) = [
        a.get_object()
        for a in PdfReader(str(annotated)).pages[4]["/Annots"]
        if a.get_object()["/Subtype"] == "/Highlight"
    ]
    left, bottom, right, top = (float(value) for value in highlight["/Rect"])
    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[4].get_textpage().get_text_bounded(left, bottom, right, top)
    finally:
        pdf.close()
    assert text.strip() == table.rows[row][2] == "271.45"


def test_a_summing_side_is_marked_at_every_source_it_names():
    finding = {
        "document_id": DOCUMENT_ID, "status": "fail", "rule_id": "HIER-FUN", "rule_label": "项→款→类",
        "check_id": "h1", "scope": "201", "difference_yuan": "30.00",
        "expected_source_locator": "p3 l4 t2 r5 c3", "expected_source_page": 3,
        "expected_source_bbox": "72.00,340.50,180.25,352.00",
        "actual_source_locator": "20132: p3 l4 t2 r6 c3; 20137: p4 l2 t2 r7 c3; 20138: l40",
        "actual_source_page": None, "actual_source_bbox": None,
    }  # fmt: skip
    # the places finding_tables.read_findings found for its sources (l40 has none)
    finding["actual_part_places"] = [(3, (72.0, 355.0, 180.25, 366.5)), (4, (72.0, 80.0, 180.25, 91.5))]
    marks = finding_marks(1, finding)
    assert [(m.side, m.page) for m in marks] == [("expected", 3), ("actual", 3), ("actual", 4)]
    assert marks[2].box == (72.0, 80.0, 180.25, 91.5)
    images = {3: "pages/x/p3.png", 4: "pages/x/p4.png"}
    page = document_page(
        {"agency_name": "那曲", "fiscal_year": 2023, "doc_kind": "budget", "source_file": "x.pdf", "checks_run": 1,
         "checks_passed": 0, "checks_rounding": 0, "checks_failed": 1},
        [finding], images,
    )  # fmt: skip
    assert 'href="pages/x/p4.png">page 4' in page and page.count('href="pages/x/p3.png"') == 2


def test_a_second_build_keeps_the_files_of_a_document_whose_marks_did_not_change(marked_pdf, tmp_path):
    """Adding one document to many must not render every other document's pages again."""
    _, reports, row, finding, marked, _ = marked_pdf
    again = tmp_path / "reports"
    shutil.copytree(reports, again)  # a run's reports folder starts as a copy of the published one
    image = again / marked[DOCUMENT_ID]["images"][finding["expected_source_page"]]
    before = image.stat().st_mtime_ns
    remarked, cost = mark_documents(again, [row], {DOCUMENT_ID: [finding]}, ordered_findings)
    assert remarked == marked and (cost.reused, cost.pages) == (1, 0) and image.stat().st_mtime_ns == before

    changed = {**finding, "detail": "another difference"}  # the note drawn on the page changes
    _, cost = mark_documents(again, [row], {DOCUMENT_ID: [changed]}, ordered_findings)
    assert (cost.reused, cost.documents) == (0, 1)
    image.unlink()  # a file the memo lists is gone
    _, cost = mark_documents(again, [row], {DOCUMENT_ID: [changed]}, ordered_findings)
    assert (cost.reused, cost.documents) == (0, 1) and image.is_file()


def test_an_unchanged_document_keeps_its_files_unread_and_a_deleted_one_loses_them(marked_pdf, tmp_path):
    """The report passes the findings of changed documents only: the others keep what the last build made;
    a document that is gone (or has no placed finding any more) leaves no page image behind."""
    _, reports, _, finding, marked, _ = marked_pdf
    again = tmp_path / "reports"
    shutil.copytree(reports, again)
    kept, cost = mark_documents(again, [], {}, ordered_findings, unchanged=[DOCUMENT_ID])
    assert kept == marked and (cost.reused, cost.pages) == (1, 0)
    image = again / marked[DOCUMENT_ID]["images"][finding["expected_source_page"]]
    annotated = again / marked[DOCUMENT_ID]["annotated"]
    assert image.is_file() and annotated.is_file()
    gone, _ = mark_documents(again, [], {}, ordered_findings)
    assert gone == {} and not image.exists() and not annotated.exists()
    assert not (again / "pages" / DOCUMENT_ID).exists()
