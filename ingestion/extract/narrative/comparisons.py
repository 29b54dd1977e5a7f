"""Budget-against-actual wording: ``决算数小于预算数``, ``决算数大于预算数``, ``决算数等于预算数``.

A final account explains each subject's execution with a sentence that compares the two figures it has
just printed: ``年初预算为 1560.05 万元，支出决算为1511.89万元。决算数小于预算数的主要原因：…``. The words
can contradict the figures (决算数大于预算数 when the actual is smaller), a template slip reviewers look
for. This reader ties each such statement to the actual and the budget printed in its sentence or the
sentence before it (the paragraph before when the statement opens one), with the same sentence reader
and figure labels as the completion rates (``ratio_sentences``, ``ratio_forms``). It never judges: dbt
compares the words with the figures. ``基本持平`` (roughly equal) is no strict claim and is not read; a
figure not found stays ``None`` and the note says why.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from ingestion.document import Locator, TextLine, sourced
from ingestion.extract.narrative.ratio_forms import completion_figure_side, named_budget
from ingestion.extract.narrative.ratio_labels import display_label
from ingestion.extract.narrative.ratio_sentences import Figure, RatioParagraph, prose_paragraphs
from ingestion.vocabulary.percentages import BUDGET_COMPARISON, COMPARISON_WORDS, ROUGHLY


@dataclass(frozen=True)
class StatedComparisonFact:
    """One printed comparison of the actual with the budget, and the two figures it is about."""

    comparison: str  # greater / less / equal (the actual compared with the budget)
    wording: str  # as printed: 决算数小于预算数
    locator: Locator
    position: int  # offset of the wording in its paragraph (identity within the document)
    source_text: str
    actual: Figure | None = None
    budget: Figure | None = None
    notes: tuple[str, ...] = ()


def _figures_before(context: RatioParagraph, position: int) -> list[Figure]:
    """The figures of the wording's sentence up to it and of the sentence before (the paragraph before
    when the wording's sentence opens the paragraph and prints none)."""
    index = next(i for i, sentence in enumerate(context.sentences) if sentence.start <= position < sentence.end)
    own = [f for f in context.sentences[index].figures if f.start < position]
    if own:
        return own
    if index:
        return context.sentences[index - 1].figures
    return context.previous_figures


def comparisons_in_paragraph(context: RatioParagraph) -> list[StatedComparisonFact]:
    facts = []
    for match in BUDGET_COMPARISON.finditer(context.norm):
        word_group = "word" if match.group("word") else "word_last"
        if context.norm[max(0, match.start(word_group) - len(ROUGHLY)) : match.start(word_group)] == ROUGHLY:
            continue
        figures = _figures_before(context, match.start())
        actuals = [f for f in figures if completion_figure_side(f.label) == "actual"]
        budgets = [f for f in figures if completion_figure_side(f.label) == "budget"]
        actual = actuals[-1] if actuals else None
        budget = named_budget(budgets, "完成" + (match.group("budget") or match.group("budget_first")))
        notes = [
            f"the {side} amount is not printed in this sentence or the one before"
            for side, figure in (("actual", actual), ("budget", budget))
            if figure is None
        ]
        spans = [f.start for f in (actual, budget) if f is not None and f in context.figures] + [match.start()]
        start = min(s.start for s in context.sentences if any(s.start <= span < s.end for span in spans))
        end = next(s.end for s in context.sentences if s.start <= match.start() < s.end)
        facts.append(
            StatedComparisonFact(
                comparison=COMPARISON_WORDS[match.group(word_group)],
                wording=match.group(0),
                locator=context.paragraph.line_at(match.start()).locator,
                position=match.start(),
                source_text=context.paragraph.text[start:end].strip(),
                actual=actual,
                budget=budget,
                notes=tuple(notes),
            )
        )
    return facts


def extract_stated_comparisons(lines: Sequence[TextLine], *, default_unit: str = "万元") -> list[StatedComparisonFact]:
    """Every 决算数大于/小于/等于预算数 statement printed in the prose of a document."""
    facts: list[StatedComparisonFact] = []
    for context in prose_paragraphs(lines, default_unit):
        facts += comparisons_in_paragraph(context)
    return facts


def read_comparisons(text: str, default_unit: str = "万元") -> list[StatedComparisonFact]:
    """The stated comparisons of one string (one line per ``\\n``), for tests and exploration."""
    lines = [TextLine(line, Locator(line=number)) for number, line in enumerate(text.split("\n"), start=1) if line]
    return extract_stated_comparisons(lines, default_unit=default_unit)


def stated_comparison_row(document_id: str, fact: StatedComparisonFact) -> dict:
    """One row of the ``stated_comparisons`` staging frame (``ingestion.schemas.StatedComparisonFrame``)."""
    figures = [figure for figure in (fact.budget, fact.actual) if figure is not None]
    locators = list(dict.fromkeys(str(figure.locator) for figure in figures))
    identity = "|".join([document_id, str(fact.locator), str(fact.position), "comparison"])
    return {
        "stated_comparison_id": hashlib.sha1(identity.encode()).hexdigest()[:16],
        "document_id": document_id,
        "comparison": fact.comparison,
        "wording": fact.wording,
        "subject_label": display_label(fact.actual.label) if fact.actual else None,
        "actual_yuan": None if fact.actual is None else f"{fact.actual.yuan:.2f}",
        "actual_reported_amount": None if fact.actual is None else fact.actual.printed,
        "budget_yuan": None if fact.budget is None else f"{fact.budget.yuan:.2f}",
        "budget_reported_amount": None if fact.budget is None else fact.budget.printed,
        "reported_unit": (fact.actual or fact.budget).unit if figures else "万元",
        "note": "; ".join(fact.notes) or None,
        "figures_locator": "; ".join(locators) or None,
        **sourced(fact.locator, fact.source_text),
    }
