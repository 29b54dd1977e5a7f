"""From files to validated staging frames: the whole ingestion, with no Dagster in sight.

For each file: read it (in a worker process for formats that can blow up), identify it (agency, year,
kind), extract facts from tables and prose, merge facts that state the same thing twice, turn them
into frames and validate them with pandera. A document that fails any step is *rejected*: it gets a
row in the documents frame with the reason, and nothing else of it reaches the warehouse; the rest of
the batch carries on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ingestion.discovery import SkipReason, discover_documents, display_name, path_sha256, skip_reason
from ingestion.duplicates import DuplicateFilter, content_fingerprint
from ingestion.errors import DocumentRejected, NotADisclosure, ReaderFailed, UnreadableFile
from ingestion.extract.agency_names import PrintedName, identity_columns, resolve_document_agency
from ingestion.extract.empty_statements import extract_empty_statements
from ingestion.extract.facts import AMOUNT_FACTS, Fact, IssueFact
from ingestion.extract.metadata import DocumentMetadata, extract_metadata
from ingestion.extract.narrative import extract_narrative
from ingestion.extract.narrative.comparisons import extract_stated_comparisons
from ingestion.extract.narrative.ratios import extract_stated_ratios
from ingestion.extract.statements import merge_statements
from ingestion.extract.structure import extract_sections
from ingestion.extract.tables import document_unit, extract_code_lines, extract_tables
from ingestion.extract.wording import extract_sentence_flags
from ingestion.frames import facts_to_frames, frame_columns, validate_documents, validate_frames
from ingestion.isolation import IN_PROCESS_TEXT_BYTES, read_document_isolated
from ingestion.readers import file_sha256, read_document, sniff_format
from ingestion.readers.web_forms import NOTES, prepare
from ingestion.schemas import STAGING_FRAMES

# 0.8.0: line_items.prose_expense_scope / prose_fund_source, subject_mention sentence flags, the
# procurement_line_items frame (政府采购 item tables), income by 单位 (unit_code / unit_name), every county
# of China in admin_divisions.csv, agency_place_ambiguous issues; 0.7.0: the stated_comparisons frame;
# 0.6.0: canonical agency (bump too when admin_divisions.csv changes); 0.5.0: income line items; 0.4.0:
# document_sections and sentence_flags frames
PARSER_VERSION = "0.8.0"
__all__ = ["DocumentResult", "IngestionResult", "discover_documents", "ingest", "ingest_document", "ingest_documents"]
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


def _read(path: Path, sha256: str):
    """Every format that can blow up is read in a memory- and time-limited worker; small text in-process."""
    source_format = sniff_format(path)
    if source_format in {"txt", "unknown"} and path.stat().st_size <= IN_PROCESS_TEXT_BYTES:
        return read_document(path, sha256)
    return read_document_isolated(path, sha256)


def extract_facts(document, metadata: DocumentMetadata) -> list[Fact]:
    """All facts of an identified document: tables, code lines, then prose sentences."""
    unit = document_unit(document)
    facts: list[Fact] = extract_tables(
        document, doc_kind=metadata.doc_kind, fiscal_year=metadata.fiscal_year, default_unit=unit
    )
    facts += extract_code_lines(document, doc_kind=metadata.doc_kind, default_unit=unit)
    facts += _narrative_facts(document, metadata, unit)
    facts += extract_stated_ratios(document.text_lines(), default_unit=unit)  # stated percentages
    facts += extract_stated_comparisons(document.text_lines(), default_unit=unit)  # 决算数小于预算数 …
    facts += extract_empty_statements(document)  # "此表为空表": empty on purpose, not missing
    facts += extract_sections(document)  # the contents page and the printed tables' titles
    facts += extract_sentence_flags(document)  # wording a reviewer flags (placeholders, bare figures …)
    return facts


def _narrative_facts(document, metadata: DocumentMetadata, unit: str) -> list[Fact]:
    return extract_narrative(
        document.text_lines(),
        doc_kind=metadata.doc_kind,
        default_unit=unit,
        fiscal_year=metadata.fiscal_year,
        agency_name=metadata.agency_name,
    )


def file_modified_at(path: Path) -> str | None:
    """The file's modification time (ISO-8601, UTC): which of two versions of a disclosure is newer.

    ``None`` for an entry that cannot be stat-ed (a dangling link, a vanished file): it is skipped or
    rejected anyway.
    """
    try:
        modified = path.lstat().st_mtime if path.is_symlink() else path.stat().st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(modified, UTC).isoformat(timespec="seconds")


def _base_row(path: Path, sha256: str, source_format: str = "unknown") -> dict:
    return {
        "document_id": sha256[:16],
        "source_file": display_name(path.name),
        "source_path": display_name(path),
        "source_format": source_format,
        "sha256": sha256,
        "page_count": None,
        "parser_version": PARSER_VERSION,
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "file_modified_at": file_modified_at(path),
        "status": "parsed",
        "rejection_reason": None,
        "rejection_detail": None,
        "agency_name": None,
        "short_name": None,
        "fiscal_year": None,
        "doc_kind": None,
        "metadata_source": None,
        **identity_columns(None),
        "content_fingerprint": None,
    }


def _format_of(path: Path) -> str:
    try:
        return sniff_format(path) if path.stat().st_size else "unknown"
    except Exception:  # noqa: BLE001 - a file that cannot even be sniffed is rejected by the reader
        return "unknown"


def _identify(document, path: Path) -> tuple[DocumentMetadata, list[str]]:
    """The document's metadata and the fields it lacks.

    Without its kind (预算 or 决算) no amount can be told budget from actual, so that is a rejection; a
    missing agency or year is not (a web page cut before its title still states its figures): the
    fields stay empty and :func:`_identity_issue` records what is missing.
    """
    metadata = extract_metadata(document)
    missing = [label for label, value in _identity_fields(metadata) if value is None]
    if metadata.doc_kind is None:
        raise NotADisclosure(
            path.name,
            f"could not find the {', '.join(missing)} of this document; if it is a 部门预算/决算 disclosure, "
            "check that its title (单位名称 + 年度 + 部门预算/决算) is printed as text, not as an image.",
        )
    return metadata, missing


def _identity_fields(metadata: DocumentMetadata) -> tuple:
    return (
        ("agency", metadata.agency_name),
        ("fiscal year", metadata.fiscal_year),
        ("budget/final-account kind", metadata.doc_kind),
    )


def _identity_issue(document, missing: list[str]) -> IssueFact:
    first = next((line for line in document.text_lines() if line.text.strip()), None)
    return IssueFact(
        "document_identity_incomplete",
        f"the {' and '.join(missing)} of this document could not be found in its title or body; "
        "left empty (the figures it states are kept)",
        first.locator if first else None,
        first.text.strip()[:200] if first else None,
    )


def _unique(printed: list[PrintedName]) -> list[PrintedName]:
    """One row per name, role and place (a line may print the same name twice)."""
    return list({(name.printed_name, name.role, str(name.locator)): name for name in printed}.values())


def _states_figures(facts: list[Fact]) -> bool:
    return any(isinstance(fact, AMOUNT_FACTS) for fact in facts)


def ingest_document(path: Path) -> DocumentResult:
    """Read, identify, extract and validate one inbox entry; every outcome is a documents row.

    An entry that is not a regular file is ``skipped``; a file that cannot be opened, read, identified
    or validated is ``rejected`` with the reason, and so is one on which any reader or extractor raised
    anything at all (the traceback goes to the log): one bad file never stops the batch.
    """
    return ingest_documents([path])[0]


def ingest_documents(paths: list[Path]) -> list[DocumentResult]:
    """:func:`ingest_document` of each path, with the frames of all of them validated together.

    The results are those of one call per path (same rows, frames and rejections): validating a frame
    kind once for many documents only saves pandas' per-frame overhead, and a document whose frames do
    not pass with the others' is validated alone (:func:`ingestion.frames.validate_documents`). Each
    file is still read on its own, PDFs in their memory- and time-limited worker.
    """
    extracted = [_extract(path) for path in paths]
    pending = [item for item in extracted if isinstance(item, _Extracted)]
    together = dict(zip(map(id, pending), validate_documents([item.frames for item in pending]), strict=True))
    return [
        _guarded(item.row, lambda item=item: item.finish(together[id(item)])) if isinstance(item, _Extracted) else item
        for item in extracted
    ]


@dataclass
class _Extracted:
    """A document read and turned into (unvalidated) frames, waiting for validation."""

    path: Path
    row: dict
    frames: dict[str, pd.DataFrame]

    def finish(self, together: dict[str, pd.DataFrame]) -> DocumentResult:
        frames = validate_frames(self.frames, self.path.name, together)
        self.row["content_fingerprint"] = content_fingerprint(self.row, frames)
        return DocumentResult(self.row, frames)


def _extract(path: Path) -> _Extracted | DocumentResult:
    """The document's frames before validation, or its final (skipped or rejected) result."""
    skipped = skip_reason(path)
    if skipped is not None:
        return _skipped(path, skipped)
    try:
        sha256 = file_sha256(path)
    except OSError as error:
        return _rejected(_base_row(path, path_sha256(path)), UnreadableFile(display_name(path.name), _os_detail(error)))
    row = _base_row(path, sha256, _format_of(path))
    return _guarded(row, lambda: _Extracted(path, row, _frames(path, sha256, row)))


