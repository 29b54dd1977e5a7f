"""Printed numbers and units → exact yuan, without ever inventing a digit.

Disclosures print amounts as ``472.74``, ``1,226.42``, ``７７４．７万元`` (full-width), ``156,211,123``
(元), or leave a cell blank as ``-``/``—``/empty. Everything here works on ``Decimal``; a string that is
not unambiguously a number yields ``None`` so the caller can record why instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ingestion.vocabulary.numerals import MONEY_UNIT, UNIT_FACTORS

BLANK_MARKS = {"", "-", "--", "—", "——", "－", "/", "—-", "–"}

_NUMBER = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_AMOUNT_CELL = re.compile(rf"^(?P<number>{_NUMBER})\s*(?P<unit>{MONEY_UNIT})?$")
_UNIT_DECLARATION = re.compile(rf"(?:单\s*位|金\s*额\s*单\s*位)\s*[:：]?\s*(?P<unit>{MONEY_UNIT})")
_ONE_CENT = Decimal("0.01")


def normalize_text(text: str) -> str:
    """NFKC (full-width digits and punctuation → ASCII) and collapse internal blanks."""
    return unicodedata.normalize("NFKC", text or "").replace("\u3000", " ").strip()


@dataclass(frozen=True)
class PrintedAmount:
    """A number as printed, with the unit printed next to it (``None`` when the unit is elsewhere)."""

    printed: str
    value: Decimal
    unit: str | None


def parse_amount(text: str) -> PrintedAmount | None:
    """Parse a table cell or a captured number; ``None`` for blanks and anything not a plain amount."""
    cleaned = normalize_text(text).replace(" ", "")
    if cleaned in BLANK_MARKS:
        return None
    match = _AMOUNT_CELL.match(cleaned)
    if not match:
        return None
    try:
        value = Decimal(match.group("number").replace(",", ""))
    except InvalidOperation:
        return None
    return PrintedAmount(printed=normalize_text(text), value=value, unit=match.group("unit"))


def is_blank(text: str) -> bool:
    return normalize_text(text).replace(" ", "") in BLANK_MARKS


def to_yuan(value: Decimal, unit: str) -> Decimal | None:
    """Exact conversion; ``None`` if the result would need more than two decimals (a fraction of a fen)."""
    yuan = value * UNIT_FACTORS[unit]
    if yuan != yuan.quantize(_ONE_CENT):
        return None
    return yuan.quantize(_ONE_CENT)


def find_unit_declaration(text: str) -> str | None:
    """The unit a ``单位：万元`` / ``金额单位：元`` line declares, tolerating spaces inside the label."""
    match = _UNIT_DECLARATION.search(normalize_text(text).replace(" ", ""))
    return match.group("unit") if match else None
