"""What one amount in a sentence means: the classification step shared by every sentence family.

For an amount, the *label text* is its clause up to the number. :func:`classify` tries, in order:
a change statement (``减少157.39万元``), a label from the spec tables or a subject name (leftmost wins)
— unless a change word stands right before that label (``增加基本支出844.15万元`` is a change too),
a label-less ``年初预算为…`` that takes the previous amount's label in the line or the heading's, and a
numbered item under a 项目支出 heading. Anything else is *unlabelled* and becomes an issue row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingestion.extract.narrative import totals
from ingestion.extract.narrative.context import ECONOMIC_TOPICS
from ingestion.extract.narrative.details import change_before_label
from ingestion.extract.narrative.labels import (
    Candidate,
    compile_specs,
    is_only_connectors,
    starts_with_ordinal,
)
from ingestion.extract.narrative.projects import listed_project_name
from ingestion.extract.narrative.subject_names import find_subjects
from ingestion.vocabulary.measures import PROSE_SPECS
from ingestion.vocabulary.percentages import change_direction

SPEC_MATCHERS = compile_specs(PROSE_SPECS)
_BASE_PRIORITY = [
    "not_measure",
    "three_public",
    "procurement",
    "office_operation",
    "performance",
    "total",
    "functional",
    "economic",
]
_ECONOMIC_FIRST = [family for family in _BASE_PRIORITY if family != "economic"]
_ECONOMIC_FIRST.insert(_ECONOMIC_FIRST.index("functional"), "economic")
SPEC_FAMILIES = {"total", "three_public", "procurement", "office_operation", "performance", "not_measure"}


@dataclass(frozen=True)
class Outcome:
    """How an amount was read: ``label`` (with the candidate and whether it came from a heading or the
    previous amount), ``change`` (with its direction), ``project`` (a listed project's name) or
    ``unlabelled``."""

    how: str
    candidate: Candidate | None = None
    source: str = "own"  # own / previous / heading
    detail: str | None = None


def find_label(text: str, topics: set[str | None]) -> Candidate | None:
    """The leftmost label in ``text`` allowed in these topics; on a tie the topic decides the family."""
    candidates = [c for c in (m.find(text) for m in SPEC_MATCHERS) if c and (c.scope is None or c.scope in topics)]
    candidates += find_subjects(text, numbered=starts_with_ordinal(text))
    candidates = [c for c in candidates if not totals.is_weak(c)]
    if not candidates:
        return None
    order = _ECONOMIC_FIRST if topics & ECONOMIC_TOPICS else _BASE_PRIORITY
    return min(candidates, key=lambda c: (c.start, order.index(c.family)))


def classify(label_text: str, topics: set[str | None], previous: Candidate | None, heading: str | None) -> Outcome:
    direction = change_direction(label_text)
    if direction:
        return Outcome("change", detail=direction)
    own = find_label(label_text, topics)
    if own:
        changed = change_before_label(label_text[: own.start])
        return Outcome("change", detail=changed) if changed else Outcome("label", own)
    if is_only_connectors(label_text):
        return _borrowed(label_text, topics, previous, heading)
    if "project" in topics and starts_with_ordinal(label_text):
        name = listed_project_name(label_text)
        if name:
            return Outcome("project", detail=name)
    return Outcome("unlabelled", detail=label_text.strip())


def _borrowed(label_text: str, topics: set[str | None], previous: Candidate | None, heading: str | None) -> Outcome:
    """``…，支出决算为1012.86万元``: the label of the amount before it, or of the heading above."""
    if previous is not None:
        return Outcome("label", _flip_side(previous, label_text), source="previous")
    found = find_label(heading, topics) if heading else None
    if found:
        return Outcome("label", found, source="heading")
    return Outcome("unlabelled", detail=label_text.strip() or "(no words before the amount)")


def _flip_side(previous: Candidate, label_text: str) -> Candidate:
    """``财政拨款收入1226.42万元，支出1226.42万元``: the second amount is the expenditure side."""
    side = "income" if "收入" in label_text else "expenditure" if "支出" in label_text else None
    if previous.family != "total" or side is None or previous.key not in totals.SIDES | set(totals.FLIP_SIDE):
        return previous
    if previous.key in totals.SIDES:
        return replace(previous, key=side)
    measure_side = "income" if "income" in previous.key else "expenditure"
    return previous if measure_side == side else replace(previous, key=totals.FLIP_SIDE[previous.key])
