"""Units per sentence, and the one case where the printed unit is overruled.

Each amount takes the unit printed right after it. A number printed without one (``支出决算数为223.34，``)
takes the unit of the other amounts of its sentence, else the document's default, and is flagged.

A *unit anomaly* is a lone amount among listed siblings whose printed unit disagrees with all of them
*and* with the arithmetic: 厦门 prints ``（1） 行政运行1183.39元`` among seven 万元 items, and only
1183.39万元 makes the items add up to the stated 1841.55万元 (and its own parts 274.66 + 80.73 + 828 to
1183.39). Decision: the evidence keeps the printed text (``reported_amount`` and ``source_text`` show
``1183.39元``) but ``reported_unit`` is the unit the amount is converted with, 万元, and an issue row of
kind ``unit_anomaly`` records the printed unit and the sums that justify the conversion. Without such
a sum the amount is kept in its printed unit and flagged ``unit_suspect`` — never silently converted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ingestion.extract.facts import Evidence
from ingestion.vocabulary.numerals import UNIT_FACTORS

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class UnitFinding:
    index: int  # position of the odd amount in the group
    kind: str  # unit_anomaly (converted) / unit_suspect (kept as printed)
    unit: str  # the unit to convert with
    detail: str


def _yuan(value: Decimal, unit: str) -> Decimal:
    return value * UNIT_FACTORS[unit]


def _fmt(yuan: Decimal, unit: str) -> str:
    return f"{(yuan / UNIT_FACTORS[unit]).normalize():f}{unit}"


def check_siblings(
    items: Sequence[Evidence],
    stated_yuan: Iterable[Decimal],
    parts: dict[int, Sequence[Evidence]] | None = None,
) -> UnitFinding | None:
    """The lone odd-unit amount of a sibling group, with the sums that do (or do not) support it."""
    if len(items) < 3:
        return None
    unit, count = Counter(e.reported_unit for e in items).most_common(1)[0]
    if count != len(items) - 1:
        return None
    index = next(i for i, e in enumerate(items) if e.reported_unit != unit)
    odd = items[index]
    reasons = _sum_evidence(items, index, unit, stated_yuan) + _parts_evidence(odd, unit, (parts or {}).get(index, ()))
    printed = f"{odd.reported_amount} is printed in {odd.reported_unit} among {count} siblings in {unit}"
    if reasons:
        return UnitFinding(index, "unit_anomaly", unit, f"{printed}; converted as {unit} because " + "; ".join(reasons))
    return UnitFinding(
        index, "unit_suspect", odd.reported_unit, f"{printed}; no stated sum settles it, kept as printed"
    )


def _sum_evidence(items: Sequence[Evidence], index: int, unit: str, stated_yuan: Iterable[Decimal]) -> list[str]:
    tolerance = _CENT * len(items) * UNIT_FACTORS[unit]
    as_sibling = sum(_yuan(e.value, unit) for e in items)
    as_printed = sum(_yuan(e.value, e.reported_unit) for e in items)
    own = {_yuan(e.value, e.reported_unit) for e in items}
    totals = [t for t in set(stated_yuan) - own if abs(as_sibling - t) <= tolerance]
    if not totals or any(abs(as_printed - t) <= tolerance for t in stated_yuan):
        return []
    return [f"the {len(items)} items then add up to the stated {_fmt(totals[0], unit)}"]


def _parts_evidence(odd: Evidence, unit: str, parts: Sequence[Evidence]) -> list[str]:
    if len(parts) < 2:
        return []
    total = sum(_yuan(p.value, p.reported_unit) for p in parts)
    if abs(total - _yuan(odd.value, unit)) > _CENT * len(parts) * UNIT_FACTORS[unit]:
        return []
    shown = " + ".join(p.reported_amount for p in parts)
    return [f"its parts printed beside it ({shown}) add up to {_fmt(total, unit)}"]
