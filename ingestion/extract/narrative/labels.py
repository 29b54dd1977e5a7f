"""The one mechanism every sentence family shares: *which words right before an amount say what it is*.

A disclosure sentence puts its label immediately before the number, optionally followed by a few
connecting words: ``收入预算为1841.55万元``, ``“三公”经费财政拨款预算数为2万元``, ``机关运行经费(商品和服务
支出+业务性专项)共安排 109.68 万元``. So for each amount we take the words of its clause up to the
number (the *label text*) and look for a known label that is followed only by connector words until
the number. Each sentence family (totals, 三公, 政府采购, 机关运行经费, …) contributes a table of
:class:`Spec` rows; this module compiles them once and finds, for a label text, the candidate that
starts furthest left (the longest label wins: ``一般公共预算财政拨款支出`` over ``支出``).

A label may be preceded by a fund-source prefix (``一般公共预算``, ``政府性基金预算``, …: the ``prose``
rows of ``ingestion.vocabulary.fund_sources``) and by ``财政拨款``/``拨款``, which refine the measure; see
``totals.measure_for``. The label tables themselves are ``ingestion.vocabulary.measures``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingestion.vocabulary.amount_kinds import BUDGET_STAGE, prose_kind
from ingestion.vocabulary.fund_sources import FISCAL, PROSE_PREFIX, PROSE_PREFIXES
from ingestion.vocabulary.measures import Spec
from ingestion.vocabulary.numerals import ORDINAL
from ingestion.vocabulary.subject_levels import LEVEL_CHARS

# Words that may sit between a label and its number without changing what the number is.
CONNECTOR = (
    rf"(?:\s+|:|为|是|了|共|计|达|安排|{BUDGET_STAGE}|本年|当年|年度|预算|决算|数|支出|收入|总额|金额|合计|"
    r"执行|实际|财政拨款|拨款|\d{4}\s*年度?|的)"
)
CONNECTORS_TO_END = rf"(?P<conn>{CONNECTOR}*)$"

# Words before the label that only introduce it: list numbering, 其中, 包括, 主要用于 …
_ORDINAL_AT_START = re.compile(rf"^\s*{ORDINAL}")
INTRO = r"(?:其中|包含|包括|主要包括|主要用于|具体包括)"
_ONLY_CONNECTORS = re.compile(rf"^\s*{ORDINAL}?\s*{INTRO}?\s*:?\s*{CONNECTOR}*$")

# Remarks in brackets between a label and its number — ``（工资及津补贴奖金等）`` — but not the
# level marks of a subject path (``（类）``, ``（204类）``) nor short parts of names (``（境）``).
_REMARK = re.compile(rf"\((?!\d*[{LEVEL_CHARS}]\))[^()]{{4,}}\)")


@dataclass(frozen=True)
class Candidate:
    """A label found in a label text: where it starts, what it says, and the words around it."""

    start: int
    family: str
    key: str
    label: str  # the label words as printed (normalized)
    connectors: str
    fund: str | None = None  # fund_source named by a prefix
    fiscal: bool = False  # 财政拨款 / 拨款 before the label
    scope: str | None = None
    spec: Spec | None = None
    payload: object = None  # family-specific data (a subject path, a subject name's scheme)


class SpecMatcher:
    """All specs of one family and scope, compiled into one anchored regex."""

    def __init__(self, specs: Iterable[Spec], with_fund: bool = True) -> None:
        self.specs = sorted(specs, key=lambda spec: len(spec.pattern), reverse=True)
        self._compiled = [re.compile(spec.pattern) for spec in self.specs]
        labels = "|".join(f"(?:{spec.pattern})" for spec in self.specs)
        prefix = rf"(?P<fund>{PROSE_PREFIX})?(?P<fiscal>{FISCAL})?" if with_fund else ""
        self.regex = re.compile(rf"{prefix}(?P<label>{labels}){CONNECTORS_TO_END}")

    def find(self, text: str) -> Candidate | None:
        match = self.regex.search(text)
        if not match:
            return None
        spec = self._spec_for(match.group("label"))
        groups = match.groupdict()
        return Candidate(
            start=match.start(),
            family=spec.family,
            key=spec.key,
            label=match.group("label"),
            connectors=match.group("conn"),
            fund=PROSE_PREFIXES.get(groups.get("fund") or ""),
            fiscal=bool(groups.get("fiscal")),
            scope=spec.scope,
            spec=spec,
        )

    def _spec_for(self, label: str) -> Spec:
        for spec, compiled in zip(self.specs, self._compiled, strict=True):
            if compiled.fullmatch(label):
                return spec
        raise LookupError(label)  # pragma: no cover - the alternation only matches spec patterns


def compile_specs(specs: Iterable[Spec]) -> list[SpecMatcher]:
    """One matcher per (family, scope), so a label outside its scope never hides another reading."""
    groups: dict[tuple[str, str | None], list[Spec]] = {}
    for spec in specs:
        groups.setdefault((spec.family, spec.scope), []).append(spec)
    return [SpecMatcher(group) for group in groups.values()]


def clean_label_text(text: str) -> str:
    """Drop bracketed remarks so ``人员支出（工资及津补贴奖金等）274.66万元`` reads as a label + amount."""
    return _REMARK.sub("", text).rstrip()


def is_only_connectors(text: str) -> bool:
    """True for label texts that say *how* (``年初预算为``, ``支出决算为``) but not *what*."""
    return bool(_ONLY_CONNECTORS.match(text))


def starts_with_ordinal(text: str) -> bool:
    return bool(_ORDINAL_AT_START.match(text))


def strip_ordinal(text: str) -> str:
    return _ORDINAL_AT_START.sub("", text, count=1).strip()


_FUND_WORDS = re.compile(PROSE_PREFIX)


def amount_kind(text: str, default: str | None) -> str | None:
    """budget / actual / prior_year from the last such word: ``年初预算为`` → budget, ``决算为`` → actual.

    Fund names (``一般公共预算``) are not budget words and are removed first.
    """
    return prose_kind(_FUND_WORDS.sub("", text)) or default
