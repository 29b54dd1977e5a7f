"""The text layer of the narrative extractor: numbers in a line, what kind of number each is, and the
words printed before it.

Matching runs on a *normalized* copy of the line whose characters map one-to-one onto the printed line
(full-width digits and brackets become ASCII, nothing is inserted or removed), so every span found in
the copy slices the exact printed text out of the original. That is what keeps ``reported_amount``
a verbatim substring of ``source_text``.

Chinese commas are *not* turned into ASCII commas: ``1,226.42`` is a thousands separator, ``8.8万元，占``
is a clause break, and only the printed character tells them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ingestion.vocabulary.breaks import CLAUSE_BREAK, ITEM_END
from ingestion.vocabulary.numerals import COUNT_UNITS, DATE_UNITS, HEAD_COUNT_UNITS, MONEY_UNIT
from ingestion.vocabulary.subject_levels import LEVELS

_ONE_TO_ONE = str.maketrans(
    {
        **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
        "．": ".",
        "％": "%",
        "（": "(",
        "）": ")",
        "：": ":",
        "\u3000": " ",
        "\t": " ",
        "－": "-",
        "＂": '"',
    }
)

NUMBER = r"(?<![\d.A-Za-z])(?:\d{1,3}(?:,\d{3}(?!\d))+|\d+)(?:\.\d+)?(?![\d.]*[A-Za-z])"
_NUMBER = re.compile(NUMBER)
_MONEY_UNIT = re.compile(rf"\s*({MONEY_UNIT})")
_THRESHOLD = re.compile(r"\s*(?:\((?:含|不含)\))?\s*以[上下内]")
_PERCENT = re.compile(r"\s*%")
# What may follow a number that is a count, a date, a size or part of a code rather than money.
_NOT_A_MONEY_WORD = sorted({*HEAD_COUNT_UNITS, *COUNT_UNITS, *DATE_UNITS, *LEVELS}, key=len, reverse=True)
_NOT_MONEY_NEXT = re.compile(rf"\s*(?:[万亿千百]|{'|'.join(_NOT_A_MONEY_WORD)}|-\d)")
_NOT_MONEY_PREV = re.compile(r"(?:[(第附表]|\d[.-])\s*$")
_CLAUSE_BREAK = re.compile(CLAUSE_BREAK)
_ITEM_END = re.compile(ITEM_END)


def normalize(text: str) -> str:
    """A same-length copy of ``text`` with full-width digits, brackets and colons in ASCII."""
    return text.translate(_ONE_TO_ONE)


@dataclass(frozen=True)
class Mention:
    """A number printed in a line, classified: ``money`` (a unit follows), ``bare`` (nothing follows
    that says what it is), ``percent``, or ``other`` (a count, date, size or threshold)."""

    kind: str
    start: int  # span of the number and, for money, its unit, in the line
    end: int
    number_end: int
    value: Decimal
    unit: str | None

    def printed(self, line: str) -> str:
        return line[self.start : self.end]


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def scan_numbers(norm: str) -> list[Mention]:
    """Every number of a normalized line, in order, with its kind."""
    mentions = []
    for match in _NUMBER.finditer(norm):
        value = _decimal(match.group())
        if value is not None:
            mentions.append(_classify(norm, match.start(), match.end(), value))
    return mentions


def _classify(norm: str, start: int, end: int, value: Decimal) -> Mention:
    after = norm[end:]
    unit = _MONEY_UNIT.match(after)
    if unit:
        unit_end = end + unit.end()
        kind = "other" if _THRESHOLD.match(norm, unit_end) else "money"
        return Mention(kind, start, unit_end, end, value, unit.group(1))
    if _PERCENT.match(after):
        return Mention("percent", start, end + _PERCENT.match(after).end(), end, value, None)
    if _NOT_MONEY_NEXT.match(after) or _NOT_MONEY_PREV.search(norm[:start]) or _is_ordinal(norm, start, end):
        return Mention("other", start, end, end, value, None)
    return Mention("bare", start, end, end, value, None)


def _is_ordinal(norm: str, start: int, end: int) -> bool:
    """``1.`` / ``2、`` at the start of a line (or clause) numbers a list item, it is not an amount."""
    return norm[end : end + 1] in {".", "、"} and not norm[:start].strip(" ：:，,")


def clause_start(norm: str, position: int, floor: int = 0) -> int:
    """Where the clause holding ``position`` begins: after the last clause break (or ``floor``)."""
    start = floor
    for match in _CLAUSE_BREAK.finditer(norm, floor, position):
        start = match.end()
    return start


def sentence_span(norm: str, start: int, end: int) -> tuple[int, int]:
    """The item (between 。；！？ marks, see ``ingestion.vocabulary.breaks``) around a span, for the
    evidence snippet."""
    left = 0
    for match in _ITEM_END.finditer(norm, 0, start):
        left = match.end()
    following = _ITEM_END.search(norm, end)
    right = following.end() if following else len(norm)
    return left, right
