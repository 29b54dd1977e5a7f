"""One canonical name per agency, whatever form a document prints: the key of ``agency_id``.

The same agency is printed as ``那曲市委网信办``, ``中共那曲市委网络安全和信息化委员会办公室`` or ``市网信办``;
``江苏省人大常委会办公厅`` and ``江苏省人民代表大会常务委员会办公厅``; ``上海市普陀区万里街道办事处`` with or
without ``人民政府``. Its canonical name is its place as the admin-division seed names it
(:attr:`~ingestion.extract.places.Division.full_place`) followed by its body in full form
(:mod:`ingestion.vocabulary.agency_forms`), so a budget and a final account, or two years, that print
different forms get the same ``agency_id``:

* Party bodies: ``中共<place>委<body>`` (``中共株洲市委网络安全和信息化委员会办公室``);
* CPPCC bodies: ``中国人民政治协商会议<place>委员会<body>``;
* a 街道办事处 under its district government: ``<district>人民政府<name>街道办事处``;
* everything else: ``<place><body>``.

A name that omits its place (``区财政局``, ``省人大办公厅``) takes it from the document's other names
(``context``); a place the seed does not know stays as printed and the agency is left unplaced.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingestion.extract.places import Division, Placement, division_at, read_place, within
from ingestion.vocabulary.agency_forms import (
    BODY_FORMS,
    CPPCC_FULL,
    CPPCC_PREFIXES,
    GOVERNMENT,
    GOVERNMENT_SEATED_BODIES,
    PARTY_BODIES,
    PARTY_FULL,
    PARTY_PREFIXES,
    RELATIVE_LEVELS,
)

_PARENTHESES = str.maketrans({"(": "（", ")": "）"})
_DISCIPLINE = "纪律检查委员会"


@dataclass(frozen=True)
class AgencyIdentity:
    printed_name: str
    canonical_name: str
    division: Division | None  # None: the place is not in the seed (or ambiguous and undecided)
    placed_by: str | None  # name (the name prints its place) / context (the document's other names) / None
    candidates: tuple[Division, ...] = ()  # the divisions an undecided shared place may be (鼓楼区: four)

    @property
    def level(self) -> str | None:
        return self.division.level if self.division else None


def normalize_name(name: str) -> str:
    return re.sub(r"\s+", "", name).translate(_PARENTHESES)


def expand_body(body: str) -> str:
    """Short forms of a body replaced by their full forms. A full form already printed is kept, and so is
    the part of it printed before a short form (``人民政府办`` → ``人民政府办公室``, not ``人民人民政府…``)."""
    for short, full in BODY_FORMS:
        if short == full or short not in body:
            continue
        lead = full[: max(full.find(short), 0)]
        pattern = re.escape(full) + "|" + (f"(?:{re.escape(lead)})?" if lead else "") + re.escape(short)
        body = re.sub(pattern, full, body)
    return body


def _ancestor(division: Division, level: str) -> Division | None:
    if division.level == level:
        return division
    wanted = {"province": (division.province, None, None), "city": (division.province, division.city, None)}[level]
    if level == "city" and division.city is None:
        return None
    if level == "city" and division.city == division.province:  # a 直辖市: its 市 is the province
        wanted, level = (division.province, division.city, None), "province"
    return division_at(*wanted, level)


def _relative(name: str, context: Sequence[Division]) -> tuple[Division | None, int] | None:
    """``区财政局`` in a document of 上海市普陀区: the context's division of the level the word names."""
    word = next((word for word in sorted(RELATIVE_LEVELS, key=len, reverse=True) if name.startswith(word)), None)
    if word is None:
        return None
    level = RELATIVE_LEVELS[word]
    for division in context:
        if division.rank >= {"province": 1, "city": 2, "county": 3}[level]:
            found = _ancestor(division, level)
            if found is not None:
                return found, len(word)
    return None, len(word)


def _wrapper(name: str) -> tuple[str, str | None]:
    for prefixes, kind in ((PARTY_PREFIXES, "party"), (CPPCC_PREFIXES, "cppcc")):
        prefix = next((p for p in prefixes if name.startswith(p)), None)
        if prefix:
            return name[len(prefix) :], kind
    return name, None


def _place_and_body(
    name: str, context: Sequence[Division]
) -> tuple[Division | None, str, str, str | None, tuple[Division, ...]]:
    """(division, place as printed, body, placed_by, the candidates when a shared place stays undecided)."""
    placement: Placement | None = read_place(name)
    if placement is not None:
        division = within(placement, list(context))
        undecided = () if division else placement.candidates
        return division, name[: placement.end], name[placement.end :], ("name" if division else None), undecided
    relative = _relative(name, context)
    if relative is not None:
        division, length = relative
        return division, name[:length], name[length:], ("context" if division else None), ()
    return None, "", name, None, ()


def canonical_agency(printed: str, context: Sequence[Division] = ()) -> AgencyIdentity:
    """The canonical name of a printed agency name (see the module docstring), placed in the seed."""
    name = normalize_name(printed)
    rest, wrapper = _wrapper(name)
    division, place, body, placed_by, candidates = _place_and_body(rest, context)
    if body.startswith("委员会") and wrapper:
        body = body[len("委员会") :]
    elif body.startswith("委") and not body.startswith("委员会"):
        wrapper, body = wrapper or "party", body[1:]
    elif body.startswith("政协"):
        wrapper, body = "cppcc", body[2:].removeprefix("委员会")
    body = expand_body(body)
    if body.startswith(PARTY_BODIES) and wrapper is None and (division or place):
        wrapper = "party"
    place_text = division.full_place if division else place
    if body.endswith(GOVERNMENT_SEATED_BODIES) and division and not body.startswith(GOVERNMENT):
        body = GOVERNMENT + body
    if wrapper == "party":
        canonical = f"{PARTY_FULL}{place_text}{'' if body.startswith(_DISCIPLINE) or not place_text else '委'}{body}"
    elif wrapper == "cppcc":
        canonical = f"{CPPCC_FULL}{place_text}委员会{body}"
    else:
        canonical = f"{place_text}{body}"
    return AgencyIdentity(printed, canonical, division, placed_by, candidates)
