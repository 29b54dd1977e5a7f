"""One fact per statement: the same amount for the same grain, printed twice, is kept once.

Disclosures repeat themselves (a table and the prose, a summary table and a detail table). Merging
happens on the facts, before they become frames, so that every frame row is one statement and its
other printed places are kept in ``other_source_locators``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ingestion.extract.facts import (
    Fact,
    IncomeFact,
    IssueFact,
    LineItemFact,
    ProjectFact,
    ThreePublicFact,
    TotalFact,
)


def grain(fact: Fact) -> tuple | None:
    if isinstance(fact, LineItemFact):
        return ("line", fact.functional_subject_code, fact.economic_subject_code, fact.expense_type,
                fact.fund_source, fact.amount_kind)  # fmt: skip
    if isinstance(fact, IncomeFact):  # the parent too: each table keeps the parts it prints
        unit = (fact.unit_name,) if fact.unit_name else ()  # a unit's rows are its own (department's: none)
        return ("income", fact.functional_subject_code, fact.income_source, fact.parent_income_source,
                fact.amount_kind, *unit)  # fmt: skip
    if isinstance(fact, TotalFact):
        return ("total", fact.measure, fact.amount_kind, fact.fund_source)
    if isinstance(fact, ThreePublicFact):
        return ("three_public", fact.category, fact.amount_kind)
    if isinstance(fact, ProjectFact):
        amounts = tuple(e.amount_yuan if e else None for e in (fact.budget, fact.actual))
        return ("project", fact.project_name.replace(" ", ""), *amounts)
    return None


def merge_statements(facts: list[Fact]) -> list[Fact]:
    """One fact per statement: the same amount for the same grain, printed twice, is kept once.

    The duplicates' locators are remembered (``other_source_locators``) so both sources stay visible.
    When two statements of the same grain disagree, both are kept and an issue records the conflict,
    for the reconciliation checks to report.
    """
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    merged: list[Fact] = []
    for fact in facts:
        key = grain(fact)
        if key is None:
            merged.append(fact)
        else:
            groups[key].append(fact)
    for key, group in groups.items():
        by_amount: dict = defaultdict(list)
        for fact in group:
            by_amount[_statement_amount(fact)].append(fact)
        for same in by_amount.values():
            merged.append(_with_corroboration(same))
        if len(by_amount) > 1:
            merged.append(_conflict_issue(key, group))
    return merged


def _statement_amount(fact: Fact):
    """What must agree for two statements of one grain to be the same statement."""
    return grain(fact)[2:] if isinstance(fact, ProjectFact) else fact.evidence.amount_yuan


def _place(fact: Fact):
    return fact.locator if isinstance(fact, ProjectFact) else fact.evidence.locator


@dataclass(frozen=True)
class Corroborated:
    fact: Fact
    other_locators: tuple[str, ...]


def _primary_first(fact: Fact) -> tuple[bool, bool]:
    """The statement kept as primary: a table before prose, a printed code before a resolved name."""
    method = fact.method if isinstance(fact, ProjectFact) else fact.evidence.method
    return (method != "table", getattr(fact, "code_source", "printed") != "printed")


def _with_corroboration(same: list[Fact]) -> Fact | Corroborated:
    if len(same) == 1:
        return same[0]
    same = sorted(same, key=_primary_first)
    return Corroborated(same[0], tuple(str(_place(fact)) for fact in same[1:]))


def _conflict_issue(grain: tuple, group: list[Fact]) -> IssueFact:
    statements = "; ".join(f"{fact.evidence.reported_amount} at {fact.evidence.locator}" for fact in group)
    return IssueFact(
        "conflicting_statements",
        f"the document states different amounts for {'/'.join(str(part) for part in grain if part)}: {statements}",
        group[0].evidence.locator,
        group[0].evidence.source_text,
    )
