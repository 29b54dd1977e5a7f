"""The wordings a reviewer flags: template residue, truncated explanations, years that are comparisons."""

from __future__ import annotations

import re

import pytest

from ingestion.vocabulary.wording import (
    AMOUNT_WORDS,
    PLACEHOLDER,
    RATE_WORDS,
    TRUNCATED_EXPLANATION,
    YEAR_AFTER_NOT_FISCAL,
    YEAR_BEFORE_COMPARISON,
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("XX局2024年部门预算", "XX局"),
        ("《×××2020年部门整体支出绩效评价报告》", "×××"),  # sample 002
        ("比预算数增加（减少）0万元", "增加（减少）"),  # sample 004
        ("增长（下降）0%", "增长（下降）"),
        ("上升(下降)5%", "上升(下降)"),
        ("比上年增加10万元，增长5%", None),
    ],
)
def test_placeholders(text, found):
    match = PLACEHOLDER.search(text)
    assert (match.group(0) if match else None) == found


@pytest.mark.parametrize(
    ("text", "truncated"),
    [("主要原因是。", True), ("主要原因:。", True), ("主要用于。", True), ("主要原因是人员增加。", False)],
)
def test_truncated_explanations(text, truncated):
    assert bool(TRUNCATED_EXPLANATION.search(text)) == truncated


def test_comparison_and_date_words_around_a_year():
    assert re.search(YEAR_BEFORE_COMPARISON, "比")
    assert re.search(YEAR_BEFORE_COMPARISON, "与")
    assert not re.search(YEAR_BEFORE_COMPARISON, "本部门")
    assert re.match(YEAR_AFTER_NOT_FISCAL, "1月")
    assert re.match(YEAR_AFTER_NOT_FISCAL, "末固定资产")
    assert re.match(YEAR_AFTER_NOT_FISCAL, "决算数")
    assert not re.match(YEAR_AFTER_NOT_FISCAL, "部门预算")


def test_money_and_rate_words_before_a_figure():
    assert re.search(AMOUNT_WORDS, "其中基本支出")
    assert re.search(RATE_WORDS, "比上年增长")
    assert re.search(RATE_WORDS, "占本年支出合计的")
    assert not re.search(AMOUNT_WORDS, "车辆")