def _frames(path: Path, sha256: str, row: dict) -> dict[str, pd.DataFrame]:
    """Read, identify and extract the document, filling in ``row``; its frames, not yet validated."""
    document, steps = prepare(_read(path, sha256))
    row["page_count"] = document.page_count
    metadata, missing = _identify(document, path)
    agency = resolve_document_agency(document, metadata)
    row.update(
        agency_name=metadata.agency_name,
        short_name=metadata.short_name,
        fiscal_year=metadata.fiscal_year,
        doc_kind=metadata.doc_kind,
        metadata_source=metadata.source,
        **identity_columns(agency.identity),
    )
    facts = merge_statements(extract_facts(document, metadata)) + _unique(agency.printed) + agency.issues
    if missing:
        if not _states_figures(facts):
            raise NotADisclosure(
                path.name,
                f"could not find the {', '.join(missing)} of this document and it states no budget "
                "figures; if it is a 部门预算/决算 disclosure, check that its text is readable.",
            )
        facts.append(_identity_issue(document, missing))
    facts += [IssueFact(step, NOTES[step]) for step in steps]
    return facts_to_frames(row["document_id"], facts)


def _guarded(row: dict, step: Callable):
    """``step()``, or the document's rejection when it raises anything at all."""
    try:
        return step()
    except DocumentRejected as rejection:
        return _rejected(row, rejection)
    except OSError as error:
        return _rejected(row, UnreadableFile(row["source_file"], _os_detail(error)))
    except Exception as error:  # noqa: BLE001 - a bug or a pathological file: a row, never a crash
        logger.exception("%s: unexpected failure while reading or extracting", row["source_file"])
        detail = f"reading or extracting failed ({type(error).__name__}: {str(error)[:300]}); report this file."
        return _rejected(row, ReaderFailed(row["source_file"], detail))


