"""Helpers shared by the narrative tests: lines built from text, and the facts read from them by kind."""

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
