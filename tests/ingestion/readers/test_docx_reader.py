"""DOCX: paragraphs and tables in body order, merged cells once, on documents written by python-docx."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import OxmlElement

from ingestion.document import Table, TextLine
from ingestion.errors import CorruptDocument
from ingestion.readers import read_document


@pytest.fixture
def disclosure_docx(tmp_path):
    word = docx.Document()
    word.add_paragraph("上海市测试区财政局")
    word.add_paragraph("2024年部门预算")
    word.add_paragraph("部门收支预算总表")
    word.add_paragraph("单位：万元")
    table = word.add_table(rows=5, cols=4)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "本年收入"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "本年支出"
    for column, text in enumerate(["项目", "预算数", "项目", "预算数"]):
        table.cell(1, column).text = text
    table.cell(2, 0).merge(table.cell(3, 0)).text = "一般公共预算拨款收入"
    table.cell(2, 1).merge(table.cell(3, 1)).text = "1,234.50"
    table.cell(2, 2).text = "一 般 公 共 服 务 支 出"
    table.cell(2, 3).text = "1,000.00"
    table.cell(3, 2).text = "公共安全支出"
    table.cell(3, 3).text = "２３４．５０"  # full-width digits, as some producers type them
    for column, text in enumerate(["收入总计", "1,234.50", "支出总计", "1,234.50"]):
        table.cell(4, column).text = text
    paragraph = word.add_paragraph("收入预算1,234.50万元，")
    paragraph.add_run().add_break()
    paragraph.add_run("支出预算1,234.50万元。")
    path = tmp_path / "disclosure.docx"
    word.save(str(path))
    return path


def test_paragraphs_and_tables_keep_body_order(disclosure_docx):
    document = read_document(disclosure_docx)
    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["TextLine"] * 4 + ["Table"] + ["TextLine"] * 2
    assert [b.text for b in document.blocks if isinstance(b, TextLine)] == [
        "上海市测试区财政局",
        "2024年部门预算",
        "部门收支预算总表",
        "单位:万元",
        "收入预算1,234.50万元,",
        "支出预算1,234.50万元。",
    ]
    assert document.source_format == "docx" and document.page_count is None


def test_merged_cells_appear_once_at_their_top_left(disclosure_docx):
    (table,) = read_document(disclosure_docx).tables()
    assert [list(row) for row in table.rows] == [
        ["本年收入", "", "本年支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一般公共预算拨款收入", "1,234.50", "一般公共服务支出", "1,000.00"],
        ["", "", "公共安全支出", "234.50"],
        ["收入总计", "1,234.50", "支出总计", "1,234.50"],
    ]
    assert table.locator.table == 1 and table.locator.page is None


def test_a_table_inside_a_content_control_is_read(tmp_path):
    word = docx.Document()
    word.add_paragraph("前言")
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "合计", "9.00"
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    table._tbl.addprevious(sdt)
    content.append(table._tbl)
    word.add_paragraph("结语")
    path = tmp_path / "sdt.docx"
    word.save(str(path))
    blocks = read_document(path).blocks
    assert [type(b) for b in blocks] == [TextLine, Table, TextLine]
    assert blocks[1].rows == (("合计", "9.00"),)


def test_a_damaged_docx_is_corrupt(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(CorruptDocument, match="save it again"):
        read_document(path)
