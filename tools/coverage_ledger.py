"""The coverage tool's ledger: every amount the staging frames hold, keyed by where it was printed.

``tools.coverage`` enumerates the numbers a document prints; this ledger answers, for each of them,
whether a frame row was read from that place (at its own locator or as a merged duplicate) or an
extraction issue explains it. Kept apart from the number classification so each reads as one concept.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

import pandas as pd

from ingestion.amounts import parse_amount
from ingestion.document import Document, Locator
from ingestion.extract.narrative import extract_narrative_details
from ingestion.extract.narrative.text import normalize
from ingestion.extract.tables import document_unit
from ingestion.vocabulary.numerals import UNIT_FACTORS

AMOUNT_FRAMES = (
    "line_items",
    "income_line_items",
    "reported_totals",
    "procurement_line_items",
    "three_public_expenses",
)
# Issues that cover a whole column from the row they are recorded at (the table reader reports a skipped
# column once, at its first data cell).
COLUMN_ISSUES = {"column_not_extracted"}


@dataclass
class Claim:
    """A stored amount waiting for the printed number it was read from.

    Rows at their own locator match on the printed value and unit (``reported_amount``); merged
    duplicates and projects carry only yuan, so they match on the value converted with the unit printed
    beside the number or, failing that, the unit the pipeline applied.
    """

    frame: str
    label: str
    printed: tuple[Decimal, str | None] | None = None
    yuan: Decimal | None = None
    unit: str = "万元"

    def matches(self, value: Decimal, unit: str | None) -> bool:
        if self.printed is not None:
            return self.printed == (value, unit)
        return self.yuan is not None and value * UNIT_FACTORS[unit or self.unit] == self.yuan


@dataclass
class Ledger:
    """Everything the frames say about each locator; each claim or issue explains one printed number."""

    claims: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    issues: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    column_issues: dict[tuple[int, int], tuple[int, str, str]] = field(default_factory=dict)
    table_issues: dict[int, tuple[str, str]] = field(default_factory=dict)
    changes: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))

    def take(self, locators: Iterable[str], value: Decimal, unit: str | None) -> Claim | None:
        return _take(self.claims, locators, value, unit)

    def take_change(self, locator: str, value: Decimal, unit: str | None) -> Claim | None:
        return _take(self.changes, [locator], value, unit)

    def take_issue(self, locator: str, printed: str) -> tuple[str, str] | None:
        """An issue at this place whose words name the number; an ``…_assumed`` unit note only last,
        since it says how an amount was read, not why it was left out."""
        pattern = re.compile(rf"(?<![\d.,]){re.escape(printed)}(?![\d])")
        candidates = [issue for issue in self.issues.get(locator, []) if pattern.search(normalize(issue[1]))]
        if not candidates:
            return None
        chosen = min(candidates, key=lambda issue: issue[0].endswith("_assumed"))
        self.issues[locator].remove(chosen)
        return chosen

    def cell_issue(self, locator: Locator) -> tuple[str, str] | None:
        """An issue at the cell or its row, or one that left out the cell's whole column."""
        for place in (str(locator), str(Locator(locator.page, locator.line, locator.table, locator.row))):
            if self.issues.get(place):
                return self.issues[place][0]
        column = self.column_issues.get((locator.table, locator.column))
        if column and locator.row >= column[0]:
            return column[1], column[2]
        return self.table_issues.get(locator.table)


def _take(claims: dict[str, list[Claim]], locators: Iterable[str], value: Decimal, unit: str | None):
    for locator in locators:
        for claim in claims.get(locator, []):
            if claim.matches(value, unit):
                claims[locator].remove(claim)
                return claim
    return None


_LOCATOR_PARTS = re.compile(r"([pltrc])(\d+)")


def _parse_locator(text: str) -> Locator:
    parts = {key: int(value) for key, value in _LOCATOR_PARTS.findall(text or "")}
    return Locator(parts.get("p"), parts.get("l"), parts.get("t"), parts.get("r"), parts.get("c"))


