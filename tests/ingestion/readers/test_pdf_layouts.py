"""Round trip: generated PDF → read_pdf → the tables and text the generator printed, for every layout."""

from __future__ import annotations

import re
import unicodedata

import pytest

from ingestion.document import Table, TextLine
from ingestion.readers import pdf_scan
from ingestion.readers.pdf import read_pdf
from tools.fixtures.disclosure_pdf import LAYOUTS, render_disclosure

AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2}")


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_tables_come_back_as_printed(generated, layout):
    truth, document = generated[layout]
    read = [[list(row) for row in table.rows] for table in document.tables()]
    assert read == [table.rows for table in truth.tables]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_each_row_keeps_the_page_it_was_printed_on(generated, layout):
    truth, document = generated[layout]
    for table, expected in zip(document.tables(), truth.tables, strict=True):
        assert list(table.row_pages) == expected.pages
        assert table.locator.page == expected.pages[0]


@pytest.mark.parametrize("layout", ["page_break_repeated_header", "page_break_no_header"])
def test_a_table_over_a_page_break_is_one_table_with_its_header_once(generated, layout):
    truth, document = generated[layout]
    (table,) = document.tables()
    assert truth.page_count >= 2 and len(set(table.row_pages)) >= 2
    header = truth.tables[0].rows[: truth.tables[0].header_rows]
    assert sum(list(row) == header[0] for row in table.rows) == 1


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_title_and_unit_are_text_lines_just_before_each_table(generated, layout):
    truth, document = generated[layout]
    tables = [i for i, block in enumerate(document.blocks) if isinstance(block, Table)]
    for index, expected in zip(tables, truth.tables, strict=True):
        before = [block.text for block in document.blocks[max(0, index - 2) : index]]
        assert before == [expected.title, f"单位:{expected.unit}"]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_amounts_in_tables_are_not_repeated_as_text(generated, layout):
    _, document = generated[layout]
    cells = [cell for table in document.tables() for row in table.rows for cell in row]
    amounts = {amount for cell in cells for amount in AMOUNT.findall(cell)}
    for line in document.text_lines():
        assert not [amount for amount in amounts if amount in line.text], line


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_prose_is_read_line_by_line_in_order(generated, layout):
    truth, document = generated[layout]
    texts = [line.text for line in document.text_lines()]
    positions = [texts.index(unicodedata.normalize("NFKC", line)) for line in truth.prose]
    assert positions == sorted(positions)


def test_page_numbers_in_the_footer_are_not_text(generated):
    for _, document in generated.values():
        assert not [line for line in document.text_lines() if re.fullmatch(r"- \d+ -", line.text)]


def test_landscape_pages_are_read_like_portrait_ones(generated):
    truth, document = generated["landscape"]
    assert document.page_count == truth.page_count
    (table,) = document.tables()
    assert len(table.rows[0]) == 7 and table.rows[-1][0] == "合计"


def test_spaced_and_wrapped_header_cells_are_joined(generated):
    _, document = generated["merged_spaced_header"]
    income, three_public = document.tables()
    header = ["科目编码", "项目", "本年收入合计", "财政拨款收入", "事业收入", "其他收入"]
    assert list(income.rows[0]) == header
    assert three_public.rows[1][0] == "合计" and three_public.rows[1][2] == "公务接待费"
    assert three_public.rows[0][6] == "机关运行经费预算数"


def test_blank_marks_and_thousands_separators_are_kept_as_printed(generated):
    _, document = generated["merged_spaced_header"]
    income = document.tables()[0]
    assert {row[4] for row in income.rows[1:]} == {"-"} and {row[5] for row in income.rows[1:]} == {"—"}
    _, yuan = generated["yuan_tables_wanyuan_prose"]
    summary = yuan.tables()[0]
    assert re.fullmatch(r"\d{1,3}(,\d{3})+", summary.rows[-1][1])


def test_line_locators_count_lines_per_page(generated):
    _, document = generated["page_break_repeated_header"]
    for block in document.blocks:
        assert block.locator.page is not None and block.locator.line >= 1
    pages = [block.locator.page for block in document.blocks]
    assert pages == sorted(pages)
    first = [b for b in document.blocks if isinstance(b, TextLine) and b.locator.page == 1][0]
    assert first.locator.line == 1


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_pdfium_rulings_path_reads_every_layout_too(tmp_path, monkeypatch, layout):
    """Real files embed their fonts, so their table pages take PDFium's rulings and glyphs; so here."""
    monkeypatch.setattr(pdf_scan, "_uses_unembedded_fonts", lambda page: False)
    truth = render_disclosure(tmp_path / f"{layout}.pdf", layout, pad_single_characters=True)
    document = read_pdf(truth.path, "0" * 64)
    read = [[list(row) for row in table.rows] for table in document.tables()]
    assert read == [table.rows for table in truth.tables]
    assert [list(table.row_pages) for table in document.tables()] == [t.pages for t in truth.tables]
