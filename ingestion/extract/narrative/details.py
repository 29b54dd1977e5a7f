"""Numbers in prose that are *not* amounts of the warehouse, kept for the reconciliation and coverage
work: completion rates and shares, year-on-year changes, and headcounts.

They never become line items or totals: ``完成预算100%`` is a ratio, ``减少157.39万元`` a difference
between two years, ``编制人数 18 人`` a count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingestion.document import Locator
from ingestion.extract.facts import Evidence
from ingestion.vocabulary.percentages import change_direction

_CHANGED_OF = re.compile(r"的\s*$")  # 比上年增加的基本支出
_STAFF = re.compile(
    r"(?P<label>编制人数|人员编制数?|行政编制|参公编制|事业编制|在编在岗人数|在职人数|实有人数|在职人员)"
    r"\s*(?:为|共)?\s*(?P<count>\d+)\s*(?:人|名)"
)


@dataclass(frozen=True)
class PercentageFact:
    """A percentage printed in prose: ``completion_rate``, ``share``, ``change`` or ``other``
    (``ingestion.vocabulary.percentages.percentage_kind``)."""

    kind: str
    value: Decimal
    printed: str
    locator: Locator
    source_text: str


@dataclass(frozen=True)
class ChangeFact:
    """``与2019年相比…减少157.39万元``: a difference between years (or budget and actual), not an amount."""

    label: str  # the words before the amount, e.g. 收入总计减少
    direction: str  # increase / decrease / unspecified (增加/减少 printed together)
    evidence: Evidence


@dataclass(frozen=True)
class StaffingFact:
    label: str
    count: int
    printed: str
    locator: Locator
    source_text: str


def change_before_label(before_label: str) -> str | None:
    """``增加基本支出844.15万元``, ``较上年减少部门支出1,653万元``: a change word printed right before
    the label (only 了/的 between) makes the amount the change of that measure, not its level.

    ``before_label`` is the label text up to where the label (with its fund prefix) starts.
    """
    return change_direction(_CHANGED_OF.sub("", before_label))


def staffing(text: str, locator: Locator) -> list[StaffingFact]:
    return [
        StaffingFact(match.group("label"), int(match.group("count")), match.group(0), locator, text)
        for match in _STAFF.finditer(text)
    ]
