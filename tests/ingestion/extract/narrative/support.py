"""Helpers shared by the narrative tests: lines built from text, the facts read from them by kind, and the
sentence-form cases of ``forms/*.yaml``."""

from pathlib import Path

import pytest
import yaml

from ingestion.document import Locator, TextLine
from ingestion.extract.facts import IssueFact, LineItemFact, ThreePublicFact, TotalFact
from ingestion.extract.narrative import extract_narrative
from ingestion.extract.narrative.paragraphs import display_width


def prose_lines(*texts: str) -> list[TextLine]:
    return [TextLine(text, Locator(line=number)) for number, text in enumerate(texts, start=1)]


def read_prose(*texts: str, doc_kind: str = "budget", **options):
    facts = extract_narrative(prose_lines(*texts), doc_kind=doc_kind, **options)
    for fact in facts:
        evidence = getattr(fact, "evidence", None)
        if evidence is not None:
            assert evidence.reported_amount in evidence.source_text
            assert evidence.method == "narrative"
    return facts


def totals_of(facts):
    """{(measure, amount_kind, fund_source): printed amount}."""
    return {
        (f.measure, f.amount_kind, f.fund_source): f.evidence.reported_amount for f in facts if isinstance(f, TotalFact)
    }


def three_public_of(facts):
    return {(f.category, f.amount_kind): f.evidence.reported_amount for f in facts if isinstance(f, ThreePublicFact)}


def items_of(facts):
    """{(code, expense_type, amount_kind): (printed amount, amount_yuan)}."""
    return {
        (f.functional_subject_code or f.economic_subject_code, f.expense_type, f.amount_kind): (
            f.evidence.reported_amount,
            f.evidence.amount_yuan,
        )
        for f in facts
        if isinstance(f, LineItemFact)
    }


def issues_of(facts, kind=None):
    return [f for f in facts if isinstance(f, IssueFact) and (kind is None or f.issue_kind == kind)]


def wrapped_lines(paragraph: str, width: int, page: int = 1) -> list[TextLine]:
    """The paragraph wrapped at ``width`` half-width cells, as a PDF reader returns it."""
    cuts, current = [], ""
    for char in paragraph:
        if display_width(current + char) > width:
            cuts.append(current)
            current = ""
        current += char
    cuts.append(current)
    return [TextLine(text, Locator(page=page, line=n)) for n, text in enumerate(cuts, start=1)]


def sentence_forms(name: str) -> list:
    """The cases of ``forms/<name>.yaml``, one ``pytest.param`` each, named by its ``id``."""
    cases = yaml.safe_load((Path(__file__).parent / "forms" / f"{name}.yaml").read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["id"]) for case in cases]


def check_sentence_form(case: dict) -> None:
    """The case's lines yield exactly its totals and, where it lists them, exactly its issue kinds."""
    facts = read_prose(*case["lines"], doc_kind=case.get("doc_kind", "budget"))
    expected = {tuple(row[:3]): row[3] for row in case["totals"]}
    assert totals_of(facts) == expected
    if "issues" in case:
        assert [issue.issue_kind for issue in issues_of(facts)] == case["issues"]
