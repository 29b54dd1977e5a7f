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

CASES = [
    (ratio_kind, "占", SHARE),
    (ratio_kind, "占本年支出合计的", SHARE),
    (ratio_kind, "下降", CHANGE),
    (ratio_kind, "增长/下降", CHANGE),
    (ratio_kind, "完成年初预算的", COMPLETION_RATE),
    (ratio_kind, "完成调整后预算的", COMPLETION_RATE),
    (ratio_kind, "执行率为", COMPLETION_RATE),
    (ratio_kind, "处置率到达", None),
    # the narrative extractor's percentage facts use the same kind names
    (percentage_kind, "下降", CHANGE),
    (percentage_kind, "占", SHARE),
    (percentage_kind, "完成预算的", COMPLETION_RATE),
    (percentage_kind, "满意度≥", OTHER),
    (rate_direction, "下降", "decrease"),
    (rate_direction, "增长", "increase"),
    (rate_direction, "增长/下降", "unspecified"),
    (rate_direction, "增减", "unspecified"),
    (rate_direction, "节约", "decrease"),
    (rate_direction, "超支", "increase"),
    (change_direction, "收入总计减少", "decrease"),
    (change_direction, "比上年增加", "increase"),
    (change_direction, "增加/减少", "unspecified"),
    (change_direction, "增长(下降)", "unspecified"),
    (change_direction, "收入总计", None),
]


@pytest.mark.parametrize(("read", "before", "expected"), CASES, ids=[f"{r.__name__}:{b}" for r, b, _ in CASES])
def test_words_before_a_percentage_or_a_change(read, before, expected):
    assert read(before) == expected


def test_the_stored_kinds():
    assert RATIO_KINDS == [SHARE, CHANGE, COMPLETION_RATE] == ["share", "change", "completion_rate"]
