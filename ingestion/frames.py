"""Facts → staging frames: one row per statement, in the columns of the pandera models.

The mapping lives apart from the per-document flow (``ingestion.pipeline``) so that adding a fact
kind means one branch here and one model in ``ingestion.schemas``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import pandas as pd
import pandera.errors

from ingestion.document import placement, sourced
from ingestion.errors import StagingValidationFailed
from ingestion.extract.agency_names import PrintedName, printed_name_row
from ingestion.extract.facts import (
    Evidence,
    Fact,
    IncomeFact,
    IssueFact,
    LineItemFact,
    ProcurementLineFact,
    ProjectFact,
    TotalFact,
)
from ingestion.extract.narrative.comparisons import StatedComparisonFact, stated_comparison_row
from ingestion.extract.narrative.ratios import StatedRatioFact, stated_ratio_row
from ingestion.extract.statements import Corroborated, grain
from ingestion.extract.structure import SectionFact, section_row
from ingestion.extract.wording import SentenceFlagFact, sentence_flag_row
from ingestion.schemas import STAGING_FRAMES
from ingestion.validation import validate_frame, validate_together


def frame_columns(name: str) -> list[str]:
    return list(STAGING_FRAMES[name].to_schema().columns)


def python_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Every value a Python object and every null ``None``, as DuckDB's pandas scan and ``str()`` want them.

    Column by column: ``frame.astype(object).where(frame.notna(), None)`` does the same at three
    times the cost.
    """
    columns = {column: frame[column].to_numpy(dtype=object, na_value=None) for column in frame.columns}
    return pd.DataFrame(columns, index=frame.index, columns=frame.columns, dtype=object)


def python_records(frame: pd.DataFrame) -> list[dict]:
    """The rows of ``frame`` as plain dicts, every value a Python object and every null ``None``: the values
    ``frame.astype(object).where(frame.notna(), None).to_dict("records")`` gives (pandas' floats for
    DuckDB's decimals, ``Timestamp`` for timestamps), column by column and without pandas' per-value boxing.
    The report pages, the agency pages and the precision check read rows this way."""
    names = list(frame.columns)
    columns = []
    for name in names:
        column = frame[name]
        values = column.to_numpy(dtype=object, copy=True)  # na_value=None would leave a timestamp NaT
        missing = column.isna().to_numpy()
        if missing.any():
            values[missing] = None
        columns.append(values)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _amount_columns(document_id: str, evidence: Evidence, others: tuple[str, ...] = ()) -> dict | None:
    yuan = evidence.amount_yuan
    if yuan is None:
        return None
    return {
        "document_id": document_id,
        "amount_yuan": f"{yuan:.2f}",
        "reported_amount": evidence.reported_amount,
        "reported_unit": evidence.reported_unit,
        "source_locator": str(evidence.locator),
        "source_text": evidence.source_text,
        "extraction_method": evidence.method,
        "other_source_locators": "; ".join(others) or None,
        **placement(evidence.locator),
    }


def _line_item_id(document_id: str, *parts) -> str:
    return hashlib.sha1("|".join([document_id, *map(str, parts)]).encode()).hexdigest()[:16]


def _fact_row(document_id: str, item: Fact | Corroborated) -> tuple[str, dict] | None:
    fact, others = (item.fact, item.other_locators) if isinstance(item, Corroborated) else (item, ())
    if isinstance(fact, IssueFact):
        return "extraction_issues", {
            "document_id": document_id,
            "issue_kind": fact.issue_kind,
            "detail": fact.detail,
            "source_locator": str(fact.locator) if fact.locator else None,
            "source_text": fact.source_text,
            **placement(fact.locator),
        }
    if isinstance(fact, ProjectFact):
        return "projects", dict(_project_row(document_id, fact), other_source_locators="; ".join(others) or None)
    if isinstance(fact, StatedRatioFact):
        return "stated_ratios", stated_ratio_row(document_id, fact)
    if isinstance(fact, SectionFact):
        return "document_sections", section_row(document_id, fact)
    if isinstance(fact, SentenceFlagFact):
        return "sentence_flags", sentence_flag_row(document_id, fact)
    if isinstance(fact, PrintedName):
        return "agency_names", printed_name_row(document_id, fact)
    if isinstance(fact, StatedComparisonFact):
        return "stated_comparisons", stated_comparison_row(document_id, fact)
    columns = _amount_columns(document_id, fact.evidence, others)
    if columns is None:
        return None
    if isinstance(fact, LineItemFact):
        columns.update(
            line_item_id=_line_item_id(document_id, *grain(fact), fact.evidence.locator, fact.evidence.amount_yuan),
            economic_subject_code=fact.economic_subject_code,
            expense_type=fact.expense_type,
            fund_source=fact.fund_source,
            code_source=fact.code_source,
            prose_expense_scope=fact.prose_expense_scope,
            prose_fund_source=fact.prose_fund_source,
            **_subject_row_columns(fact),
        )
        return "line_items", columns
    if isinstance(fact, IncomeFact):
        identity = (*grain(fact), fact.evidence.locator, fact.evidence.amount_yuan)
        columns.update(
            income_line_item_id=_line_item_id(document_id, *identity),
            income_source=fact.income_source,
            parent_income_source=fact.parent_income_source,
            unit_code=fact.unit_code,
            unit_name=fact.unit_name,
            **_subject_row_columns(fact),
        )
        return "income_line_items", columns
    if isinstance(fact, ProcurementLineFact):
        columns.update(
            procurement_kind=fact.procurement_kind,
            line_level=fact.line_level,
            project_name=fact.project_name,
            economic_subject_name=fact.economic_subject_name,
            item_name=fact.item_name,
            organisation_form=fact.organisation_form,
            amount_kind=fact.amount_kind,
            table_title=fact.table_title,
        )
        return "procurement_line_items", columns
    if isinstance(fact, TotalFact):
        columns.update(measure=fact.measure, amount_kind=fact.amount_kind, fund_source=fact.fund_source)
        return "reported_totals", columns
    columns.update(category=fact.category, amount_kind=fact.amount_kind)
    return "three_public_expenses", columns


