"""One disclosure, one document: later copies of the same content become ``duplicate`` rows.

Two kinds of copy reach an inbox. The same bytes under two names (a re-download) have the same
SHA-256. The same disclosure re-encoded (a GBK and a UTF-8 export) or in another format (the portal's
HTML page and its Word file) has different bytes but the same agency, year, kind and facts: its
:func:`content_fingerprint` is equal. Reading either twice would double that agency's line items, so the
first in discovery order is kept and every later copy gets a documents row with
``status = 'duplicate'`` naming the kept document, and none of its facts.

The fingerprint lives in the documents row (``content_fingerprint``), so a batch driver that keeps
only rows in memory can apply :class:`DuplicateFilter` to rows just as well.
"""

from __future__ import annotations

import hashlib
import logging

import pandas as pd

from ingestion.frames import python_values

logger = logging.getLogger(__name__)

# What a fact says, without where it was printed: equal across encodings and formats of one disclosure.
FACT_COLUMNS = {
    "line_items": ["functional_subject_code", "economic_subject_code", "expense_type", "fund_source",
                   "amount_kind", "amount_yuan"],
    "income_line_items": ["functional_subject_code", "income_source", "parent_income_source", "amount_kind",
                          "unit_name", "amount_yuan"],
    "reported_totals": ["measure", "amount_kind", "fund_source", "amount_yuan"],
    "procurement_line_items": ["procurement_kind", "line_level", "amount_kind", "amount_yuan"],
    "three_public_expenses": ["category", "amount_kind", "amount_yuan"],
    "projects": ["project_name", "budget_yuan", "actual_yuan"],
}  # fmt: skip


def content_fingerprint(row: dict, frames: dict[str, pd.DataFrame]) -> str | None:
    """SHA-256 of the identity and the facts of a parsed document; None when it has no facts."""
    parts = [f"{row.get('agency_name')}|{row.get('fiscal_year')}|{row.get('doc_kind')}"]
    fact_count = 0
    for name, columns in FACT_COLUMNS.items():
        frame = frames.get(name)
        if frame is None or not len(frame):
            continue
        values = python_values(frame[columns])
        lines = sorted("|".join("" if value is None else str(value) for value in record) for record in values.values)
        fact_count += len(lines)
        parts.append(name)
        parts.extend(lines)
    if not fact_count:
        return None
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


class DuplicateFilter:
    """Feed results in discovery order; each later copy of seen content comes back as a duplicate."""

    def __init__(self) -> None:
        self._by_sha256: dict[str, dict] = {}
        self._by_fingerprint: dict[str, dict] = {}

    def admit_row(self, row: dict) -> dict:
        """``row`` itself, or a ``duplicate`` copy of it naming the first document with the same content."""
        if row["status"] == "skipped":
            return row
        first = self._by_sha256.get(row["sha256"])
        if first is not None:
            return _duplicate(row, first, "duplicate_file", "the same bytes as")
        self._by_sha256[row["sha256"]] = row
        fingerprint = row.get("content_fingerprint")
        if fingerprint and row["status"] == "parsed":
            first = self._by_fingerprint.get(fingerprint)
            if first is not None:
                return _duplicate(
                    row, first, "same_disclosure", "the same disclosure (agency, year, kind and every amount) as"
                )
            self._by_fingerprint[fingerprint] = row
        return row

    def admit(self, result):
        """A :class:`~ingestion.pipeline.DocumentResult`, or a duplicate one without frames."""
        row = self.admit_row(result.document_row)
        if row is result.document_row:
            return result
        return type(result)(row)


def _duplicate(row: dict, first: dict, reason: str, relation: str) -> dict:
    duplicate = dict(row)
    if row["sha256"] == first["sha256"]:  # same bytes, so same id: derive a distinct one from the path
        duplicate["document_id"] = hashlib.sha256(f"{row['sha256']}\0{row['source_path']}".encode()).hexdigest()[:16]
    duplicate.update(
        status="duplicate",
        rejection_reason=reason,
        rejection_detail=(
            f"{relation} {first['source_file']} (document {first['document_id']}), which is read instead; "
            "this copy adds nothing. Remove one of them from the inbox."
        ),
    )
    logger.warning("%s: duplicate of %s (%s); counted once", row["source_file"], first["source_file"], reason)
    return duplicate
