"""Tables flattened into '|'-separated cells, one per line, are rebuilt into rows (generated pages)."""

from ingestion.readers.pipe_tables import cells_of, shape
from ingestion.readers.text import read_text
from ingestion.readers.web_forms import prepare

THREE_PUBLIC_PAGE = """一、2021年度一般公共预算财政拨款“三公”经费支出决算表
单位:万元
项 目 |
预 算 数 |
决 算 数 |
合 计 |
49.9 |
7.69 |
因公出国(境)费 |
20 |
|
公务接待费 |
14.9 |
5.21 |
公务用车购置费 |
二、2021年度一般公共预算财政拨款“三公”经费支出情况说明
"""

SUMMARY_PAGE = """920平山县下口镇财政所 |
预算年度:2025 |
单位:万元 | ||
序号 |
收入 |
支出 | ||
项 目 |
预算数 |
项 目 |
预算数 | |
栏次 |
1 |
2 |
3 |
4 |
1 |
一、一般公共预算拨款收入 |
675.82 |
一、一般公共服务支出 |
516.39 |
2 |
本年收入合计 |
675.82 |
本年支出合计 |
690.36 |
"""


def test_cells_of_a_line_keep_blank_cells_and_close_spaced_words():
    assert cells_of("单位:万元 | ||") == ["单位:万元", "", ""]
    assert cells_of("预 算 数 |") == ["预算数"]
    assert cells_of("|") == [""]


def test_width_is_the_one_under_which_rows_are_a_label_and_numbers():
    cells = ["项目", "预算数", "决算数", "合计", "49.9", "7.69", "因公出国(境)费", "20", "", "公务接待费"]
    assert shape(cells) == [
        ["项目", "预算数", "决算数"],
        ["合计", "49.9", "7.69"],
        ["因公出国(境)费", "20", ""],
        ["公务接待费", "", ""],
    ]


def test_cells_that_no_width_explains_stay_text():
    assert shape(["说明", "见下文", "12", "13", "附件", "14", "x"]) is None


def test_a_three_public_pipe_table_is_a_table_with_blank_cells(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(THREE_PUBLIC_PAGE, encoding="utf-8")
    document, steps = prepare(read_text(path, "0" * 64))
    assert steps == ["pipe_table_rebuilt"]
    [table] = document.tables()
    assert table.rows[1] == ("合计", "49.9", "7.69")
    assert table.rows[2] == ("因公出国(境)费", "20", "")
    assert document.text_lines()[-1].text.startswith("二、")


def test_a_numbered_summary_table_takes_its_width_from_the_column_numbers(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(SUMMARY_PAGE, encoding="utf-8")
    document, _ = prepare(read_text(path, "0" * 64))
    [table] = document.tables()
    assert ("", "项目", "预算数", "项目", "预算数") in table.rows  # 序号 spans both header rows
    assert ("1", "一、一般公共预算拨款收入", "675.82", "一、一般公共服务支出", "516.39") in table.rows
    assert ("2", "本年收入合计", "675.82", "本年支出合计", "690.36") in table.rows
