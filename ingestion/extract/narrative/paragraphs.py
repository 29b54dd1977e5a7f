"""Sentences wrapped over several lines, joined back so a label and its amount meet again.

PDF readers return physical lines: ``…其中，人员支出559.22万元，公用支出`` / ``119.33万元；``. Read line by
line, the second amount would lose its label (or borrow a wrong one). A line is continued by the next
one when it runs to the page's usual width, does not end a sentence, and the next line does not start a
numbered item. Short lines (headings, ``其中：人员经费49.33万元`` on a line of its own) are never joined.

Each amount keeps the locator of the physical line it is printed on (:meth:`Paragraph.line_at`).
Lines the table extractor owns (:func:`is_table_line`) stand alone. The ratio reader joins one step
further (:func:`run_on_paragraphs`). Where sentences and items end is ``ingestion.vocabulary.breaks``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ingestion.document import TextLine
from ingestion.extract.narrative.labels import starts_with_ordinal
from ingestion.extract.narrative.text import normalize
from ingestion.vocabulary.breaks import LINE_END, PARAGRAPH_END
from ingestion.vocabulary.subject_levels import (
    CODE_LIST_LINE,
    LEVEL_MARK,
    MARK_GOES_ON,
    PATH_GOES_ON,
    PATH_OPEN_AT_END,
)

_LINE_END = re.compile(LINE_END)
_PARAGRAPH_END = re.compile(PARAGRAPH_END)
_CODED_ITEM = re.compile(r"^\s*\d{1,2}[.、]\s*\d{6,}")  # ``5.54060023T000000970247-两新组织党员活动经费``
_RUN_ON_SHARE = 0.7  # a paragraph's last line this share of the usual width runs on into the next
# The code-list lines ``ingestion.extract.tables.code_lines`` reads, so the two never both claim a line.
_CODE_LIST_LINE = re.compile(CODE_LIST_LINE)
_PATH_OPEN_AT_END = re.compile(PATH_OPEN_AT_END)
_PATH_GOES_ON = re.compile(PATH_GOES_ON)
_LEVEL_MARK = re.compile(LEVEL_MARK)
_MARK_GOES_ON = re.compile(MARK_GOES_ON)
FULL_SHARE = 0.9  # a line at least this share of its page's usual width reaches the right margin
_MIN_FULL_WIDTH = 30
_MIN_LINES_FOR_PERCENTILE = 8


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[TextLine, ...]
    starts: tuple[int, ...]  # offset of each line in ``text``

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    def line_at(self, offset: int) -> TextLine:
        index = max(i for i, start in enumerate(self.starts) if start <= offset)
        return self.lines[index]


@lru_cache(maxsize=1 << 16)
def display_width(text: str) -> int:
    """Width in half-width cells: a Chinese character counts twice a digit.

    Cached: the prose, ratio, comparison and wording readers each group a document's lines into
    paragraphs, and measuring every character of every line was most of that work.
    """
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _usual_widths(lines: Sequence[TextLine]) -> dict:
    """Per page, the width most long lines reach (the 80th percentile), i.e. the right margin; the
    longest line when a page has too few lines for a percentile to mean anything."""
    widths: dict = defaultdict(list)
    for line in lines:
        widths[line.locator.page].append(display_width(line.text))
    return {page: _margin(sorted(values)) for page, values in widths.items()}


def _margin(widths: list[int]) -> int:
    return widths[int(0.8 * (len(widths) - 1))] if len(widths) >= _MIN_LINES_FOR_PERCENTILE else widths[-1]


@lru_cache(maxsize=1 << 16)
def is_table_line(text: str) -> bool:
    """Rows the table extractor owns: tab-separated cells and code lists printed as lines."""
    return "\t" in text or bool(_CODE_LIST_LINE.match(normalize(text).strip()))


def _continues(line: TextLine, following: TextLine, usual: dict) -> bool:
    width = display_width(line.text)
    full = width >= max(_MIN_FULL_WIDTH, FULL_SHARE * usual[line.locator.page])
    if _wraps_a_path(normalize(line.text), normalize(following.text)):
        return full or len(_LEVEL_MARK.findall(normalize(line.text))) >= 2
    return full and not _LINE_END.search(line.text) and not starts_with_ordinal(normalize(following.text))


def _wraps_a_path(line: str, following: str) -> bool:
    """``…行政事业单位养老支出（款）`` / ``行政单位离退休（项）。主要用于…``: the 项 of the path is on the
    next line, so the closing bracket at the end does not end the line's sentence; ``…（款）行政单位离退休``
    / ``（项）。…``: the name's mark is."""
    if _MARK_GOES_ON.match(following) and _LEVEL_MARK.search(line) and not _LINE_END.search(line):
        return True
    return bool(_PATH_OPEN_AT_END.search(line) and _PATH_GOES_ON.match(following))


def paragraphs(lines: Sequence[TextLine], keep: callable = lambda line: True) -> list[Paragraph]:
    """Group consecutive prose lines into paragraphs; lines for which ``keep`` is false stand alone."""
    usual = _usual_widths(lines)
    result: list[Paragraph] = []
    current: list[TextLine] = []
    for index, line in enumerate(lines):
        current.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or not (keep(line) and keep(following) and _continues(line, following, usual)):
            result.append(_paragraph(current))
            current = []
    return result


def _paragraph(lines: list[TextLine]) -> Paragraph:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line.text)
    return Paragraph(tuple(lines), tuple(starts))


def run_on_paragraphs(lines: Sequence[TextLine]) -> list[Paragraph]:
    """The prose paragraphs (:func:`paragraphs`, table lines apart), with one more join.

    An indented first line (``此外,基本支出预算数为 13,994.31 万元。与上年`` / ``相比增加 1,670.85
    万元``) is too short to count as running to the margin, but a paragraph that stops mid-sentence on
    a line reaching most of the page's width, followed by one that does not start a numbered item, is
    one paragraph. The ratio reader reads these: a percentage must reach the figures of its sentence.
    """
    found = paragraphs(lines, keep=lambda line: not is_table_line(line.text))
    usual = _usual_widths(lines) if lines else {}
    merged: list[Paragraph] = []
    for paragraph in found:
        if merged and _runs_on(merged[-1], paragraph, usual):
            merged[-1] = _join(merged[-1], paragraph)
        else:
            merged.append(paragraph)
    return merged


def _runs_on(before: Paragraph, after: Paragraph, usual: dict) -> bool:
    last = before.lines[-1]
    if is_table_line(before.text) or is_table_line(after.text):
        return False
    following = normalize(after.text)
    if _PARAGRAPH_END.search(last.text) or starts_with_ordinal(following) or _CODED_ITEM.match(following):
        return False
    return display_width(last.text) >= _RUN_ON_SHARE * usual.get(last.locator.page, 0)


def _join(before: Paragraph, after: Paragraph) -> Paragraph:
    offset = len(before.text)
    return Paragraph(before.lines + after.lines, before.starts + tuple(start + offset for start in after.starts))
