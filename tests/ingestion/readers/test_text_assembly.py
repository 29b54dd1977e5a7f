"""Characters → lines, cell text clean-up, and the page-break rules, on hand-made inputs."""

from __future__ import annotations

from ingestion.readers.pdf_continuation import OpenTable, continuation_rows, glue_cut_row
from ingestion.readers.pdf_lines import Glyph, group_lines, is_page_number
from ingestion.readers.pdf_tables import PageTable
from ingestion.readers.textclean import clean_cell, clean_line


def glyphs(text: str, x: float, top: float, size: float = 12.0, width: float | None = None) -> list[Glyph]:
    width = width or size
    return [Glyph(ch, x + i * width, x + (i + 1) * width, top, top + size, size) for i, ch in enumerate(text)]


def test_digits_set_lower_than_the_chinese_around_them_stay_on_the_line():
    # ONLYOFFICE places Latin digits ~5 pt below the CJK glyphs of the same line (001, page 21)
    line1 = glyphs("收入支出总计", 96, 183.05) + glyphs("2995.39", 168, 187.93, width=6)
    line1 += glyphs("万元", 210, 183.05)
    line2 = glyphs("减少", 72, 197.02) + glyphs("56.95", 96, 201.89, width=6) + glyphs("万元", 126, 197.02)
    lines = group_lines(line2 + line1)
    assert [line.text() for line in lines] == ["收入支出总计2995.39万元", "减少56.95万元"]


def test_a_word_gap_is_one_space_and_fake_bold_is_printed_once():
    bold = glyphs("合计", 100, 50) + glyphs("合计", 100.4, 50)
    assert [line.text() for line in group_lines(bold)] == ["合计"]
    spaced = glyphs("第二部分", 50, 10) + glyphs("部门预算表", 50 + 4 * 12 + 8, 10)
    assert group_lines(spaced)[0].text() == "第二部分 部门预算表"


def test_cells_drop_layout_spaces_and_line_breaks():
    assert clean_cell("一 般 公 共 预 算") == "一般公共预算"
    assert clean_cell("本年收入合\n计") == "本年收入合计"
    assert clean_cell("因 公 出 国 （ 境 ） 费\n用") == "因公出国(境)费用"
    assert clean_cell("１，２３４．５０") == "1,234.50"
    assert clean_cell("1,511.\n90") == "1,511.90"
    assert clean_cell("2,946.25\n6.20") == "2,946.25 6.20"  # two amounts never fuse into one
    assert clean_cell("Total\namount") == "Total amount"


def test_lines_close_up_spaced_runs_but_keep_single_separators():
    assert clean_line("当 年 收 入 13,649.07") == "当年收入 13,649.07"
    assert clean_line("第二部分 上海市普陀区财政局") == "第二部分 上海市普陀区财政局"
    assert clean_line("单位：万元\u3000") == "单位:万元"


def test_page_numbers():
    assert all(is_page_number(text) for text in ["13", "- 13 -", "第 3 页", "—2—", "3/25"])
    assert not any(is_page_number(text) for text in ["2024年", "13,649.07", "合计"])


def _table(edges: tuple[float, ...], rows: list[list[str]], captions: list[str] | None = None) -> PageTable:
    return PageTable(edges[0], 70, edges[-1], 500, edges, rows, captions or [])


EDGES = (55.0, 90.0, 120.0, 150.0, 300.0, 400.0, 500.0, 600.0)
HEADER = [["项目", "", "", "", "支出预算", "", ""], ["类", "款", "项", "", "合计", "基本支出", "项目支出"]]


def test_a_continuation_with_merged_cells_is_spread_over_the_previous_columns():
    previous = OpenTable(3, _table(EDGES, HEADER + [["201", "", "", "一般公共服务", "1", "1", "0"]]), HEADER)
    total_only = _table((55.0, 300.0, 400.0, 500.0, 600.5), [["合计", "9", "8", "1"]])
    assert continuation_rows(previous, total_only, 4) == [["合计", "", "", "", "9", "8", "1"]]


def test_a_repeated_header_is_dropped_and_other_tables_do_not_continue():
    previous = OpenTable(3, _table(EDGES, HEADER + [["201", "", "", "x", "1", "1", "0"]]), HEADER)
    repeated = _table(EDGES, HEADER + [["208", "", "", "y", "2", "2", "0"]])
    assert continuation_rows(previous, repeated, 4) == [["208", "", "", "y", "2", "2", "0"]]
    assert continuation_rows(previous, repeated, 5) is None  # not the next page
    assert continuation_rows(previous, _table(EDGES[:-1], [["a"] * 6]), 4) is None  # other columns
    titled = _table(EDGES, [["208", "", "", "y", "2", "2", "0"]], captions=["部门收入预算表"])
    assert continuation_rows(previous, titled, 4) is None  # a caption inside the border starts a new table


def test_a_row_cut_by_the_page_break_is_glued_back():
    tail = [["", "", "八、社会保障和就", "1,608.51"]]
    assert glue_cut_row(tail, [["", "", "业支出", ""], ["", "", "九、卫生健康支出", ""]]) == [
        ["", "", "九、卫生健康支出", ""]
    ]
    assert tail == [["", "", "八、社会保障和就业支出", "1,608.51"]]
    for next_row in (["", "", "九、卫生健康支出", ""], ["", "", "合计", ""], ["", "", "支出", "12.00"]):
        assert glue_cut_row([["", "", "八、社会保障", "1.00"]], [next_row]) == [next_row]
