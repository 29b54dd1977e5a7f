"""Precision self-check of the coverage tool: amounts the warehouse holds under the wrong subject.

An amount stored under a wrong code is worse than a missing one, so every document is checked for two
signs of it in its own line items:

* ``label_names_other``: the printed label of the row or sentence (``subject_name``) is, by name, one
  or more subjects of the reference, none of them the stored code (``行政运行`` stored under 2013702);
  a label that names no reference subject (a local wording), a code the reference lacks, or a code the
  snippet prints beside the label (the document's own pairing, which dbt's ``is_label_mismatch`` reports
  against the reference) is not judged;
* ``kuan_for_xiang``: a prose amount stored under a 款 (5-digit functional code) whose words before
  the amount, in its sentence, name a 项 (``…(款)行政单位离退休(项)。…支出决算为84.65万元`` stored
  under 20805): the 项 was lost on the way.

The check reads only the staging frames the pipeline returns; the corpus and the samples must show none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ingestion.extract.narrative.text import normalize
from ingestion.extract.subjects import ECONOMIC_ALIASES, ECONOMIC_SCHEMES, name_key, reference
from ingestion.frames import python_records

_ITEM_MARK = re.compile(r"\(\d*项\)")


@dataclass(frozen=True)
class WrongSubject:
    check: str
    locator: str
    code: str
    label: str
    printed: str
    snippet: str


def _wrong(check: str, row: dict, code: str, label: str) -> WrongSubject:
    return WrongSubject(check, row["source_locator"], code, label, row["reported_amount"], row["source_text"])


def _named_codes(label: str, schemes: tuple[str, ...]) -> set[str] | None:
    """The reference codes a printed label names, or ``None`` when it names none."""
    ref = reference()
    keys = {name_key(label)}
    aliases = {name_key(alias): name_key(target) for alias, target in ECONOMIC_ALIASES.items()}
    if schemes == ECONOMIC_SCHEMES and name_key(label) in aliases:
        keys.add(aliases[name_key(label)])
    codes = {row.code for scheme in schemes for key in keys for row in ref.by_key.get((scheme, key), [])}
    return codes or None


def _label_check(row) -> WrongSubject | None:
    functional = row.get("functional_subject_code")
    if functional:
        code, schemes = functional, ("functional",)
        row = {"code_source": "printed", **row}  # income line items carry printed codes only
    else:
        code, schemes = row.get("economic_subject_code"), ECONOMIC_SCHEMES
    label = row.get("subject_name")
    if not code or not label:
        return None
    if not reference().by_code.get(code):
        return None  # a code the reference lacks cannot be compared with a name
    if row.get("code_source") == "printed" and _prints_code(row, code):
        return None  # the document prints this code beside this label: the reference's disagreement
    named = _named_codes(label, schemes)
    if named is None or code in named:
        return None
    return _wrong("label_names_other", row, code, label)


def _prints_code(row: dict, code: str) -> bool:
    """The snippet prints the code, whole or split over its level columns (``204\t06\t01``)."""
    digits = re.sub(r"\D", "", row.get("source_text") or "")
    return code in digits


def _item_check(row) -> WrongSubject | None:
    code = row.get("functional_subject_code")
    if row.get("extraction_method") != "narrative" or not code or len(code) != 5:
        return None
    snippet = normalize(row["source_text"] or "")
    position = snippet.find(normalize(row["reported_amount"] or ""))
    before = snippet[: position if position >= 0 else len(snippet)]
    if not _ITEM_MARK.search(before):
        return None
    label = row.get("subject_name") or ""
    return _wrong("kuan_for_xiang", row, code, label)


def wrong_subjects(line_items: pd.DataFrame | None) -> list[WrongSubject]:
    """Every line item that shows a sign of being stored under the wrong subject."""
    if line_items is None or line_items.empty:
        return []
    found = []
    for row in python_records(line_items):
        for check in (_label_check, _item_check):
            wrong = check(row)
            if wrong is not None:
                found.append(wrong)
    return found


def wrong_subject_listing(source_file: str, found: list[WrongSubject]) -> str:
    lines = [f"{source_file}: {len(found)} wrong-subject"]
    for wrong in found:
        lines.append(
            f"  {wrong.check:<18} {wrong.locator:<16} {wrong.code:<8} {wrong.printed:<12} "
            f"label {wrong.label!r}  «{wrong.snippet[:70]}»"
        )
    return "\n".join(lines)
