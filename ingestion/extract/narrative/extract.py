"""The narrative extractor: every amount a disclosure states in running text, as typed facts.

It walks the text in order, a paragraph at a time (lines wrapped mid-sentence are joined, see
``paragraphs``), keeping the section context (topic, fund source, heading); it reads each amount with
:func:`~ingestion.extract.narrative.reading.classify` and turns the reading into a fact with evidence
(the printed amount, its unit, the sentence, the locator of the line the amount is printed on).
Subjects named without codes are resolved at the end, once every sibling of a list is known, and a
list with one amount in an odd unit is checked against the sums (``units``).

Lines that belong to the table extractor are skipped: tab-separated rows and code lists printed as
lines (``2210201   住房公积金   79.53万元``), which ``ingestion.extract.tables.extract_code_lines`` reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from ingestion.document import TextLine
from ingestion.extract.facts import Evidence, Fact, IssueFact, ProjectFact, ThreePublicFact, TotalFact
from ingestion.extract.narrative import details, projects, totals
from ingestion.extract.narrative.context import Section, is_heading
from ingestion.extract.narrative.labels import Candidate, amount_kind, clean_label_text
from ingestion.extract.narrative.pairs import find_pairs
from ingestion.extract.narrative.paragraphs import Paragraph, is_table_line, paragraphs
from ingestion.extract.narrative.pending import PendingSubject, resolve_pending
from ingestion.extract.narrative.reading import SPEC_FAMILIES, Outcome, classify
from ingestion.extract.narrative.subject_names import lead_path
from ingestion.extract.narrative.text import Mention, clause_start, normalize, scan_numbers, sentence_span
from ingestion.extract.subjects import agency_section
from ingestion.vocabulary.amount_kinds import for_document, project_kind
from ingestion.vocabulary.breaks import SENTENCE_END
from ingestion.vocabulary.numerals import UNIT_FACTORS
from ingestion.vocabulary.percentages import percentage_kind

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SENTENCE_END = re.compile(SENTENCE_END)
_TOPIC_OF_FAMILY = {
    "three_public": "three_public",
    "procurement": "procurement",
    "office_operation": "office_operation",
}


@dataclass
class NarrativeResult:
    """Facts for the warehouse plus the numbers that are not amounts (for the reconciliation checks)."""

    facts: list[Fact] = field(default_factory=list)
    percentages: list[details.PercentageFact] = field(default_factory=list)
    changes: list[details.ChangeFact] = field(default_factory=list)
    staffing: list[details.StaffingFact] = field(default_factory=list)


@dataclass
class _Line:
    """One paragraph being read: its normalized copy and the state of the amounts read so far."""

    paragraph: Paragraph
    norm: str
    topic: str | None
    previous: Candidate | None = None
    subject: PendingSubject | None = None
    lead: str | None = None  # the path titling a numbered item (``subject_names.lead_path``)

    @property
    def text(self) -> str:
        return self.paragraph.text

    def locator(self, offset: int):
        return self.paragraph.line_at(offset).locator


class NarrativeExtraction:
    """State across the paragraphs of one document: section context, facts, subjects awaiting codes."""

    def __init__(
        self, doc_kind: str, default_unit: str, fiscal_year: int | None, agency_name: str | None = None
    ) -> None:
        self.doc_kind = doc_kind
        self.default_kind = "actual" if doc_kind == "final_account" else "budget"
        self.default_unit = default_unit
        self.fiscal_year = fiscal_year
        self.agency_section = agency_section(agency_name)
        self.section = Section()
        self.result = NarrativeResult()
        self.pending: list[PendingSubject] = []
        self.stated_yuan: set[Decimal] = set()

    # --- lines -------------------------------------------------------------------------------------

    def read(self, paragraph: Paragraph) -> None:
        if is_table_line(paragraph.text):
            return
        state = _Line(paragraph, normalize(paragraph.text), self.section.topic)
        state.lead = lead_path(state.norm)
        norm = state.norm
        self.result.staffing += details.staffing(state.text, paragraph.lines[0].locator)
        mentions = scan_numbers(norm)
        self._percentages(state, mentions)
        amounts = [m for m in mentions if m.kind in ("money", "bare")]
        self.stated_yuan |= {m.value * UNIT_FACTORS[m.unit] for m in amounts if m.unit}
        produced = self._project_line(state, amounts) if projects.find_project(norm) else None
        if produced is None:
            produced = self._amounts(state, mentions)
        if produced:
            self.section.leave_heading()
        elif not any(m.kind == "money" for m in mentions) and is_heading(norm):
            self.section.enter(norm)

    def _amounts(self, state: _Line, mentions: list[Mention]) -> bool:
        produced = False
        floor = 0
        paired = {pair.mention.start: pair.label for pair in find_pairs(state.norm, mentions)}
        for mention in mentions:
            if mention.kind in ("money", "bare"):
                start = clause_start(state.norm, mention.start, floor)
                label_text = clean_label_text(state.norm[start : mention.start])
                if mention.start in paired:  # ``收、支总计各是4125.49,4143.91万元``
                    label_text = paired[mention.start] + "为"
                if floor and not state.norm[floor : mention.start].strip() and mention.start not in paired:
                    produced |= self._glued(state, mention)
                else:
                    produced |= self._amount(state, mention, label_text)
            if mention.kind != "other":
                floor = mention.end
        return produced

    def _glued(self, state: _Line, mention: Mention) -> bool:
        """``较2022年决算数688.84万元131.49万元``: an amount printed right after another, with no word
        between, has lost its label (here 增加); it is left out, never given its neighbour's."""
        if mention.kind != "money":
            return False
        evidence = self._evidence(state, mention)
        self._issue(
            "narrative_amount_unlabelled",
            f"{evidence.reported_amount} is printed right after another amount with no words between: "
            "its label is missing",
            evidence,
        )
        return True

    def _amount(self, state: _Line, mention: Mention, label_text: str) -> bool:
        topics = {state.topic, self.section.topic}
        outcome = classify(label_text, topics, state.previous, state.lead or self.section.heading)
        if mention.kind == "bare" and not _bare_is_amount(outcome):
            return False
        evidence = self._evidence(state, mention)
        if mention.unit is None:
            self._issue(
                "narrative_unit_assumed",
                f"{evidence.reported_amount} is printed without a unit; "
                f"read as {evidence.reported_unit} from its sentence or the document",
                evidence,
            )
        if outcome.how == "change":
            self.result.changes.append(details.ChangeFact(label_text.strip(), outcome.detail, evidence))
        elif outcome.how == "project":
            self._listed_project(state, outcome.detail, evidence, label_text)
        elif outcome.how == "unlabelled":
            self._issue(
                "narrative_amount_unlabelled",
                f"{evidence.reported_amount}: no measure or subject recognised in '{outcome.detail}'",
                evidence,
            )
        else:
            opening = _sentence_opening(state.norm, mention.start)
            self._labelled(state, outcome, evidence, label_text, opening)
        return True

    # --- facts -------------------------------------------------------------------------------------

    def _labelled(self, state: _Line, outcome: Outcome, evidence: Evidence, label_text: str, opening: str) -> None:
        candidate = outcome.candidate
        kind = self._kind(candidate, label_text, outcome.source, opening)
        if candidate.family in ("functional", "economic"):
            self._subject(state, candidate, evidence, kind)
        elif candidate.family == "total" and candidate.key in totals.EXPENSE_PARTS and state.subject:
            self._subject_part(state, candidate, evidence, kind)
        else:
            self._spec_fact(candidate, evidence, kind)
        state.previous = candidate
        if state.topic in (None, self.section.topic):
            state.topic = _line_topic(candidate) or state.topic

    def _spec_fact(self, candidate: Candidate, evidence: Evidence, kind: str) -> None:
        if candidate.family == "not_measure":
            self._issue(
                "narrative_amount_without_measure",
                f"{evidence.reported_amount} is stated for "
                f"{candidate.key}, which has no measure in the warehouse vocabulary",
                evidence,
            )
        elif candidate.family == "three_public":
            self.result.facts.append(ThreePublicFact(evidence, candidate.key, kind))
        elif candidate.family == "total":
            measure, fund, reason = totals.measure_for(candidate, self.section.fund)
            if measure is None:
                self._issue("narrative_amount_without_measure", f"{evidence.reported_amount}: {reason}", evidence)
            else:
                self.result.facts.append(TotalFact(evidence, measure, kind, fund))
        else:
            self.result.facts.append(TotalFact(evidence, candidate.key, kind, "all"))

    def _subject(self, state: _Line, candidate: Candidate, evidence: Evidence, kind: str) -> None:
        pending = PendingSubject(
            evidence=evidence,
            scheme=candidate.family,
            name=candidate.key,
            path=candidate.payload,
            amount_kind=kind,
            fund_source=self.section.fund or "all",
            block=self.section.block,
            title=self.section.title,
        )
        self.pending.append(pending)
        if candidate.family == "functional":
            state.subject = pending

    def _subject_part(self, state: _Line, candidate: Candidate, evidence: Evidence, kind: str) -> None:
        """``行政运行…主要用于…人员支出274.66万元``: a part of the subject named first in the line."""
        part = replace(
            state.subject,
            evidence=evidence,
            amount_kind=kind,
            parent=state.subject,
            expense_type=totals.EXPENSE_PARTS[candidate.key],
        )
        self.pending.append(part)

    def _listed_project(self, state: _Line, name: str, evidence: Evidence, label_text: str) -> None:
        kind = amount_kind(label_text, None) or self.default_kind
        budget, actual = (evidence, None) if kind in ("budget", "budget_adjusted") else (None, evidence)
        self.result.facts.append(
            ProjectFact(name, None, budget, actual, evidence.locator, evidence.source_text, "narrative")
        )

    def _project_line(self, state: _Line, amounts: list[Mention]) -> bool:
        """A coded or quoted project sentence: its amounts are the project's budget and actual."""
        money = [m for m in amounts if m.kind == "money"]
        if not money:
            return False
        norm, kinds, floor = state.norm, [], 0
        for mention in money:
            kinds.append(project_kind(norm[clause_start(norm, mention.start, floor) : mention.start]))
            floor = mention.end
        placed = projects.place_amounts(projects.find_project(norm), kinds, [m.value for m in money])
        evidence = [self._evidence(state, m) for m in money]
        self.result.facts.append(
            ProjectFact(
                placed.name,
                placed.code,
                _at(evidence, placed.budget),
                _at(evidence, placed.actual),
                state.locator(0),
                state.text,
                "narrative",
            )
        )
        for index in placed.repeats:
            self._issue(
                "narrative_repeated_amount",
                f"{evidence[index].reported_amount} repeats an amount already taken for project {placed.name}",
                evidence[index],
            )
        for index in placed.unplaced:
            self._issue(
                "narrative_amount_unlabelled",
                f"{evidence[index].reported_amount} in the sentence on "
                f"project {placed.name} is neither its budget nor its actual",
                evidence[index],
            )
        return True

    # --- helpers -----------------------------------------------------------------------------------

    def _kind(self, candidate: Candidate, label_text: str, source: str, opening: str = "") -> str:
        """budget/actual/prior_year from the words around the label, else the document's kind.

        An amount stated for a year before the document's (``2019年预算数…`` in a 2020 budget) is the
        prior year's, whatever word follows; when its clause names no year, the years its sentence
        opened with count (``2021年的三公经费决算数合计为807.95万,其中:…公务接待费39.43万元`` in a
        2022 final account).
        """
        before = label_text if source != "own" else label_text[: candidate.start] + candidate.connectors
        years = [int(year) for year in _YEAR.findall(before) or _YEAR.findall(opening)]
        if self.fiscal_year and years and max(years) < self.fiscal_year:
            return "prior_year"
        if source == "own":
            found = (
                self._connector_kind(candidate.connectors)
                or amount_kind(before, None)
                or amount_kind(candidate.label, None)
            )
        else:
            found = amount_kind(before, None)
        return for_document(found, self.doc_kind) or self.default_kind

    def _connector_kind(self, connectors: str) -> str | None:
        """A kind word between the label and its amount outranks one before the label: ``安排的“三公”
        经费支出2.05万元`` in a final account states what was spent; there a bare 支出 is the actual."""
        found = amount_kind(connectors, None)
        if found is None and self.doc_kind == "final_account" and "支出" in connectors:
            return "actual"
        return found

    def _evidence(self, state: _Line, mention: Mention) -> Evidence:
        left, right = sentence_span(state.norm, mention.start, mention.end)
        unit = mention.unit or self._sentence_unit(state.norm[left:right])
        return Evidence(
            reported_amount=mention.printed(state.text),
            value=mention.value,
            reported_unit=unit,
            locator=state.locator(mention.start),
            source_text=state.text[left:right].strip(),
            method="narrative",
        )

    def _sentence_unit(self, sentence: str) -> str:
        units = [m.unit for m in scan_numbers(sentence) if m.kind == "money"]
        return units[0] if units else self.default_unit

    def _percentages(self, state: _Line, mentions: list[Mention]) -> None:
        for mention in mentions:
            if mention.kind == "percent":
                before = state.norm[clause_start(state.norm, mention.start) : mention.start]
                self.result.percentages.append(
                    details.PercentageFact(
                        percentage_kind(before),
                        mention.value,
                        mention.printed(state.text),
                        state.locator(mention.start),
                        state.text,
                    )
                )

    def _issue(self, kind: str, detail: str, evidence: Evidence) -> None:
        self.result.facts.append(IssueFact(kind, detail, evidence.locator, evidence.source_text))

    def finish(self) -> NarrativeResult:
        self.result.facts += resolve_pending(self.pending, self.stated_yuan, self.fiscal_year, self.agency_section)
        return self.result


