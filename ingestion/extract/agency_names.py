"""Every place a document prints its agency's name, and the one agency they resolve to.

A disclosure prints its agency's name on the cover, in the ``编制部门：`` / ``部门：`` / ``单位名称`` headers of
its tables and in its prose, often in different forms (``那曲市委网信办``, ``市网信办``). Each printed name
is resolved to its canonical name (:mod:`ingestion.extract.agency_identity`) in the context of the
document's other places; the document's agency is the canonical name of the name its metadata chose
(a label, the title, the table, repeated prose, in that order of strength).

A name printed where the document states *its own* agency — the title or a table header label
(``编制部门：``, ``部门：``; not ``单位名称：``, which may name a subordinate unit of a department) — that
resolves to another agency (a header of the municipal bureau in a district bureau's document) is a
contradiction: it is kept with ``is_contradiction`` and raises an ``agency_name_contradiction`` issue.
An agency whose place several divisions share (``鼓楼区财政局``: 鼓楼区 of four cities) and that the
document's other names do not decide is left unplaced with an ``agency_place_ambiguous`` issue.
Names in the prose that resolve to other agencies (the 人大 the budget is reported to, a subordinate unit)
are not this agency's names and are not listed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingestion.amounts import normalize_text
from ingestion.document import Document, Locator, TextLine, sourced
from ingestion.extract.agency_identity import AgencyIdentity, canonical_agency
from ingestion.extract.facts import IssueFact
from ingestion.extract.metadata import (
    AGENCY_NAME,
    AGENCY_NAME_LABEL,
    SHORT_NAME_LABEL,
    TITLE_WINDOW,
    DocumentMetadata,
    name_from_title,
    strip_leading_prose,
)
from ingestion.extract.places import Division

AUTHORITATIVE_ROLES = ("title", "label")
UNIT_LABELS = ("单位名称", "预算单位")
_CENTRAL = re.compile("^(中共中央|中央|国家|国务院|中华人民共和国|全国)")


@dataclass(frozen=True)
class PrintedName:
    printed_name: str
    role: str  # title / label / table / prose
    locator: Locator
    source_text: str
    identity: AgencyIdentity
    is_contradiction: bool = False


@dataclass(frozen=True)
class DocumentAgency:
    identity: AgencyIdentity | None
    printed: list[PrintedName]
    issues: list[IssueFact]


def _spans(document: Document):
    """(role, locator, text) of every text line and table cell."""
    for block in document.blocks:
        if isinstance(block, TextLine):
            yield "prose", block.locator, normalize_text(block.text)
            continue
        for row_index, row in enumerate(block.rows):
            for column_index, cell in enumerate(row):
                if cell:
                    yield "table", block.cell_locator(row_index, column_index), normalize_text(cell)


def _names_in(role: str, text: str):
    """(role, name) of each agency-like name in a text: label values first, then names and short names."""
    compact = text.replace(" ", "")
    labelled = set()
    for match in AGENCY_NAME_LABEL.finditer(text):
        labelled.add(match.group("name"))
        # 单位名称/预算单位 may name a subordinate unit of a department: a table cell, not the publisher
        yield ("table" if match.group(0).startswith(UNIT_LABELS) else "label"), match.group("name")
    for pattern, group in ((AGENCY_NAME, 1), (SHORT_NAME_LABEL, "name")):
        for match in pattern.finditer(compact):
            name = strip_leading_prose(match.group(group))
            if len(name) >= 4 and name not in labelled:
                yield role, name


def _context(names: list[tuple[str, str]], primary: str | None) -> list[Division]:
    """The document's places, strongest first: its chosen name, its labels and title, then the prose's
    most printed place."""
    strong = [primary] if primary else []
    strong += [name for role, name in names if role in AUTHORITATIVE_ROLES]
    places = [identity.division for name in strong if (identity := canonical_agency(name)).placed_by == "name"]
    counted = Counter(
        identity.division for _, name in names if (identity := canonical_agency(name)).placed_by == "name"
    )
    return [division for division in places if division] + [division for division, _ in counted.most_common(1)]


def _title_name(document: Document) -> list[tuple[str, Locator, str, str]]:
    """The name the cover prints (over one to three lines), at the first of its lines."""
    name = name_from_title(document)[0]
    lines = [block for block in document.blocks[:TITLE_WINDOW] if isinstance(block, TextLine)]
    first = next((line for line in lines if name and name[:2] in line.text.replace(" ", "")), None)
    return [("title", first.locator, normalize_text(first.text), name)] if name and first else []


def resolve_document_agency(document: Document, metadata: DocumentMetadata) -> DocumentAgency:
    title = _title_name(document)
    cover = {(name, locator) for _, locator, _, name in title}
    found = title + [
        (role, locator, text, name)
        for span_role, locator, text in _spans(document)
        for role, name in _names_in(span_role, text)
        if (name, locator) not in cover  # the cover's line is the title's, not prose
    ]
    context = _context([(role, name) for role, _, _, name in found], metadata.agency_name)
    identity = canonical_agency(metadata.agency_name, context) if metadata.agency_name else None
    printed, issues = [], []
    for role, locator, text, name in found:
        resolved = canonical_agency(name, context)
        same = identity is not None and resolved.canonical_name == identity.canonical_name
        contradicts = not same and identity is not None and role in AUTHORITATIVE_ROLES and _is_agency(resolved)
        if same or contradicts:
            printed.append(PrintedName(name, role, locator, text[:200], resolved, contradicts))
        if contradicts:
            issues.append(_contradiction(resolved, identity, locator, text))
    if identity is not None and identity.candidates:
        issues.append(_ambiguous_place(identity, printed))
    return DocumentAgency(identity, printed, issues)


def _ambiguous_place(identity: AgencyIdentity, printed: list[PrintedName]) -> IssueFact:
    where = next((name for name in printed if name.printed_name == identity.printed_name), None)
    places = "、".join(f"{d.province}{d.city or ''}{d.county or ''}" for d in identity.candidates)
    return IssueFact(
        "agency_place_ambiguous",
        f"{identity.printed_name} starts with a place {len(identity.candidates)} divisions share ({places}) and "
        "no other name in the document says which: the agency is left unplaced (division columns null)",
        where.locator if where else None,
        where.source_text if where else None,
    )


def _is_agency(identity: AgencyIdentity) -> bool:
    """A contradicting name must itself name an agency of a place (a label value such as 万元 does not)."""
    return identity.placed_by is not None


def _contradiction(resolved: AgencyIdentity, identity: AgencyIdentity, locator: Locator, text: str) -> IssueFact:
    return IssueFact(
        "agency_name_contradiction",
        f"this header names {resolved.printed_name} ({resolved.canonical_name}), but the document's agency is "
        f"{identity.canonical_name}; the document is kept under {identity.canonical_name}",
        locator,
        text[:200],
    )


def printed_name_row(document_id: str, name: PrintedName) -> dict:
    return {
        "document_id": document_id,
        "printed_name": name.printed_name,
        "name_role": name.role,
        "canonical_agency_name": name.identity.canonical_name,
        "is_contradiction": name.is_contradiction,
        **sourced(name.locator, name.source_text),
    }


def identity_columns(identity: AgencyIdentity | None) -> dict:
    """The documents-row columns of a document's resolved agency."""
    division = identity.division if identity else None
    central = identity is not None and division is None and bool(_CENTRAL.match(identity.canonical_name))
    return {
        "canonical_agency_name": identity.canonical_name if identity else None,
        "agency_province": division.province if division else None,
        "agency_city": division.city if division else None,
        "agency_county": division.county if division else None,
        "agency_admin_level": division.level if division else ("central" if central else None),
    }
