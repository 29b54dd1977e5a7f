"""Percentage kinds and change directions, on sentences printed in the 巴中 and 那曲 samples."""

from __future__ import annotations

import pytest

from ingestion.vocabulary.percentages import (
    CHANGE,
    COMPLETION_RATE,
    OTHER,
    RATIO_KINDS,
    SHARE,
    change_direction,
    percentage_kind,
    rate_direction,
    ratio_kind,
)


@pytest.mark.parametrize(
    ("before", "kind"),
    [
        ("占", SHARE),
        ("占本年支出合计的", SHARE),
        ("下降", CHANGE),
        ("增长/下降", CHANGE),
        ("完成年初预算的", COMPLETION_RATE),
        ("完成调整后预算的", COMPLETION_RATE),
        ("执行率为", COMPLETION_RATE),
        ("处置率到达", None),
    ],
)
def test_ratio_kind(before, kind):
    assert ratio_kind(before) == kind


def test_the_narrative_facts_use_the_same_kind_names():
    assert percentage_kind("下降") == CHANGE
    assert percentage_kind("占") == SHARE
    assert percentage_kind("完成预算的") == COMPLETION_RATE
    assert percentage_kind("满意度≥") == OTHER
    assert set(RATIO_KINDS) == {SHARE, CHANGE, COMPLETION_RATE}


@pytest.mark.parametrize(
    ("before", "direction"),
    [
        ("下降", "decrease"),
        ("增长", "increase"),
        ("增长/下降", "unspecified"),
        ("增减", "unspecified"),
        ("节约", "decrease"),
        ("超支", "increase"),
    ],
)
def test_rate_direction(before, direction):
    assert rate_direction(before) == direction


@pytest.mark.parametrize(
    ("label", "direction"),
    [
        ("收入总计减少", "decrease"),
        ("比上年增加", "increase"),
        ("增加/减少", "unspecified"),
        ("增长(下降)", "unspecified"),
        ("收入总计", None),
    ],
)
def test_change_direction_of_an_amount(label, direction):
    assert change_direction(label) == direction