def _sentence_opening(norm: str, position: int) -> str:
    """The words of the sentence (up to 。！？, semicolons included) holding ``position`` before its first
    amount: a year printed there dates every item of the sentence (``2016年度支出合计628万元,其中:…;
    项目支出398万元``), one printed after an amount (``…0.00万元,比2023年预算持平;…``) does not."""
    starts = [match.end() for match in _SENTENCE_END.finditer(norm, 0, position)]
    start = starts[-1] if starts else 0
    first = next((m.start for m in scan_numbers(norm[start:position]) if m.kind == "money"), position - start)
    return norm[start : start + first]


def _at(evidence: list[Evidence], index: int | None) -> Evidence | None:
    return None if index is None else evidence[index]


def _bare_is_amount(outcome: Outcome) -> bool:
    """A number without a unit is an amount only behind an explicit total/三公/采购 label."""
    return outcome.how == "label" and outcome.source == "own" and outcome.candidate.family in SPEC_FAMILIES


def _line_topic(candidate: Candidate) -> str | None:
    if candidate.family == "total" and candidate.key in totals.SECTION_FUNDED:
        return "basic"
    if candidate.family == "functional":
        return "subject"
    return _TOPIC_OF_FAMILY.get(candidate.family)


def extract_narrative_details(
    lines: list[TextLine],
    *,
    doc_kind: str,
    default_unit: str = "万元",
    fiscal_year: int | None = None,
    agency_name: str | None = None,
) -> NarrativeResult:
    """Facts plus the percentages, changes and headcounts printed in the prose."""
    extraction = NarrativeExtraction(doc_kind, default_unit, fiscal_year, agency_name)
    for paragraph in paragraphs(lines, keep=lambda line: not is_table_line(line.text)):
        extraction.read(paragraph)
    return extraction.finish()


def extract_narrative(lines: list[TextLine], **options: Any) -> list[Fact]:
    """Every amount stated in running text, as facts with evidence (see the package docstring).

    The keyword options are extract_narrative_details's: ``doc_kind`` (budget / final_account) sets the
    default amount kind; ``fiscal_year`` lets renamed subjects and earlier years' amounts be recognised;
    ``agency_name`` lets a bare 行政运行 take the agency's own 款 when nothing printed beside it decides.
    """
    return extract_narrative_details(lines, **options).facts
