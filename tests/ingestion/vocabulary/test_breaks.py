"""One break policy: a sentence ends at 。！？, an item also at a semicolon, a clause also at a comma."""

from __future__ import annotations

import re

from ingestion.vocabulary.breaks import CLAUSE_BREAK, ITEM_END, LINE_END, LIST_GOES_ON, PARAGRAPH_END, SENTENCE_END

TEXT = "本年支出合计223.34万元，其中：基本支出131.63万元，占58.94%；项目支出91.71万元。"


def test_a_sentence_spans_semicolons_an_item_does_not():
    assert len(re.findall(SENTENCE_END, TEXT)) == 1
    assert len(re.findall(ITEM_END, TEXT)) == 2


def test_a_clause_breaks_at_commas_but_not_at_thousands_separators():
    assert [m.group() for m in re.finditer(CLAUSE_BREAK, "收入1,226.42万元，支出1,226.42万元,占")] == ["，", ","]


def test_line_and_paragraph_ends():
    assert re.search(LINE_END, "一般公共服务（类）") and not re.search(LINE_END, "其中，人员支出559.22万元，公用支出")
    assert re.search(PARAGRAPH_END, "主要用于以下方面：") and re.search(LIST_GOES_ON, "占 63.75%;")
