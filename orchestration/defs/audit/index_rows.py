"""The index's failed checks: read from SQL in page order, and on a later build kept from the last index.

The index lists every failed check under its rule family (~74,000 rows at 10,000 documents). A row
shows the check's columns, its number on its document's page and the document's link: all of it is in
the document's digest (``finding_tables.document_digests``). ``<reports>/.index_rows.json`` remembers,
per document, the digest its rows were made from and where each row is in index.html (in characters),
with the file's size and modification time; a later build takes the rows of unchanged documents from
the last index.html and reads into Python, and formats, only the rows of the other documents. The
order of the rows, the family headings and everything above them are made again every time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import duckdb

from orchestration.defs.audit.finding_tables import FINDING_ORDER, FINDINGS, INDEX_COLUMNS
from orchestration.defs.audit.report_pages import IndexRow
from orchestration.defs.build.reuse import FileMemo, digest

MEMO = ".index_rows.json"
INDEX = "index.html"
_FAMILY = "coalesce(nullif(rule_family, ''), 'unknown')"
# The code that reads and formats a row (report_pages.py is in the documents' digests already).
_ROW_CODE = digest([(Path(__file__).parent / "index_rows.py").read_text(encoding="utf-8")])


def failed_rows(
    connection: duckdb.DuckDBPyConnection, check_ids: list[str] | None = None, batch: int = 5000
) -> Iterator[tuple[str, dict]]:
    """Every failed check (of ``check_ids`` only, when given) as (rule family, row with its number), families
    in name order and findings in page order: the index's lists, streamed in batches so that they are never
    all in Python at once. Needs ``finding_tables.create_finding_tables``."""
    where, parameters = "", []
    if check_ids is not None:
        where, parameters = "and check_id in (select unnest(?))", [check_ids]
    cursor = connection.execute(
        f"select {_FAMILY} as family, finding_number, {', '.join(INDEX_COLUMNS)} from {FINDINGS} "
        f"where status = 'fail' {where} order by family, {FINDING_ORDER}",
        parameters,
    )
    names = [column[0] for column in cursor.description]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            record = dict(zip(names, row, strict=True))
            yield record.pop("family"), record


def family_sizes(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Failed checks per rule family (the index's headings)."""
    return dict(
        connection.execute(f"select {_FAMILY}, count(*) from {FINDINGS} where status = 'fail' group by all").fetchall()
    )


class IndexRows:
    """The failed checks for ``report_pages.write_index``, rows of unchanged documents taken from the last
    index.html of ``directory``; :meth:`save` then remembers where the new index put each row."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, directory: Path, digests: Mapping[str, str]) -> None:
        self.connection, self.directory = connection, directory
        self.digests = {document_id: digest([_ROW_CODE, inputs]) for document_id, inputs in digests.items()}
        self.order = connection.execute(
            f"select {_FAMILY} as family, check_id, document_id from {FINDINGS} "
            f"where status = 'fail' order by family, {FINDING_ORDER}"
        ).fetchall()
        self.text, self.previous = _previous(directory)
        self.kept = 0

    def _kept(self, check_id: str, document_id: str) -> tuple[int, int] | None:
        entry = self.previous.get(document_id)
        if entry is None or entry[0] != self.digests.get(document_id):
            return None
        return entry[1].get(check_id)

    def __iter__(self) -> Iterator[tuple[str, Mapping | IndexRow]]:
        kept = {check: place for _, check, document in self.order if (place := self._kept(check, document))}
        self.kept = len(kept)
        fresh = [check_id for _, check_id, _ in self.order if check_id not in kept]
        made = failed_rows(self.connection, fresh if kept else None) if fresh or not kept else iter(())
        for family, check_id, _ in self.order:
            place = kept.get(check_id)
            if place is not None:
                offset, length = place
                yield family, IndexRow(self.text[offset : offset + length], check_id)
                continue
            made_family, record = next(made)
            if record["check_id"] != check_id:
                raise RuntimeError(f"index: {record['check_id']} read where {check_id} was expected")
            yield made_family, record

    def save(self, places: Mapping[str, tuple[int, int]]) -> None:
        """Remember, per document with a digest, the digest and where ``write_index`` put each of its rows."""
        documents: dict[str, list] = {}
        for _, check_id, document_id in self.order:
            if document_id in self.digests and check_id in places:
                documents.setdefault(document_id, [self.digests[document_id], {}])[1][check_id] = places[check_id]
        FileMemo(self.directory, MEMO).save([INDEX], documents)


def forget(directory: Path) -> None:
    """Drop the memo: an index about to be written without it must never be read as described by it."""
    FileMemo(directory, MEMO).forget()


def _previous(directory: Path) -> tuple[str, dict]:
    """The last index.html's text and, per document, [digest, {check id: (offset, length)}], if the file is
    the one the memo describes; else nothing."""
    documents = FileMemo(directory, MEMO).load([INDEX])
    if not documents:
        return "", {}
    try:
        with (directory / INDEX).open(encoding="utf-8", newline="") as handle:  # offsets count "\r" too
            return handle.read(), documents
    except OSError:
        return "", {}
