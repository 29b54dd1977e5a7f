"""Chinese numerals, list ordinals and units, as the headings and amounts of the samples print them."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from ingestion.vocabulary.numerals import (
    COUNT_UNITS,
    HEAD_COUNT_UNITS,
    LIST_HEADING,
    MONEY_UNIT,
    ORDINAL,
    PART_HEADING,
    UNIT_FACTORS,
)


@pytest.mark.parametrize(
    "text", ["四、“三公”经费财政拨款预算情况", "第二部分 部门预算表", "（二）基本支出", "1.行政运行"]
)
def test_ordinals(text):
    assert re.match(ORDINAL, text.replace("（", "(").replace("）", ")"))


def test_a_decimal_is_not_an_ordinal():
    assert not re.match(ORDINAL, "1.5万元")


def test_part_and_list_headings():
    assert re.match(PART_HEADING, "十、其他重要事项") and not re.match(PART_HEADING, "（一）收入")
    assert re.match(LIST_HEADING, "（一）收入") and re.match(LIST_HEADING, "第三部分")


def test_money_units_longest_first_and_their_factors():
    assert re.match(MONEY_UNIT, "万元").group() == "万元" and re.match(MONEY_UNIT, "亿元").group() == "亿元"
    assert UNIT_FACTORS["万元"] == Decimal(10_000)


def test_count_units_hold_the_head_counts_apart():
    assert "人" in HEAD_COUNT_UNITS and "人" not in COUNT_UNITS
    assert {"辆", "平方", "场"} <= set(COUNT_UNITS)
