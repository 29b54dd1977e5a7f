"""Subjects named in prose, resolved once the whole document has been read.

A name-only item is resolved with its siblings (the other subjects listed under the same heading):
``行政运行`` is ambiguous alone but not beside ``其他网信事务支出`` (2013799). So resolution runs in two
passes per heading block: names that are unique by themselves first, then the rest with the codes of
the first pass as siblings. A subject that stays ambiguous or unknown becomes an issue row with its
printed name and amount (the staging schema requires a code on every line item). Codes found from
context (siblings, an old name, a wording alias, the year) are recorded in an issue row of kind
``subject_resolved_from_context`` so a reviewer can see how; a printed code missing from the reference
is kept and flagged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from ingestion.extract.facts import Evidence, Fact, IssueFact, LineItemFact
from ingestion.extract.narrative import scopes
from ingestion.extract.narrative.subject_names import heading_class
from ingestion.extract.narrative.units import check_siblings
from ingestion.extract.subjects import (
    Resolution,
    SubjectPath,
    economic_expense_type,
    resolve_path,
    resolve_subject,
)

_CONTEXT_HOWS = {"siblings", "agency", "renamed", "alias", "year"}


@dataclass
class PendingSubject:
    evidence: Evidence
    scheme: str  # functional / economic
    name: str
    path: SubjectPath | None
    amount_kind: str
    fund_source: str
    block: int
    title: str | None
    expense_type: str = "total"
    parent: PendingSubject | None = None
    resolution: Resolution | None = None


def _resolve(item: PendingSubject, siblings: list[str], fiscal_year: int | None, agency: str | None) -> Resolution:
    if item.path is not None and item.path.class_name is None:
        return _resolve_from_section(item.path, heading_class(item.title), fiscal_year)
    if item.path is not None:
        return resolve_path(item.path, fiscal_year=fiscal_year)
    return resolve_subject(
        item.name, sibling_codes=siblings, fiscal_year=fiscal_year, scheme=item.scheme, agency_section=agency
    )


def _resolve_from_section(path: SubjectPath, heading: SubjectPath | None, fiscal_year: int | None) -> Resolution:
    """A path printed from its 款 down (``检察（款）``): under the 类 of the heading above when that
    heading names one (``（一）公共安全支出（类）``), else the 款 by its name alone, then the 项 under it."""
    if heading is not None:
        full = replace(path, class_name=heading.class_name, class_code=heading.class_code)
        return resolve_path(full, fiscal_year=fiscal_year)
    section = resolve_subject(path.section_name, level="款", fiscal_year=fiscal_year)
    if section.code is None:
        return Resolution(None, section.how, f"款 '{path.section_name}': {section.ambiguous_reason}")
    if not path.item_name:
        return section
    item = resolve_subject(path.item_name, level="项", parent_code=section.code, fiscal_year=fiscal_year)
    if item.code is None:
        return Resolution(None, item.how, f"项 '{path.item_name}': {item.ambiguous_reason}")
    levels = (("款", path.section_name, section), ("项", path.item_name, item))
    renamed = [f"{lvl} '{name}' is an old name of {r.code}" for lvl, name, r in levels if r.how == "renamed"]
    return Resolution(item.code, "renamed", note="; ".join(renamed)) if renamed else item


def _resolve_blocks(items: list[PendingSubject], fiscal_year: int | None, agency: str | None) -> None:
    blocks: dict[tuple[int, str], list[PendingSubject]] = defaultdict(list)
    for item in items:
        blocks[(item.block, item.scheme)].append(item)
    for block in blocks.values():
        for item in block:
            item.resolution = _resolve(item, [], fiscal_year, None)
        siblings = [item.resolution.code for item in block if item.resolution.code]
        for item in block:
            if item.resolution.how == "ambiguous":
                item.resolution = _resolve(item, siblings, fiscal_year, agency)


def _check_units(items: list[PendingSubject], parts: list[PendingSubject], stated_yuan: set[Decimal]) -> list[Fact]:
    """Apply the unit-anomaly rule to each list of siblings (same block, scheme and amount kind)."""
    groups: dict[tuple, list[PendingSubject]] = defaultdict(list)
    for item in items:
        groups[(item.block, item.scheme, item.amount_kind)].append(item)
    issues: list[Fact] = []
    for group in groups.values():
        parts_of = {i: [p.evidence for p in parts if p.parent is item] for i, item in enumerate(group)}
        finding = check_siblings([item.evidence for item in group], stated_yuan, parts_of)
        if finding is None:
            continue
        odd = group[finding.index]
        odd.evidence = replace(odd.evidence, reported_unit=finding.unit)
        issues.append(IssueFact(finding.kind, finding.detail, odd.evidence.locator, odd.evidence.source_text))
    return issues


def _to_fact(item: PendingSubject) -> list[Fact]:
    resolution = (item.parent or item).resolution
    evidence = item.evidence
    if resolution.code is None:
        detail = f"{evidence.reported_amount} for '{item.name}' not stored: {resolution.ambiguous_reason}"
        return [IssueFact("subject_unresolved", detail, evidence.locator, evidence.source_text)]
    functional = resolution.code if item.scheme == "functional" else None
    economic = resolution.code if item.scheme == "economic" else None
    expense_type = economic_expense_type(economic) if economic else item.expense_type
    # what an economic amount covers, as the prose names it (the checks against the tables need it)
    scope = (
        scopes.scope_of(item.title, item.fund_source, evidence.source_text, evidence.reported_amount)
        if economic
        else (None, None)
    )
    fact = LineItemFact(
        evidence,
        functional,
        economic,
        item.name,
        expense_type,
        item.fund_source,
        item.amount_kind,
        "printed" if resolution.how == "printed" else "resolved",
        item.title,
        *scope,
    )
    return [fact, *_resolution_issues(item, resolution)]


def _resolution_issues(item: PendingSubject, resolution: Resolution) -> list[Fact]:
    if item.parent is not None:
        return []
    where = (item.evidence.locator, item.evidence.source_text)
    issues = []
    if resolution.how in _CONTEXT_HOWS:
        note = f"; {resolution.note}" if resolution.note else ""
        issues.append(
            IssueFact(
                "subject_resolved_from_context",
                f"'{item.name}' → {resolution.code} by {resolution.how}{note}",
                *where,
            )
        )
    elif resolution.note:
        kind = (
            "subject_code_not_in_reference" if "not in the reference" in resolution.note else "subject_label_mismatch"
        )
        issues.append(IssueFact(kind, resolution.note, *where))
    return issues


def resolve_pending(
    items: Iterable[PendingSubject],
    stated_yuan: set[Decimal],
    fiscal_year: int | None,
    agency_section: str | None = None,
) -> list[Fact]:
    """Line items (or issue rows) for every subject named in the prose, in reading order."""
    items = list(items)
    heads = [item for item in items if item.parent is None]
    parts = [item for item in items if item.parent is not None]
    _resolve_blocks(heads, fiscal_year, agency_section)
    facts = _check_units(heads, parts, stated_yuan)
    for item in items:
        facts += _to_fact(item)
    return facts
