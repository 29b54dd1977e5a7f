"""Golden values read by hand from the eight real disclosures in ../shared/corpus/pdf.

Each expectation (``pdf_corpus_rows.yaml`` beside this file) names the table by words of its printed
title and gives a whole row as printed: the totals of the 收支总表, an item of the main expenditure table
(split 类/款/项 columns or a 7-digit code), and the 三公 table's amounts. Rows must be clean grids: one
amount per cell.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ingestion.document import Document, Table
from ingestion.readers import pdf_scan, read_document
from tests.ingestion.readers.conftest import titled_tables

# Whole rows as printed, per file: (words of the table's title, the row's cells); read by hand.
GOLDEN: dict[str, list[tuple[str, list[str]]]] = {
    number: [tuple(check) for check in checks]
    for number, checks in yaml.safe_load((Path(__file__).parent / "pdf_corpus_rows.yaml").read_text("utf-8")).items()
}
READING_ORDER = {
    "001": "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比,收入",
    "010": "1、公共安全支出(204类)司法(06款)行政运行(01项)1672.67万元。",
    "012": "(一)收入预算总计13649.07万元。全部由省财政拨款。",
    "015": "21,955.35 万元,与上年相比收、支预算总计各增加",
}
TWO_AMOUNTS = re.compile(r"\d[\d,]*\.\d+\s+-?\d[\d,]*\.\d+")
AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2}")
_cache: dict[str, Document] = {}


def _read(corpus_pdf, number: str) -> Document:
    if number not in _cache:
        _cache[number] = read_document(corpus_pdf(number))
    return _cache[number]


def _first_table_titled(document: Document, words: str) -> Table:
    matches = [table for title, table in titled_tables(document) if words in title]
    assert matches, f"no table titled with {words!r}"
    return matches[0]


@pytest.mark.parametrize(
    ("number", "title", "row"), [(n, title, row) for n, checks in GOLDEN.items() for title, row in checks]
)
def test_golden_rows_are_in_the_right_table(corpus_pdf, number, title, row):
    table = _first_table_titled(_read(corpus_pdf, number), title)
    assert tuple(row) in table.rows


@pytest.mark.parametrize("number", sorted(GOLDEN))
def test_tables_are_grids_with_one_amount_per_cell(corpus_pdf, number):
    document = _read(corpus_pdf, number)
    for table in document.tables():
        assert len({len(row) for row in table.rows}) == 1
        assert len(table.row_pages) == len(table.rows)
        assert not [cell for row in table.rows for cell in row if TWO_AMOUNTS.search(cell)]


@pytest.mark.parametrize("number", sorted(GOLDEN))
def test_table_amounts_are_not_repeated_as_text_on_their_page(corpus_pdf, number):
    document = _read(corpus_pdf, number)
    for table in document.tables():
        for row, page in zip(table.rows, table.row_pages, strict=True):
            amounts = {amount for cell in row for amount in AMOUNT.findall(cell)}
            lines = [line.text for line in document.text_lines() if line.locator.page == page]
            assert not [a for a in amounts for text in lines if a in text]


@pytest.mark.parametrize(("number", "line"), sorted(READING_ORDER.items()))
def test_running_text_keeps_numbers_in_their_sentences(corpus_pdf, number, line):
    texts = [block.text for block in _read(corpus_pdf, number).text_lines()]
    assert any(text.startswith(line) for text in texts), line


def test_tables_continued_over_pages_are_merged(corpus_pdf):
    document = _read(corpus_pdf, "005")
    expenditure = _first_table_titled(document, "2024年部门支出预算总表")
    assert sorted(set(expenditure.row_pages)) == [16, 17, 18, 19, 20]
    functional = _first_table_titled(document, "一般公共预算支出功能分类预算表")
    assert sum(row[0] == "项目" for row in functional.rows) == 1  # header printed on five pages, kept once


def test_spaced_out_characters_are_closed_up(corpus_pdf):
    table = _first_table_titled(_read(corpus_pdf, "012"), "收支预算总表")
    assert ("当年收入", "13,649.07", "当年支出小计", "", "", "13,649.07") in table.rows


def test_text_outside_the_visible_page_is_ignored(corpus_pdf):
    # page 11 of 012 carries two more tables drawn below the page edge by WPS
    document = _read(corpus_pdf, "012")
    on_page_11 = [t for t in document.tables() if t.locator.page == 11]
    assert len(on_page_11) == 1 and on_page_11[0].rows[-1] == ("2210202", "提租补贴", "1,018.01")


@pytest.mark.parametrize("number", sorted(GOLDEN))
def test_pdfminer_glyphs_give_the_same_document_as_pdfium_glyphs(corpus_pdf, monkeypatch, number):
    """Pages in fonts PDFium cannot measure are read with pdfminer; both engines must agree."""
    fast = _read(corpus_pdf, number)
    monkeypatch.setattr(pdf_scan, "_uses_unembedded_fonts", lambda page: True)
    slow = read_document(corpus_pdf(number))
    assert slow.blocks == fast.blocks