def _subject_row_columns(fact: LineItemFact | IncomeFact) -> dict:
    """What an expenditure and an income line item both say of their table row (the frames order the columns)."""
    return {
        "functional_subject_code": fact.functional_subject_code,
        "subject_name": fact.subject_name,
        "amount_kind": fact.amount_kind,
        "table_title": fact.table_title,
    }


def _project_row(document_id: str, fact: ProjectFact) -> dict:
    budget = fact.budget.amount_yuan if fact.budget else None
    actual = fact.actual.amount_yuan if fact.actual else None
    unit = (fact.budget or fact.actual).reported_unit if (fact.budget or fact.actual) else "万元"
    return {
        "document_id": document_id,
        "project_code": fact.project_code,
        "project_name": fact.project_name,
        "budget_yuan": None if budget is None else f"{budget:.2f}",
        "actual_yuan": None if actual is None else f"{actual:.2f}",
        "reported_unit": unit,
        "source_locator": str(fact.locator),
        "source_text": fact.source_text,
        "extraction_method": fact.method,
        **placement(fact.locator),
        "amount_locators": "; ".join(
            f"{kind}: {evidence.locator}"
            for kind, evidence in (("budget", fact.budget), ("actual", fact.actual))
            if evidence is not None and evidence.locator != fact.locator
        )
        or None,
    }


def facts_to_frames(document_id: str, facts: list[Fact | Corroborated]) -> dict[str, pd.DataFrame]:
    rows: dict[str, list[dict]] = defaultdict(list)
    for fact in facts:
        converted = _fact_row(document_id, fact)
        if converted is None:
            rows["extraction_issues"].append(_unconvertible(document_id, fact))
            continue
        name, row = converted
        rows[name].append(row)
    return {
        name: pd.DataFrame(rows.get(name, []), columns=frame_columns(name))
        for name in STAGING_FRAMES
        if name != "documents"
    }


def _unconvertible(document_id: str, item) -> dict:
    fact = item.fact if isinstance(item, Corroborated) else item
    return {
        "document_id": document_id,
        "issue_kind": "amount_not_exact",
        "detail": (
            f"{fact.evidence.reported_amount} {fact.evidence.reported_unit} is not a whole number of fen; left out"
        ),
        **sourced(fact.evidence.locator, fact.evidence.source_text),
    }


def validate_frames(
    frames: dict[str, pd.DataFrame], source_file: str, together: dict[str, pd.DataFrame] | None = None
) -> dict[str, pd.DataFrame]:
    """pandera with ``lazy=True``; the error names the file, the frame, the columns and failing values.

    Returns the validated (dtype-coerced) frames. A valid frame takes the shortcut of
    ``ingestion.validation`` (pandera's result, a fraction of its time); any failure is pandera's own.
    ``together``: frames of this document already validated with other documents' (:func:`validate_documents`).
    """
    problems = []
    validated: dict[str, pd.DataFrame] = {}
    for name, frame in frames.items():
        if together and name in together:
            validated[name] = together[name]
            continue
        try:
            validated[name] = validate_frame(name, frame)
        except pandera.errors.SchemaErrors as errors:
            cases = errors.failure_cases
            for _, case in cases.head(20).iterrows():
                problems.append(f"{name}.{case['column']}: {case['check']} failed for {case['failure_case']!r}")
    if problems:
        raise StagingValidationFailed(source_file, "staging validation failed: " + "; ".join(problems))
    return validated


def validate_documents(documents: list[dict[str, pd.DataFrame]]) -> list[dict[str, pd.DataFrame]]:
    """For each document's frames, those that passed validation together with the other documents'.

    One validation per frame kind over the non-empty frames of all ``documents``
    (:func:`ingestion.validation.validate_together`); a kind whose union does not pass is left out for
    every document, so that :func:`validate_frames` validates (and, if need be, rejects) each alone.
    """
    passed: list[dict[str, pd.DataFrame]] = [{} for _ in documents]
    for name in dict.fromkeys(name for frames in documents for name in frames):
        holders = [index for index, frames in enumerate(documents) if name in frames and len(frames[name])]
        pieces = validate_together(name, [documents[index][name] for index in holders]) if holders else None
        if pieces is not None:
            for index, piece in zip(holders, pieces, strict=True):
                passed[index][name] = piece
    return passed
