"""类/款/项 marks and the code-list line, as 厦门 and 满城 print them."""

from __future__ import annotations

import re

from ingestion.vocabulary.subject_levels import CODE_LENGTHS, CODE_LIST_LINE, LEVEL_MARK, LEVELS


def test_level_marks_with_and_without_code_digits():
    assert re.findall(LEVEL_MARK, "公共安全支出(204类)司法(06款)行政运行(01项)") == ["(204类)", "(06款)", "(01项)"]
    assert re.fullmatch(LEVEL_MARK, "(类)") and not re.fullmatch(LEVEL_MARK, "(境)")


def test_levels_and_code_lengths():
    assert LEVELS == ("类", "款", "项") and [CODE_LENGTHS[level] for level in LEVELS] == [3, 5, 7]


def test_a_code_list_line_is_one_table_row():
    match = re.match(CODE_LIST_LINE, "2210201   住房公积金   79.53万元")
    assert match.group("code", "name", "amount", "unit") == ("2210201", "住房公积金", "79.53", "万元")
    assert not re.match(CODE_LIST_LINE, "2020年部门预算收入 79.53万元")
