"""Percentage kinds and change directions, on sentences printed in the 巴中 and 那曲 samples."""

from __future__ import annotations

import pytest

from ingestion.vocabulary.percentages import (
    CHANGE,
    COMPLETION_RATE,
    RATIO_KINDS,
    SHARE,
    change_direction,
    percentage_kind,
    rate_direction,
    ratio_kind,
)
from tests.ingestion.vocabulary.cases import read_cases

CASES = read_cases("percentage_cases.csv", [ratio_kind, percentage_kind, rate_direction, change_direction])


@pytest.mark.parametrize(("read", "before", "expected"), CASES)
def test_words_before_a_percentage_or_a_change(read, before, expected):
    assert read(before) == expected


def test_the_stored_kinds():
    assert RATIO_KINDS == [SHARE, CHANGE, COMPLETION_RATE] == ["share", "change", "completion_rate"]