def _rejected(row: dict, rejection: DocumentRejected) -> DocumentResult:
    row.update(status="rejected", rejection_reason=rejection.reason, rejection_detail=rejection.message)
    logger.warning("%s: rejected (%s): %s", row["source_file"], rejection.reason, rejection.message)
    return DocumentResult(row)


def _skipped(path: Path, reason: SkipReason) -> DocumentResult:
    row = _base_row(path, path_sha256(path))
    row.update(status="skipped", rejection_reason=reason.code, rejection_detail=reason.detail)
    logger.warning("%s: skipped (%s): %s", row["source_path"], reason.code, reason.detail)
    return DocumentResult(row)


def _os_detail(error: OSError) -> str:
    return f"the file could not be read ({error.strerror or error}); check its permissions and that it still exists."


def ingest(paths: list[Path], progress: Callable[[int, int, DocumentResult], None] | None = None) -> IngestionResult:
    """Ingest a batch; ``progress(done, total, result)`` is called after each file (long runs show it)."""
    results: list[DocumentResult] = []
    duplicates = DuplicateFilter()  # the same content under two names, encodings or formats: read once
    for index, path in enumerate(paths, start=1):
        result = duplicates.admit(ingest_document(path))
        results.append(result)
        if progress:
            progress(index, len(paths), result)
    return IngestionResult(_concatenate(results), results)


def _concatenate(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    frames: dict[str, pd.DataFrame] = {
        "documents": pd.DataFrame([result.document_row for result in results], columns=frame_columns("documents"))
    }
    for name in STAGING_FRAMES:
        if name == "documents":
            continue
        parts = [result.frames[name] for result in results if name in result.frames and len(result.frames[name])]
        frames[name] = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=frame_columns(name))
    frames["documents"] = frames["documents"].astype({"page_count": "Int64", "fiscal_year": "Int64"})
    frames.update(validate_frames({"documents": frames["documents"]}, "the documents frame"))
    return frames
