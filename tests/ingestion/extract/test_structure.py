"""Contents entries and printed table titles: wrapped titles joined, meta lines skipped, figures counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.document import DocumentBuilder
from ingestion.extract.structure import extract_sections, section_row
from ingestion.readers import read_document

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "pdf"


def build(blocks):
    builder = DocumentBuilder("x.pdf", "pdf", "0" * 64)
    builder.new_page(1)
    for block in blocks:
        if isinstance(block, str):
            builder.add_line(block)
        else:
            builder.add_table([tuple(row) for row in block])
    return builder.build()


def test_contents_entries_and_printed_titles_in_order():
    document = build([
        "目 录",
        "第一部分 部门概况",
        "一、收支预算总表",
        "十一、一般公共预算“三公”经费、会议费、培训费支",
        "出预算表",
        "第一部分 部门概况",
        "本部门主要职责是……。",
        "“三公”经费、会议费、培训费支出预算",
        "表",
        "部门: 江苏省人大常委会办公厅 单位:万元",
        [["项目", "“三公”经费"], ["合计", "12.50"], ["其中", "0.00"]],
        "公开02表",
        "收支预算总表",
        [["科目编码", "金额"], ["2010101", "1,234.00"]],
        [["本年收入合计", "0.30"]],  # the table goes on over a page break
    ])  # fmt: skip
    sections = extract_sections(document)
    assert [(s.kind, s.index, s.title, s.standard_table) for s in sections] == [
        ("contents_entry", 1, "一、收支预算总表", "income_expenditure_summary"),
        ("contents_entry", 2, "十一、一般公共预算“三公”经费、会议费、培训费支出预算表", "three_public"),
        ("table", 1, "“三公”经费、会议费、培训费支出预算表", "three_public"),
        ("table", 2, "收支预算总表", "income_expenditure_summary"),
    ]
    assert [s.nonzero_figures for s in sections if s.kind == "table"] == [1, 2]  # codes and zeros never count
    row = section_row("doc", sections[2])
    assert row["title_words"] == "三公经费会议费培训费支出预算表" and row["source_locator"] == "p1 l8"


def test_text_export_titles_without_a_table_are_empty_tables(sample_path):
    """株洲 2020 (sample zhuzhou) prints 附件7 as a title with no table below it: present, figures unknown."""
    sections = extract_sections(read_document(sample_path("zhuzhou")))
    tables = {s.title: s for s in sections if s.kind == "table"}
    assert tables["基本支出预算明细表—对个人和家庭的补助"].nonzero_figures is None
    assert tables["部门收支总表"].nonzero_figures > 0
    assert len([s for s in sections if s.kind == "contents_entry"]) == 20


@pytest.mark.skipif(not CORPUS.is_dir(), reason="real PDF corpus not found beside the checkout")
def test_jiangsu_2017_prints_two_tables_in_another_order_than_its_contents():
    """012 p1: contents 四、财政拨款收支预算总表 / 五、财政拨款支出预算表; p11 prints 财政拨款支出预算表 first."""
    sections = extract_sections(read_document(CORPUS / "012_js_renda_bangongting_2017_yusuan.pdf"))
    contents = [s.standard_table for s in sections if s.kind == "contents_entry"]
    printed = [s.standard_table for s in sections if s.kind == "table"]
    assert contents[3:5] == ["fiscal_appropriation_summary", "fiscal_appropriation_expenditure"]
    assert printed[3:5] == ["fiscal_appropriation_expenditure", "fiscal_appropriation_summary"]
    assert len(contents) == len(printed) == 12
