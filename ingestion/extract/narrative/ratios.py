"""Stated ratios: every printed percentage of a share, a change or a completion rate, tied to the amounts
it was computed from, so the warehouse can recompute it (dbt ``int_ratio_checks_evaluated``).

The ratio reader is the narrative package's prose reader with three more sentence forms
(``ratio_forms``): the same paragraphs (``paragraphs.run_on_paragraphs``), the same number scanner and
clause rule (``text``), the same vocabulary. A paragraph that ends introducing a list (``其中：``) or in
the middle of one (``…占 63.75%;``) carries its whole into the next paragraph.

Nothing is invented: a figure that is not printed where the rules look stays ``None`` and the fact's
``note`` says why. The ratio itself is never recomputed here; dbt does it, so the tolerance policy lives
in one place. ``base_status`` says whether the base of the percentage (whole, prior year's amount,
budget) is printed (``printed``), works out to zero (``zero``) or is not printed (``missing``).

:func:`read_ratios` reads a bare string (tests), :func:`extract_stated_ratios` a document's text lines.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace

from ingestion.document import Locator, TextLine, sourced
from ingestion.extract.narrative.ratio_forms import LINKERS
from ingestion.extract.narrative.ratio_labels import display_label
from ingestion.extract.narrative.ratio_sentences import (
    Figure,
    RatioParagraph,
    RatioSentence,
    StatedRatioFact,
    percent_text,
    prose_paragraphs,
)
from ingestion.extract.narrative.text import clause_start
from ingestion.vocabulary.breaks import LIST_GOES_ON
from ingestion.vocabulary.percentages import CHANGE, SHARE, ratio_kind

_LIST_INTRO_AT_END = re.compile(r"(?:其中|包括|主要用于以下方面|具体如下|如下)\s*[:：]?\s*$")
_LIST_GOES_ON = re.compile(LIST_GOES_ON)
_NOTE_SEPARATOR = "; "


def _source_text(context: RatioParagraph, sentence: RatioSentence, figures: list[Figure]) -> str:
    """The sentence of the percentage, extended back to the sentence of its earliest figure."""
    start = sentence.start
    for figure in figures:
        if figure is context.carried_whole:
            continue
        for other in context.sentences:
            if other.start <= figure.start < other.end:
                start = min(start, other.start)
    text = context.paragraph.text[start : sentence.end].strip()
    if context.carried_whole is not None and context.carried_whole in figures and context.carried_text:
        return f"{context.carried_text.strip()} ‖ {text}"
    return text


def ratios_in_paragraph(context: RatioParagraph, default_unit: str = "万元") -> list[StatedRatioFact]:
    """The stated ratios of one paragraph, each linked by the function of its sentence form."""
    facts = []
    for sentence in context.sentences:
        for index, percent in enumerate(sentence.percents):
            floor = sentence.percents[index - 1].end if index else sentence.start
            floor = max([floor] + [f.end for f in sentence.figures if f.end <= percent.start])
            before = context.norm[clause_start(context.norm, percent.start, floor) : percent.start]
            kind = ratio_kind(before)
            if kind is None:
                continue
            linked = LINKERS[kind](context, sentence, index, before)
            notes = linked.pop("notes")
            fact = StatedRatioFact(
                kind=kind,
                printed_percent=percent.printed(context.paragraph.text).strip(),
                percent=percent_text(percent, context.paragraph.text),
                locator=context.paragraph.line_at(percent.start).locator,
                position=percent.start,
                source_text="",
                **linked,
            )
            figures = fact.figures
            assumed = [f"{f.printed} is printed without a unit; read as {f.unit}" for f in figures if f.unit_assumed]
            facts.append(
                replace(
                    fact,
                    source_text=_source_text(context, sentence, figures),
                    unit=figures[0].unit if figures else default_unit,
                    notes=tuple(notes + assumed),
                )
            )
    return facts


def _introduces_list(context: RatioParagraph) -> Figure | None:
    if context.figures and _LIST_INTRO_AT_END.search(context.norm.rstrip()):
        return context.figures[-1]
    return None


def extract_stated_ratios(lines: Sequence[TextLine], *, default_unit: str = "万元") -> list[StatedRatioFact]:
    """Every share, change rate and completion rate printed in the prose of a document."""
    facts: list[StatedRatioFact] = []
    carried: Figure | None = None
    carried_text: str | None = None
    for context in prose_paragraphs(lines, default_unit):
        paragraph = context.paragraph
        context.carried_whole, context.carried_text = carried, carried_text
        found = ratios_in_paragraph(context, default_unit)
        facts += found
        introduced = _introduces_list(context)
        shares = [fact for fact in found if fact.kind == SHARE]
        if introduced is not None:
            carried, carried_text = introduced, paragraph.text
        elif shares and shares[-1].whole is not None and _LIST_GOES_ON.search(paragraph.text):
            carried, carried_text = (
                shares[-1].whole,
                shares[-1].source_text,
            )  # ``…占 63.75%;`` / ``项目支出…``
        elif not shares:
            carried, carried_text = None, None
    return facts


def read_ratios(text: str, default_unit: str = "万元") -> list[StatedRatioFact]:
    """The stated ratios of one string (one line per ``\\n``), for tests and exploration."""
    lines = [TextLine(line, Locator(line=number)) for number, line in enumerate(text.split("\n"), start=1) if line]
    return extract_stated_ratios(lines, default_unit=default_unit)


# --- facts → the stated_ratios frame ---------------------------------------------------------------


def _yuan(figure: Figure | None) -> str | None:
    return None if figure is None else f"{figure.yuan:.2f}"


def stated_ratio_row(document_id: str, fact: StatedRatioFact) -> dict:
    """One row of the ``stated_ratios`` staging frame (``ingestion.schemas.StatedRatioFrame``)."""
    locators = []
    for figure in fact.figures:
        if str(figure.locator) not in locators:
            locators.append(str(figure.locator))
    identity = "|".join([document_id, str(fact.locator), str(fact.position), fact.kind])
    return {
        "stated_ratio_id": hashlib.sha1(identity.encode()).hexdigest()[:16],
        "document_id": document_id,
        "ratio_kind": fact.kind,
        "printed_percent": fact.printed_percent,
        "percent": fact.percent,
        "subject_label": display_label(fact.subject_label),
        "base_label": display_label(fact.base_label) if fact.kind != CHANGE else fact.base_label,
        "part_yuan": _yuan(fact.part),
        "whole_yuan": _yuan(fact.whole),
        "current_yuan": _yuan(fact.current),
        "prior_yuan": _yuan(fact.prior),
        "change_yuan": _yuan(fact.change),
        "change_direction": fact.change_direction,
        "rate_direction": fact.rate_direction,
        "actual_yuan": _yuan(fact.actual),
        "budget_yuan": _yuan(fact.budget),
        "base_status": fact.base_status,
        "reported_unit": fact.unit,
        "note": _NOTE_SEPARATOR.join(fact.notes) or None,
        "figures_locator": "; ".join(locators) or None,
        **sourced(fact.locator, fact.source_text),
    }
