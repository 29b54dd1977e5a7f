"""Ratio sentences: a paragraph of prose read as sentences, each with its percentages and its labelled
amounts (*figures*), the material every sentence form of ``ratio_forms`` links.

A sentence ends at 。！？ (``ingestion.vocabulary.breaks``); the label of an amount is its clause up to
the number (``ratio_labels.clean_label``). An amount printed without a unit takes its sentence's unit, else
the document's, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ingestion.document import Locator, TextLine
from ingestion.extract.narrative.paragraphs import Paragraph, is_table_line, run_on_paragraphs
from ingestion.extract.narrative.ratio_labels import clean_label
from ingestion.extract.narrative.text import Mention, clause_start, normalize, scan_numbers
from ingestion.vocabulary.breaks import SENTENCE_END
from ingestion.vocabulary.numerals import SCALE_WORDS, UNIT_FACTORS
from ingestion.vocabulary.percentages import change_direction

_SENTENCE_END = re.compile(SENTENCE_END)
_SPACED_UNIT = re.compile(rf"\s*([{SCALE_WORDS}])\s+元")  # ``21,940.96 万 元``
_BARE_END = re.compile(r"\s*(?:[，,。；;:：、)\s]|$)")


@dataclass(frozen=True)
class Figure:
    """An amount printed near a percentage: its value in yuan, the text as printed, its label."""

    yuan: Decimal
    printed: str
    label: str
    locator: Locator
    start: int  # span in the paragraph
    end: int
    unit: str
    direction: str | None = None  # set when the label ends with a change word (减少157.39万元)
    unit_assumed: bool = False


@dataclass(frozen=True)
class StatedRatioFact:
    """One printed percentage tied to the figures it refers to (any of them may be ``None``)."""

    kind: str  # share / change / completion_rate
    printed_percent: str
    percent: str  # the number as printed, without % (``40.01``)
    locator: Locator
    position: int  # offset of the percentage in its paragraph (identity within the document)
    source_text: str
    subject_label: str | None = None
    base_label: str | None = None
    part: Figure | None = None
    whole: Figure | None = None
    current: Figure | None = None
    prior: Figure | None = None
    change: Figure | None = None
    actual: Figure | None = None
    budget: Figure | None = None
    change_direction: str | None = None
    rate_direction: str | None = None
    base_status: str = "missing"
    unit: str = "万元"  # unit of the figures (the document's when none is printed)
    notes: tuple[str, ...] = ()

    @property
    def figures(self) -> list[Figure]:
        found = [self.part, self.whole, self.current, self.prior, self.change, self.actual, self.budget]
        return [figure for figure in found if figure is not None]


@dataclass
class RatioSentence:
    """One sentence of a paragraph (``ingestion.vocabulary.breaks``: between 。！？), its percentages and amounts."""

    start: int
    end: int
    percents: list[Mention]
    figures: list[Figure]


@dataclass
class RatioParagraph:
    paragraph: Paragraph
    norm: str
    sentences: list[RatioSentence]
    carried_whole: Figure | None = None  # the amount a previous paragraph introduced with 其中：
    carried_text: str | None = None
    figures: list[Figure] = field(default_factory=list)
    previous_figures: list[Figure] = field(default_factory=list)  # the paragraph before (``与上年相比…``)


def _sentence_spans(norm: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(norm):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(norm):
        spans.append((start, len(norm)))
    return spans


def _sentence_unit(mentions: list[Mention], default_unit: str) -> str:
    units = [m.unit for m in mentions if m.kind == "money" and m.unit]
    return units[0] if units else default_unit


def _figures(paragraph: Paragraph, norm: str, mentions: list[Mention], default_unit: str, floor: int) -> list[Figure]:
    """The amounts of a sentence, with their labels: money, and unit-less numbers with decimals
    (``支出决算数为223.34``) read in the sentence's unit."""
    unit = _sentence_unit(mentions, default_unit)
    figures: list[Figure] = []
    for mention in mentions:
        spaced = _SPACED_UNIT.match(norm, mention.number_end) if mention.kind == "other" else None
        if spaced:
            mention = Mention(
                "money",
                mention.start,
                spaced.end(),
                mention.number_end,
                mention.value,
                spaced.group(1) + "元",
            )
        is_bare_amount = (
            mention.kind == "bare"
            and "." in paragraph.text[mention.start : mention.number_end]
            and _BARE_END.match(norm, mention.end) is not None
        )
        if mention.kind == "money" or is_bare_amount:
            start = clause_start(norm, mention.start, floor)
            raw = norm[start : mention.start]
            label = clean_label(raw)
            figure_unit = mention.unit or unit
            yuan = mention.value * UNIT_FACTORS[figure_unit]
            if yuan == yuan.quantize(Decimal("0.01")):
                figures.append(
                    Figure(
                        yuan=yuan.quantize(Decimal("0.01")),
                        printed=mention.printed(paragraph.text),
                        label=label,
                        locator=paragraph.line_at(mention.start).locator,
                        start=mention.start,
                        end=mention.end,
                        unit=figure_unit,
                        direction=change_direction(raw),
                        unit_assumed=mention.unit is None,
                    )
                )
        if mention.kind != "other":
            floor = mention.end
    return figures


def read_paragraph(paragraph: Paragraph, default_unit: str) -> RatioParagraph:
    """A paragraph split into sentences, each with its percentages and labelled amounts."""
    norm = normalize(paragraph.text)
    sentences = []
    all_figures: list[Figure] = []
    for start, end in _sentence_spans(norm):
        mentions = [_shifted(mention, start) for mention in scan_numbers(norm[start:end])]
        figures = _figures(paragraph, norm, mentions, default_unit, start)
        percents = [m for m in mentions if m.kind == "percent"]
        sentences.append(RatioSentence(start, end, percents, figures))
        all_figures += figures
    return RatioParagraph(paragraph, norm, sentences, figures=all_figures)


def _shifted(mention: Mention, offset: int) -> Mention:
    return Mention(
        mention.kind,
        mention.start + offset,
        mention.end + offset,
        mention.number_end + offset,
        mention.value,
        mention.unit,
    )


def percent_text(mention: Mention, text: str) -> str:
    """A percentage as printed, without % and thousands separators (``40.01``)."""
    return text[mention.start : mention.number_end].replace(",", "").strip()


def prose_paragraphs(lines: Sequence[TextLine], default_unit: str) -> Iterator[RatioParagraph]:
    """The prose paragraphs of a document, read, in order; each knows the figures of the paragraph before
    it (``与上年相比…``), forgotten across a table line: its figures are not prose."""
    previous: list[Figure] = []
    for paragraph in run_on_paragraphs(lines):
        if is_table_line(paragraph.text):
            previous = []
            continue
        context = read_paragraph(paragraph, default_unit)
        context.previous_figures = previous
        previous = context.figures
        yield context
