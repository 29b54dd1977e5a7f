"""Where in the document a sentence stands: its section's topic, fund source and latest heading.

Prose leans on headings: ``（一）基本支出`` followed by ``2020 年年初预算数为 292.74 万元`` states the
basic expenditure without naming it; under ``四、“三公”经费财政拨款预算情况`` a ``公务接待费`` is a 三公
category, while under ``机关运行经费`` it is the economic subject 30217. This module keeps that state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.vocabulary.fund_sources import HEADING_FUNDS
from ingestion.vocabulary.measures import PASSAGE_TOPICS
from ingestion.vocabulary.numerals import ORDINAL, PART_HEADING

_TOP_HEADING = re.compile(rf"^\s*{PART_HEADING}")
_ANY_HEADING = re.compile(rf"^\s*{ORDINAL}")
SHORT_LINE = 25
# A heading's fund: the fund prefixes, and 财政拨款 (``五、财政拨款支出预算情况说明``), which a fund
# prefix printed before it narrows (``一般公共预算财政拨款…`` is general_public_budget: leftmost wins).
_FUNDS = re.compile("|".join(sorted(HEADING_FUNDS, key=len, reverse=True)))
ECONOMIC_TOPICS = {"basic", "office_operation"}


def topic_of(text: str) -> str | None:
    for topic, pattern in PASSAGE_TOPICS:
        if pattern.search(text):
            return topic
    return None


def fund_of(text: str) -> str | None:
    match = _FUNDS.search(text)
    return HEADING_FUNDS[match.group()] if match else None


def is_heading(text: str) -> bool:
    """A line without amounts that numbers a part (``四、``, ``（二）``, ``1.``) or is short."""
    return bool(_ANY_HEADING.match(text)) or len(text.strip()) <= SHORT_LINE


@dataclass
class Section:
    """The running state: one ``block`` per heading, so siblings and headings never leak across parts."""

    block: int = 0
    topic: str | None = None
    fund: str | None = None
    title: str | None = None
    heading: str | None = None  # normalized text of the latest heading, for label-less amounts
    _part_topic: str | None = None
    _part_fund: str | None = None

    def enter(self, norm_text: str) -> None:
        """A heading line. A part (``一、``, ``第二部分``) sets topic and fund; a numbered sub-heading
        (``（二）``, ``1.``) refines them or falls back to its part's. An unnumbered short line only
        replaces the heading: it does not start a new block of siblings."""
        text = norm_text.strip().rstrip("。:：")
        self.heading = text
        if not _ANY_HEADING.match(text):
            return
        self.block += 1
        self.title = text
        if _TOP_HEADING.match(text):
            self.topic = self._part_topic = topic_of(text)
            self.fund = self._part_fund = fund_of(text)
        else:
            self.topic = topic_of(text) or self._part_topic
            self.fund = fund_of(text) or self._part_fund

    def leave_heading(self) -> None:
        """After the first paragraph with amounts, the heading no longer names label-less amounts."""
        self.heading = None
