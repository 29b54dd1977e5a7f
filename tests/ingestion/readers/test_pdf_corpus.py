"""Golden values read by hand from the eight real disclosures in ../shared/corpus/pdf.

Each expectation names the table by words of its printed title and gives a whole row as printed:
the totals of the 收支总表, an item of the main expenditure table (split 类/款/项 columns or a
7-digit code), and the 三公 table's amounts. Rows must be clean grids: one amount per cell.
"""

from __future__ import annotations

import re

import pytest

from ingestion.document import Document, Table
from ingestion.readers import pdf_scan, read_document
from tests.ingestion.readers.conftest import titled_tables

GOLDEN: dict[str, list[tuple[str, list[str]]]] = {
    "001": [
        ("收入支出决算总表", ["总计", "2,995.39", "总计", "2,995.39"]),
        ("收入支出决算总表", ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"]),
        ("支出决算表", ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37", "", "", ""]),
        ("支出决算表", ["221", "02", "03", "购房补贴", "258.50", "258.50", "", "", "", ""]),
        ("基本支出决算表", ["301", "01", "基本工资", "262.33", "302", "01", "办公费", "21.21"]),
        ("三公", ["0.95", "", "", "", "", "", "", "", "", "", "0.95", ""]),
    ],
    "005": [
        ("财务收支预算总表", ["收入总计", "156,211,123", "支出总计", "156,211,123"]),
        ("支出预算总表", ["212", "01", "01", "行政运行", "16,603,248", "16,353,248", "250,000"]),
        ("支出预算总表", ["合计", "", "", "", "156,211,123", "99,706,020", "56,505,103"]),
        ("三公", ["47.91", "0", "1.35", "46.56", "25", "21.56", "443.18"]),
    ],
    "007": [
        ("财务收支预算总表", ["收入总计", "91,016,775.35", "支出总计", "91,016,775.35"]),
        ("支出预算总表", ["201", "03", "01", "行政运行", "12,029,501.84", "11,919,501.84", "110,000.00"]),
        ("三公", ["867.50", "839.00", "28.50", "", "", "", "213.28"]),
    ],
    "010": [
        ("财务收支预算总表", ["收入总计", "96,282,213.44", "支出总计", "96,282,213.44"]),
        ("支出预算总表", ["204", "06", "01", "行政运行", "16726725.44", "16726725.44", "0.00"]),
        ("三公", ["10.81", "0", "0.83", "9.98", "0", "9.98", "217.83"]),
    ],
    "012": [
        ("收支预算总表", ["收入合计", "13,649.07", "支出合计", "", "", "13,649.07"]),
        (
            "收支预算总表",
            ["一、财政拨款", "13,649.07", "一、一般公共服务支出", "10,528.33", "一、基本支出", "7,666.68"],
        ),  # noqa: E501
        ("财政拨款支出预算表", ["2010101", "行政运行", "4,545.94"]),
        ("三公", ["2,542.60", "833.60", "222.50", "183.60", "0", "183.60", "427.50", "1,305.25", "403.75"]),
    ],
    "014": [
        ("收支预算总表", ["收入合计", "18,330.37", "支出合计", "", "", "18,330.37"]),
        ("财政拨款支出预算表", ["2010101", "行政运行", "7,448.20"]),
        ("三公", ["2,600.71", "767.60", "199.25", "183.60", "", "183.60", "384.75", "1,469.73", "363.38"]),
    ],
    "015": [
        ("收支预算总表", ["收入合计", "21,955.35", "支出合计", "", "", "21,955.35"]),
        ("收支预算总表", ["", "", "十七、国土海洋气象等支出", "", "", ""]),  # a row cut by the page break
        ("财政拨款支出预算表", ["2040401", "行政运行", "10,883.36"]),
        ("三公", ["1,384.74", "484.30", "100.00", "267.80", "", "267.80", "116.50", "200.44", "700.00"]),
    ],
    "019": [
        ("收支预算总表", ["收入合计", "10,150.48", "支出合计", "", "", "10,150.48"]),
        ("财政拨款支出预算表", ["2010201", "行政运行", "4,432.78"]),
        ("三公", ["1,656.86", "675.10", "106.00", "156.60", "", "156.60", "412.50", "884.16", "97.60"]),
    ],
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