def _row_label(frame: str, row: pd.Series) -> str:
    words = {
        "line_items": ("functional_subject_code", "economic_subject_code", "subject_name", "amount_kind"),
        "income_line_items": ("functional_subject_code", "income_source", "amount_kind"),
        "reported_totals": ("measure", "fund_source", "amount_kind"),
        "procurement_line_items": ("procurement_kind", "line_level", "project_name", "item_name", "amount_kind"),
        "three_public_expenses": ("category", "amount_kind"),
        "projects": ("project_name",),
    }[frame]
    said = " ".join(str(row[word]) for word in words if not pd.isna(row.get(word)))
    return f"{frame}: {said} [{row['reported_unit']}]"


def _printed_key(reported: str) -> tuple[Decimal, str | None] | None:
    amount = parse_amount(reported)
    return (amount.value, amount.unit) if amount else None


def _other_places(row: pd.Series) -> list[str]:
    others = row.get("other_source_locators")
    return [] if others is None or pd.isna(others) else str(others).split("; ")


def _project_amount_places(row: pd.Series) -> dict[str, str]:
    """``budget: l206 t3 r4 c3; actual: …`` → {"budget": "l206 t3 r4 c3", …}."""
    places = row.get("amount_locators")
    if places is None or pd.isna(places):
        return {}
    return dict(part.split(": ", 1) for part in str(places).split("; ") if ": " in part)


def ledger_from_frames(frames: dict[str, pd.DataFrame]) -> Ledger:
    """Claims from every amount row (and its merged duplicates), issues by place."""
    ledger = Ledger()
    for name in AMOUNT_FRAMES:
        for _, row in frames.get(name, pd.DataFrame()).iterrows():
            label, yuan = _row_label(name, row), Decimal(row["amount_yuan"])
            ledger.claims[row["source_locator"]].append(
                Claim(name, label, _printed_key(row["reported_amount"]), yuan, row["reported_unit"])
            )
            others = row.get("other_source_locators")
            for other in [] if pd.isna(others) else str(others).split("; "):
                merged = f"{label} (merged duplicate of {row['source_locator']})"
                ledger.claims[other].append(Claim(name, merged, None, yuan, row["reported_unit"]))
    for _, row in frames.get("projects", pd.DataFrame()).iterrows():
        places = _project_amount_places(row)
        for column, kind in (("budget_yuan", "budget"), ("actual_yuan", "actual")):
            if not pd.isna(row[column]):
                label = f"{_row_label('projects', row)} {kind}"
                claim = Claim("projects", label, None, Decimal(row[column]), row["reported_unit"])
                ledger.claims[places.get(kind, row["source_locator"])].append(claim)
                for other in _other_places(row):  # the same project printed elsewhere (merged)
                    ledger.claims[other].append(replace(claim))
    for _, row in frames.get("extraction_issues", pd.DataFrame()).iterrows():
        locator = _parse_locator(row["source_locator"]) if not pd.isna(row["source_locator"]) else None
        if locator is None:
            continue
        if row["issue_kind"] in COLUMN_ISSUES and locator.column is not None:
            column = (locator.table, locator.column)
            ledger.column_issues[column] = (locator.row, row["issue_kind"], row["detail"])
        elif locator.table is not None and locator.row is None:  # a whole table left out, with its reason
            ledger.table_issues[locator.table] = (row["issue_kind"], row["detail"])
        else:
            ledger.issues[row["source_locator"]].append((row["issue_kind"], row["detail"]))
    return ledger


def add_changes(ledger: Ledger, document: Document, row: dict) -> None:
    """Year-on-year differences the narrative extractor recognised (``减少157.39万元``)."""
    details = extract_narrative_details(
        document.text_lines(),
        doc_kind=row["doc_kind"],
        default_unit=document_unit(document),
        fiscal_year=row["fiscal_year"],
        agency_name=row["agency_name"],
    )
    for change in details.changes:
        key = _printed_key(change.evidence.reported_amount)
        ledger.changes[str(change.evidence.locator)].append(Claim("changes", change.label, key))


# --- numbers in text -------------------------------------------------------------------------------
