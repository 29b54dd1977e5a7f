"""Paired figures: two amounts stated in one phrase for two labels sharing one tail.

``收、支总计各是4125.49,4143.91万元`` states 收入总计 4125.49万元 and 支出总计 4143.91万元: the first figure
has no unit of its own and the comma between the figures would otherwise end its clause, so neither
figure would meet its label. :func:`find_pairs` finds such phrases and gives each figure the label it
distributes to (the head of each listed label plus their shared tail, a one-character side spelled out:
``ingestion.vocabulary.pairs``); the extractor then reads each figure under that label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.extract.narrative.text import Mention
from ingestion.vocabulary.pairs import DISTRIBUTING_WORDS, FIGURE_SEPARATOR, LABEL_SEPARATOR, SIDE_ABBREVIATIONS

_DISTRIBUTED = re.compile(rf"(?P<labels>[\u4e00-\u9fff、“”\"]{{3,30}}?){DISTRIBUTING_WORDS}\s*$")
_SEPARATOR = re.compile(rf"^{FIGURE_SEPARATOR}$")


@dataclass(frozen=True)
class PairedFigure:
    mention: Mention
    label: str  # the label this figure is stated for (``收入总计``)


def distributed_labels(labels: str) -> list[str] | None:
    """``收、支总计`` → ``[收入总计, 支出总计]``; ``…基本支出、项目支出`` → the two labels, the first cut to
    the second's length (the words before it are not part of it); else ``None`` (two labels of
    different shapes are not guessed at)."""
    parts = labels.split(LABEL_SEPARATOR)
    if len(parts) != 2 or not all(parts):
        return None
    first, last = parts
    sides = SIDE_ABBREVIATIONS.get(first[-1]), SIDE_ABBREVIATIONS.get(last[0])
    if all(sides) and len(last) > 1:
        return [side + last[1:] for side in sides]
    return [first[-len(last) :], last] if len(first) >= len(last) else None


def find_pairs(norm: str, mentions: list[Mention]) -> list[PairedFigure]:
    """The figures of every paired phrase of a line, each with its distributed label."""
    found: list[PairedFigure] = []
    amounts = [m for m in mentions if m.kind in ("money", "bare")]
    for first, second in zip(amounts, amounts[1:], strict=False):
        if second.kind != "money" or not _SEPARATOR.match(norm[first.end : second.start]):
            continue
        opening = _DISTRIBUTED.search(norm[: first.start])
        labels = distributed_labels(opening.group("labels").strip('“”"')) if opening else None
        if labels:
            found += [PairedFigure(first, labels[0]), PairedFigure(second, labels[1])]
    return found
