"""Every PDF text line and table cell carries the box it is printed in: cropping the page to that box
gives back the text the reader returned (generated layouts and a real corpus PDF)."""

from __future__ import annotations

import re
import unicodedata

import pdfplumber
import pytest

from ingestion.document import Document, Locator, TextLine
from ingestion.readers.pdf import read_pdf
from tools.fixtures.disclosure_pdf import LAYOUTS
from tools.fixtures.pdf_canvas import MARGIN

FAKE_SHA = "0" * 64
_SLACK = 0.5  # points around a box, for glyph outlines that touch its edge


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _cropped(pdf: pdfplumber.PDF, page: int, box) -> str:
    """The characters pdfplumber places with their centre inside the box (engines differ on glyph
    heights: pdfminer gives the em box, PDFium the ink, so "entirely within" would be too strict)."""
    x0, top, x1, bottom = box
    chars = [
        char
        for char in pdf.pages[page - 1].chars
        if x0 - _SLACK <= (char["x0"] + char["x1"]) / 2 <= x1 + _SLACK
        and top - _SLACK <= (char["top"] + char["bottom"]) / 2 <= bottom + _SLACK
    ]
    return "".join(char["text"] for char in chars)


def _boxed_items(document: Document):
    """(page, box, text) of every line and non-blank cell."""
    for block in document.blocks:
        if isinstance(block, TextLine):
            yield block.locator.page, block.locator.bbox, block.text
            continue
        for r, row in enumerate(block.rows):
            for c, text in enumerate(row):
                if text:
                    locator = block.cell_locator(r, c)
                    yield locator.page, locator.bbox, text


def _mismatches(path, document: Document) -> list[str]:
    problems = []
    with pdfplumber.open(path) as pdf:
        for page, box, text in _boxed_items(document):
            if box is None:
                continue
            cropped = _cropped(pdf, page, box)
            if _squeeze(text) != _squeeze(cropped):
                problems.append(f"p{page} {box}: read {text!r}, box holds {cropped!r}")
    return problems


@pytest.mark.parametrize("layout", LAYOUTS)
def test_generated_boxes_hold_their_text(generated, layout):
    truth, document = generated[layout]
    assert _mismatches(truth.path, document) == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_generated_cell_and_line_has_a_box(generated, layout):
    _, document = generated[layout]
    missing = [(page, text) for page, box, text in _boxed_items(document) if box is None]
    # Only captions and notes drawn inside a table's border are placed without a box.
    assert len(missing) <= 2, missing


def test_prose_line_box_starts_at_the_printed_margin(generated):
    truth, document = generated["ruled"]
    prose = next(line for line in document.text_lines() if line.text == truth.prose[0])
    x0, top, x1, bottom = prose.locator.bbox
    assert x0 == pytest.approx(MARGIN, abs=1.0)
    assert top < bottom and x0 < x1


def test_continued_table_rows_are_boxed_on_their_own_page(generated):
    truth, document = generated["page_break_repeated_header"]
    table = max(document.tables(), key=lambda table: len(set(table.row_pages)))
    pages = set(table.row_pages)
    assert len(pages) > 1
    last = len(table.rows) - 1
    assert table.cell_locator(last, 0).page == max(pages)
    assert table.cell_locator(last, 0).bbox is not None


def test_locator_identity_ignores_the_box():
    boxed = Locator(page=3, line=2, table=1, row=4, column=2, bbox=(10.0, 20.0, 30.0, 40.0))
    plain = Locator(page=3, line=2, table=1, row=4, column=2)
    assert boxed == plain and hash(boxed) == hash(plain)
    assert str(boxed) == "p3 l2 t1 r4 c2"
    assert boxed.cell(5, 1).bbox is None  # another cell of the table is somewhere else


def test_real_pdf_cell_box_holds_the_printed_amount(corpus_pdf):
    path = corpus_pdf("001")
    document = read_pdf(path, FAKE_SHA)
    problems = _mismatches(path, document)
    boxed = sum(box is not None for _, box, _ in _boxed_items(document))
    assert boxed > 100
    assert len(problems) <= boxed // 100, problems[:10]
