"""From files to validated staging frames: the whole ingestion, with no Dagster in sight.

For each file: read it (in a worker process for formats that can blow up), identify it (agency, year,
kind), extract facts from tables and prose, merge facts that state the same thing twice, turn them
into frames and validate them with pandera. A document that fails any step is *rejected*: it gets a
row in the documents frame with the reason, and nothing else of it reaches the warehouse; the rest of
the batch carries on.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pandera.errors

from ingestion.errors import DocumentRejected, NotADisclosure, StagingValidationFailed
from ingestion.extract.facts import (
    Evidence,
    Fact,
    IssueFact,
    LineItemFact,
    ProjectFact,
    ThreePublicFact,
    TotalFact,
)
from ingestion.extract.metadata import DocumentMetadata, extract_metadata
from ingestion.extract.ratios import StatedRatioFact, extract_stated_ratios, stated_ratio_row
from ingestion.extract.tables import document_unit, extract_code_lines, extract_tables
from ingestion.isolation import read_document_isolated
from ingestion.readers import file_sha256, read_document, sniff_format
from ingestion.schemas import STAGING_FRAMES

PARSER_VERSION = "0.2.0"
SUPPORTED_SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".html", ".htm"}
logger = logging.getLogger(__name__)


@dataclass
class DocumentResult:
    """What ingestion made of one file: its documents row and, if parsed, its fact frames."""

    document_row: dict
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def is_rejected(self) -> bool:
        return self.document_row["status"] == "rejected"


@dataclass
class IngestionResult:
    frames: dict[str, pd.DataFrame]
    documents: list[DocumentResult]

    @property
    def rejected(self) -> list[DocumentResult]:
        return [result for result in self.documents if result.is_rejected]


def discover_documents(directories: Iterable[Path]) -> list[Path]:
    """Every regular, non-hidden file in the inbox folders (recursively), in a stable order."""
    found: dict[str, Path] = {}
    for directory in directories:
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and not path.is_symlink():
                found.setdefault(str(path.resolve()), path)
    return list(found.values())


def _read(path: Path, sha256: str):
    """PDFs are read in a memory- and time-limited worker (a crafted PDF can exhaust pdfminer)."""
    if sniff_format(path) == "pdf":
        return read_document_isolated(path, sha256)
    return read_document(path, sha256)


def extract_facts(document, metadata: DocumentMetadata) -> list[Fact]:
    """All facts of an identified document: tables, code lines, then prose sentences."""
    unit = document_unit(document)
    facts: list[Fact] = extract_tables(
        document, doc_kind=metadata.doc_kind, fiscal_year=metadata.fiscal_year, default_unit=unit
    )
    facts += extract_code_lines(document, doc_kind=metadata.doc_kind, default_unit=unit)
    facts += _narrative_facts(document, metadata, unit)
    facts += extract_stated_ratios(document.text_lines(), default_unit=unit)  # percentages, for issue 5
    return facts


def _narrative_facts(document, metadata: DocumentMetadata, unit: str) -> list[Fact]:
    from ingestion.extract.narrative import extract_narrative

    return extract_narrative(
        document.text_lines(),
        doc_kind=metadata.doc_kind,
        default_unit=unit,
        fiscal_year=metadata.fiscal_year,
        agency_name=metadata.agency_name,
    )


def _base_row(path: Path, sha256: str) -> dict:
    return {
        "document_id": sha256[:16],
        "source_file": path.name,
        "source_path": str(path),
        "source_format": sniff_format(path) if path.stat().st_size else "unknown",
        "sha256": sha256,
        "page_count": None,
        "parser_version": PARSER_VERSION,
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "status": "parsed",
        "rejection_reason": None,
        "rejection_detail": None,
        "agency_name": None,
        "short_name": None,
        "fiscal_year": None,
        "doc_kind": None,
        "metadata_source": None,
    }


def _identify(document, path: Path) -> DocumentMetadata:
    metadata = extract_metadata(document)
    missing = [
        label
        for label, value in (
            ("agency", metadata.agency_name),
            ("fiscal year", metadata.fiscal_year),
            ("budget/final-account kind", metadata.doc_kind),
        )
        if value is None
    ]
    if missing:
        raise NotADisclosure(
            path.name,
            f"could not find the {', '.join(missing)} of this document; if it is a 部门预算/决算 disclosure, "
            "check that its title (单位名称 + 年度 + 部门预算/决算) is printed as text, not as an image.",
        )
    return metadata


def ingest_document(path: Path) -> DocumentResult:
    """Read, identify, extract and validate one file; any failure becomes a rejected row."""
    sha256 = file_sha256(path)
    row = _base_row(path, sha256)
    try:
        document = _read(path, sha256)
        row["page_count"] = document.page_count
        metadata = _identify(document, path)
        row.update(
            agency_name=metadata.agency_name,
            short_name=metadata.short_name,
            fiscal_year=metadata.fiscal_year,
            doc_kind=metadata.doc_kind,
            metadata_source=metadata.source,
        )
        facts = merge_statements(extract_facts(document, metadata))
        frames = facts_to_frames(row["document_id"], facts)
        return DocumentResult(row, validate_frames(frames, path.name))
    except DocumentRejected as rejection:
        row.update(status="rejected", rejection_reason=rejection.reason, rejection_detail=rejection.message)
        return DocumentResult(row)


def ingest(paths: list[Path], progress: Callable[[int, int, DocumentResult], None] | None = None) -> IngestionResult:
    """Ingest a batch; ``progress(done, total, result)`` is called after each file (long runs show it)."""
    results: list[DocumentResult] = []
    seen: set[str] = set()
    for index, path in enumerate(paths, start=1):
        result = ingest_document(path)
        if result.document_row["document_id"] in seen:  # the same bytes under two names: read once
            continue
        seen.add(result.document_row["document_id"])
        results.append(result)
        if progress:
            progress(index, len(paths), result)
    return IngestionResult(_concatenate(results), results)


def _concatenate(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    frames: dict[str, pd.DataFrame] = {
        "documents": pd.DataFrame([result.document_row for result in results], columns=_columns("documents"))
    }
    for name in STAGING_FRAMES:
        if name == "documents":
            continue
        parts = [result.frames[name] for result in results if name in result.frames and len(result.frames[name])]
        frames[name] = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=_columns(name))
    frames["documents"] = frames["documents"].astype({"page_count": "Int64", "fiscal_year": "Int64"})
    frames.update(validate_frames({"documents": frames["documents"]}, "the documents frame"))
    return frames


def _columns(name: str) -> list[str]:
    return list(STAGING_FRAMES[name].to_schema().columns)


# --- facts → frames -------------------------------------------------------------------------------


def _grain(fact: Fact) -> tuple | None:
    if isinstance(fact, LineItemFact):
        return ("line", fact.functional_subject_code, fact.economic_subject_code, fact.expense_type,
                fact.fund_source, fact.amount_kind)  # fmt: skip
    if isinstance(fact, TotalFact):
        return ("total", fact.measure, fact.amount_kind, fact.fund_source)
    if isinstance(fact, ThreePublicFact):
        return ("three_public", fact.category, fact.amount_kind)
    if isinstance(fact, ProjectFact):
        amounts = tuple(e.amount_yuan if e else None for e in (fact.budget, fact.actual))
        return ("project", fact.project_name.replace(" ", ""), *amounts)
    return None


def merge_statements(facts: list[Fact]) -> list[Fact]:
    """One fact per statement: the same amount for the same grain, printed twice, is kept once.

    The duplicates' locators are remembered (``other_source_locators``) so both sources stay visible.
    When two statements of the same grain disagree, both are kept and an issue records the conflict,
    for the reconciliation checks to report.
    """
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    merged: list[Fact] = []
    for fact in facts:
        grain = _grain(fact)
        if grain is None:
            merged.append(fact)
        else:
            groups[grain].append(fact)
    for grain, group in groups.items():
        by_amount: dict = defaultdict(list)
        for fact in group:
            by_amount[_statement_amount(fact)].append(fact)
        for same in by_amount.values():
            merged.append(_with_corroboration(same))
        if len(by_amount) > 1:
            merged.append(_conflict_issue(grain, group))
    return merged


def _statement_amount(fact: Fact):
    """What must agree for two statements of one grain to be the same statement."""
    return _grain(fact)[2:] if isinstance(fact, ProjectFact) else fact.evidence.amount_yuan


def _place(fact: Fact):
    return fact.locator if isinstance(fact, ProjectFact) else fact.evidence.locator


@dataclass(frozen=True)
class _Corroborated:
    fact: Fact
    other_locators: tuple[str, ...]


def _primary_first(fact: Fact) -> tuple[bool, bool]:
    """The statement kept as primary: a table before prose, a printed code before a resolved name."""
    method = fact.method if isinstance(fact, ProjectFact) else fact.evidence.method
    return (method != "table", getattr(fact, "code_source", "printed") != "printed")


def _with_corroboration(same: list[Fact]) -> Fact | _Corroborated:
    if len(same) == 1:
        return same[0]
    same = sorted(same, key=_primary_first)
    return _Corroborated(same[0], tuple(str(_place(fact)) for fact in same[1:]))


def _conflict_issue(grain: tuple, group: list[Fact]) -> IssueFact:
    statements = "; ".join(f"{fact.evidence.reported_amount} at {fact.evidence.locator}" for fact in group)
    return IssueFact(
        "conflicting_statements",
        f"the document states different amounts for {'/'.join(str(part) for part in grain if part)}: {statements}",
        group[0].evidence.locator,
        group[0].evidence.source_text,
    )


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
    }


def _line_item_id(document_id: str, *parts) -> str:
    return hashlib.sha1("|".join([document_id, *map(str, parts)]).encode()).hexdigest()[:16]


def _fact_row(document_id: str, item: Fact | _Corroborated) -> tuple[str, dict] | None:
    fact, others = (item.fact, item.other_locators) if isinstance(item, _Corroborated) else (item, ())
    if isinstance(fact, IssueFact):
        return "extraction_issues", {
            "document_id": document_id,
            "issue_kind": fact.issue_kind,
            "detail": fact.detail,
            "source_locator": str(fact.locator) if fact.locator else None,
            "source_text": fact.source_text,
        }
    if isinstance(fact, ProjectFact):
        return "projects", dict(_project_row(document_id, fact), other_source_locators="; ".join(others) or None)
    if isinstance(fact, StatedRatioFact):
        return "stated_ratios", stated_ratio_row(document_id, fact)
    columns = _amount_columns(document_id, fact.evidence, others)
    if columns is None:
        return None
    if isinstance(fact, LineItemFact):
        columns.update(
            line_item_id=_line_item_id(document_id, *_grain(fact), fact.evidence.locator, fact.evidence.amount_yuan),
            functional_subject_code=fact.functional_subject_code,
            economic_subject_code=fact.economic_subject_code,
            subject_name=fact.subject_name,
            expense_type=fact.expense_type,
            fund_source=fact.fund_source,
            amount_kind=fact.amount_kind,
            code_source=fact.code_source,
            table_title=fact.table_title,
        )
        return "line_items", columns
    if isinstance(fact, TotalFact):
        columns.update(measure=fact.measure, amount_kind=fact.amount_kind, fund_source=fact.fund_source)
        return "reported_totals", columns
    columns.update(category=fact.category, amount_kind=fact.amount_kind)
    return "three_public_expenses", columns


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
        "amount_locators": "; ".join(
            f"{kind}: {evidence.locator}"
            for kind, evidence in (("budget", fact.budget), ("actual", fact.actual))
            if evidence is not None and evidence.locator != fact.locator
        )
        or None,
    }


def facts_to_frames(document_id: str, facts: list[Fact | _Corroborated]) -> dict[str, pd.DataFrame]:
    rows: dict[str, list[dict]] = defaultdict(list)
    for fact in facts:
        converted = _fact_row(document_id, fact)
        if converted is None:
            rows["extraction_issues"].append(_unconvertible(document_id, fact))
            continue
        name, row = converted
        rows[name].append(row)
    return {
        name: pd.DataFrame(rows.get(name, []), columns=_columns(name)) for name in STAGING_FRAMES if name != "documents"
    }


def _unconvertible(document_id: str, item) -> dict:
    fact = item.fact if isinstance(item, _Corroborated) else item
    return {
        "document_id": document_id,
        "issue_kind": "amount_not_exact",
        "detail": (
            f"{fact.evidence.reported_amount} {fact.evidence.reported_unit} is not a whole number of fen; left out"
        ),
        "source_locator": str(fact.evidence.locator),
        "source_text": fact.evidence.source_text,
    }


def validate_frames(frames: dict[str, pd.DataFrame], source_file: str) -> dict[str, pd.DataFrame]:
    """pandera with ``lazy=True``; the error names the file, the frame, the columns and failing values.

    Returns the validated (dtype-coerced) frames.
    """
    problems = []
    validated: dict[str, pd.DataFrame] = {}
    for name, frame in frames.items():
        try:
            validated[name] = STAGING_FRAMES[name].validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as errors:
            cases = errors.failure_cases
            for _, case in cases.head(20).iterrows():
                problems.append(f"{name}.{case['column']}: {case['check']} failed for {case['failure_case']!r}")
    if problems:
        raise StagingValidationFailed(source_file, "staging validation failed: " + "; ".join(problems))
    return validated
