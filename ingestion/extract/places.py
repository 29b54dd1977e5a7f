"""Place names of China's administrative divisions (the ``admin_divisions`` seed), for reading agency names.

An agency's full name starts with its place (``无锡市互联网信息办公室``, ``上海市普陀区财政局``,
``中共保定市满城区委…``), and the words that precede a name in prose (``将``, ``对``, ``和`` …) are also
the first characters of some places. Knowing the places keeps a prose-prefix strip from cutting into one,
and tells where the place of a name ends and its body begins (:func:`read_place`).

Matching rule (the one home of it; ``int_agencies_resolved`` only groups what ingestion resolved):

1. at the start of the name, a division's full name or a former name (``那曲地区``), or its short form
   (``株洲``, ``黔东南``) when an administrative word follows that fits its level (a city's 州/盟/地区/地委/
   行署/委, a county's 县/区/市/旗/委, a province's 省/委) — so 中山大学 is not 中山市 and 朝阳区 is not
   朝阳市; a short form shared by several divisions (吉林, 海南, 普陀) is never used;
2. then, repeatedly, a division of a lower level inside the one already read (``上海市`` → ``普陀区``);
3. a full name shared by several divisions (普陀区 of 上海市 and of 舟山市, 鼓楼区 of four cities) stays
   ambiguous until the province or city before it, or the document's other names, decide (:func:`within`);
   an agency left undecided is unplaced, with an ``agency_place_ambiguous`` issue (``agency_names``).

The seed lists every county-level division of China (``tools/admin_divisions_seed.py`` writes it), so
these rules, not a short list of known places, are what keeps a name out of the wrong county.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingestion.extract.subjects import SEEDS_DIR

SEED = "admin_divisions.csv"
LEVEL_RANK = {"province": 1, "city": 2, "county": 3}
# What may follow a short form, by the level of its division (the longest first).
SHORT_FORM_SUFFIXES = {
    "province": ("省委", "省", "委"),
    "city": ("地区", "地委", "行署", "州委", "盟委", "州", "盟", "委"),
    "county": ("县委", "区委", "市委", "旗委", "县", "区", "市", "旗", "委"),
}


@dataclass(frozen=True)
class Division:
    province: str
    city: str | None
    county: str | None
    level: str  # province / city / county
    name: str

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self.level]

    @property
    def full_place(self) -> str:
        """The place as a canonical agency name prints it: ``江苏省``, ``株洲市``, ``上海市普陀区``,
        ``保定市满城区``, ``孝义市``: a city without its province, a district (区, whose name is unique only
        within its city) and any county of a 直辖市 under its city, other counties (县, 县级市) alone."""
        if self.level == "province":
            return self.province
        if self.level == "city":
            return self.city or self.name
        if self.city and (self.city == self.province or self.name.endswith("区")):
            return f"{self.city}{self.name}"
        return self.name

    def contains(self, other: Division) -> bool:
        """True when ``other`` lies inside this division (strictly lower level)."""
        if other.rank <= self.rank or other.province != self.province:
            return False
        return self.level == "province" or other.city == self.city


@dataclass(frozen=True)
class Placement:
    """The place a name starts with: the divisions it may be (one unless ambiguous) and where it ends."""

    candidates: tuple[Division, ...]
    end: int  # index in the name where the body begins
    form: str
    form_kind: str  # full / former / short

    @property
    def division(self) -> Division | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


@lru_cache(maxsize=1)
def _seed_rows(seeds_dir: Path = SEEDS_DIR) -> tuple[dict[str, str], ...]:
    """The admin-division seed, read once per process."""
    with (seeds_dir / SEED).open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def _former_names(row: dict[str, str]) -> list[str]:
    """A division's former names ('|' or ';' separated), those of two characters or more."""
    names = (name.strip() for name in (row.get("former_names") or "").replace(";", "|").split("|"))
    return [name for name in names if len(name) >= 2]


@lru_cache(maxsize=1)
def divisions(seeds_dir: Path = SEEDS_DIR) -> tuple[Division, ...]:
    return tuple(
        Division(row["province"], row["city"] or None, row["county"] or None, row["admin_level"], row["name"])
        for row in _seed_rows(seeds_dir)
    )


@lru_cache(maxsize=1)
def _by_key() -> dict[tuple[str, str | None, str | None, str], Division]:
    return {(d.province, d.city, d.county, d.level): d for d in divisions()}


def division_at(province: str, city: str | None, county: str | None, level: str) -> Division | None:
    """The seed's division of that province, city, county and level (one dictionary look-up)."""
    return _by_key().get((province, city, county, level))


@lru_cache(maxsize=1)
def _forms(seeds_dir: Path = SEEDS_DIR) -> dict[str, list[tuple[Division, str]]]:
    """Every form → the divisions it names and the kind of form; shared short forms are left out."""
    forms: dict[str, list[tuple[Division, str]]] = defaultdict(list)
    shorts: dict[str, list[Division]] = defaultdict(list)
    for division, row in zip(divisions(seeds_dir), _seed_rows(seeds_dir), strict=True):
        forms[division.name].append((division, "full"))
        for former in _former_names(row):
            forms[former].append((division, "former"))
        if row["short_name"] and len(row["short_name"]) >= 2:
            shorts[row["short_name"]].append(division)
    for short, named in shorts.items():
        if len(named) == 1 and short not in forms:
            forms[short].append((named[0], "short"))
    return dict(forms)


@lru_cache(maxsize=1)
def _form_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(form) for form in _forms()}, reverse=True))


@lru_cache(maxsize=1)
def _place_names(seeds_dir: Path = SEEDS_DIR) -> tuple[frozenset[str], tuple[int, ...]]:
    """Every full name, former name and short form of a division (shared or not), and their lengths."""
    names: set[str] = set()
    for row in _seed_rows(seeds_dir):
        names.update(name for name in (row["name"], row["short_name"]) if name and len(name) >= 2)
        names.update(_former_names(row))
    return frozenset(names), tuple(sorted({len(name) for name in names}))


def starts_with_place(text: str) -> bool:
    """True when any form of a division starts the text (``无锡市…``, ``无锡高新区…``, ``将乐县…``), so that a
    prose word is not stripped from it: one set look-up per name length, whatever the seed's size."""
    names, lengths = _place_names()
    return any(text[:length] in names for length in lengths if length <= len(text))


def _step(name: str, start: int, inside: tuple[Division, ...]) -> Placement | None:
    """The longest division form at ``start`` that fits inside one of ``inside`` (any when empty)."""
    forms = _forms()
    for length in _form_lengths():
        form = name[start : start + length]
        entries = forms.get(form) if len(form) == length else None
        if not entries:
            continue
        kind = entries[0][1]
        end = start + length
        if kind == "short":
            suffix = next((s for s in SHORT_FORM_SUFFIXES[entries[0][0].level] if name.startswith(s, end)), None)
            if suffix is None:
                continue
            end += len(suffix) - (1 if suffix.endswith("委") else 0)  # 那曲地委: the place ends before 委
        fitting = tuple(d for d, _ in entries if not inside or any(outer.contains(d) for outer in inside))
        if fitting:
            return Placement(fitting, end, form, kind)
    return None


def read_place(name: str, start: int = 0) -> Placement | None:
    """The divisions a name starts with (at ``start``), most specific last read: ``上海市普陀区财政局``
    → 普陀区 of 上海市, body from index 6. ``None`` when no known division starts the name."""
    placement = _step(name, start, ())
    while placement is not None:
        deeper = _step(name, placement.end, placement.candidates)
        if deeper is None:
            break
        placement = deeper
    return placement


def within(placement: Placement, context: list[Division]) -> Division | None:
    """An ambiguous placement decided by the document's other places: the candidate inside (or equal
    to, or containing) a division the document names unambiguously."""
    if placement.division is not None:
        return placement.division
    related = [
        candidate
        for candidate in placement.candidates
        if any(candidate == other or other.contains(candidate) or candidate.contains(other) for other in context)
    ]
    return related[0] if len(related) == 1 else None
