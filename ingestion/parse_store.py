"""The content-addressed parse store: what one file's bytes became, under one parser version.

Why a store and not Dagster dynamic partitions: a province publishes tens of thousands of files a
year, and a partition per document would mean tens of thousands of partition keys, one run step and
one set of event-log entries per document, and a Dagster instance that grows with the corpus. A
folder keyed by ``sha256`` + ``PARSER_VERSION`` gives the same guarantees with none of that weight:

- an unchanged file is never parsed twice (its key is already in the store, whatever its name or folder);
- a new ``PARSER_VERSION`` is a new namespace, so every document is re-parsed once under it, and
  nothing parsed by an older parser can leak into a build;
- a deleted file simply is not listed by the next run, so its rows are not assembled into the staging
  files and leave the marts; its entry stays until :meth:`ParseStore.prune` (a re-added file costs nothing).

Layout, under ``<warehouse dir>/parse_store/`` (gitignored)::

    documents/<parser version>/<sha[:2]>/<sha256>/document.json    the documents row (status, metadata)
    documents/<parser version>/<sha[:2]>/<sha256>/<frame>.parquet  typed rows of each non-empty frame
    documents/<parser version>/<sha[:2]>/<sha256>/frame_rows.json  how many rows each of those holds
    documents/<parser version>/rows.json                             the documents rows of the last run's entries
    file_index.json                                                  path → (size, mtime, inode, sha256)
    assembled/                                                       the last staging files and their manifest
                                                                     (ingestion/staging_assembly.py)

An entry is written in a temporary folder and renamed into place, so a crashed worker never leaves
half an entry behind. ``file_index.json`` lets a run skip re-hashing files whose size, mtime and inode
are unchanged, which is what makes a run with no new file cheap. Only the process that drives a run
writes it; workers write entries, each under its own key.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection, Iterable
from pathlib import Path

import pandas as pd

from ingestion.discovery import skip_reason
from ingestion.pipeline import PARSER_VERSION, DocumentResult
from ingestion.readers import file_sha256
from ingestion.staging_store import scratch_connection, write_frame_parts

ROW_FILE = "document.json"
ROWS_FILE = "frame_rows.json"  # rows of each frame file, so that assembling staging need not read the footers
ROWS_INDEX = "rows.json"  # the documents rows of many entries in one file (ParseStore.load_rows)


class ParseStore:
    """Per-document parse results keyed by content hash and parser version."""

    def __init__(self, root: Path, parser_version: str = PARSER_VERSION) -> None:
        self.root = Path(root)
        self.parser_version = parser_version

    def entry(self, sha256: str) -> Path:
        return self.root / "documents" / self.parser_version / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return (self.entry(sha256) / ROW_FILE).exists()

    def save(self, result: DocumentResult) -> Path:
        """Write one document's row and frames; a no-op when the entry exists (same bytes, same parser)."""
        return self.save_all([result])[0]

    def save_all(self, results: list[DocumentResult]) -> list[Path]:
        """:meth:`save` of each result; the frames of one kind of all of them are written with one scan
        (:func:`~ingestion.staging_store.write_frame_parts`), each still to its document's own file."""
        partials: dict[str, Path] = {}
        parts: dict[str, list[tuple[pd.DataFrame, Path]]] = {}
        for result in results:
            sha256 = result.document_row["sha256"]
            if self.has(sha256) or sha256 in partials:
                continue
            partial = partials[sha256] = self.root / "tmp" / f"{sha256}.{os.getpid()}"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(parents=True)
            rows = {}
            for name, frame in result.frames.items():
                if name != "documents" and len(frame):
                    parts.setdefault(name, []).append((frame, partial / f"{name}.parquet"))
                    rows[name] = len(frame)
            (partial / ROWS_FILE).write_text(json.dumps(rows), encoding="utf-8")
            (partial / ROW_FILE).write_text(json.dumps(result.document_row, ensure_ascii=False), encoding="utf-8")
        connection = scratch_connection()
        for written in parts.values():
            write_frame_parts(connection, [frame for frame, _ in written], [target for _, target in written])
        for sha256, partial in partials.items():
            final = self.entry(sha256)
            final.parent.mkdir(parents=True, exist_ok=True)
            try:
                partial.rename(final)
            except OSError:  # another process stored the same bytes first: theirs is as good as ours
                shutil.rmtree(partial, ignore_errors=True)
        return [self.entry(result.document_row["sha256"]) for result in results]

    def load_row(self, sha256: str) -> dict:
        return json.loads((self.entry(sha256) / ROW_FILE).read_text(encoding="utf-8"))

    def load_rows(self, keys: Iterable[str], fresh: Collection[str] = ()) -> dict[str, dict]:
        """:meth:`load_row` of each of ``keys`` (entries in the store), read from one file where it can.

        A run reads the documents row of every inbox file: at 10,000 documents, 10,000 files opened for
        one new document. An entry never changes once stored (its key is its content under this parser
        version), so ``rows.json`` keeps the rows the last call returned and this call reads only the
        entries it does not hold, and those in ``fresh``: entries stored since (parsed this run; an entry
        pruned and parsed again is one). It is rewritten with this call's rows when they differ. Only the
        process driving a run calls this.
        """
        index_path = self.root / "documents" / self.parser_version / ROWS_INDEX
        try:
            known = json.loads(index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        rows = {key: known[key] if key in known and key not in fresh else self.load_row(key) for key in keys}
        if rows != known:
            index_path.parent.mkdir(parents=True, exist_ok=True)
            partial = index_path.with_name(f".{index_path.name}.{os.getpid()}")
            partial.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            partial.replace(index_path)
        return rows

    def frame_file(self, sha256: str, name: str) -> Path | None:
        path = self.entry(sha256) / f"{name}.parquet"
        return path if path.exists() else None

    def frame_rows(self, sha256: str) -> dict[str, int] | None:
        """Rows of each frame file of the entry (frames without rows have no file); ``None`` for an entry
        stored before the store recorded them."""
        try:
            return json.loads((self.entry(sha256) / ROWS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def locate_frame(self, sha256: str, name: str, rows: dict[str, int] | None) -> tuple[Path | None, int | None]:
        """The entry's file of frame ``name`` and its rows, given the entry's ``frame_rows`` (no file is
        touched when they are known)."""
        if rows is not None:
            count = rows.get(name, 0)
            return (self.entry(sha256) / f"{name}.parquet", count) if count else (None, 0)
        return self.frame_file(sha256, name), None

    def hash_files(self, paths: Iterable[Path]) -> dict[Path, str]:
        """``sha256`` of each file, re-reading only files whose size, mtime or inode changed.

        Entries that are not regular files (links, FIFOs, unlistable folders: ``skip_reason``) and files
        that cannot be read are left out: the pipeline gives them a ``skipped`` or ``rejected`` row.
        """
        index_path = self.root / "file_index.json"
        try:
            known = json.loads(index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        hashes: dict[Path, str] = {}
        index: dict[str, list] = {}
        for path in paths:
            if skip_reason(path) is not None:
                continue
            try:
                stat = path.stat()
                signature = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
                cached = known.get(str(path))
                sha256 = cached[3] if cached and cached[:3] == signature else file_sha256(path)
            except OSError:
                continue
            hashes[path] = sha256
            index[str(path)] = [*signature, sha256]
        if index != known:
            self.root.mkdir(parents=True, exist_ok=True)
            partial = index_path.with_name(f".{index_path.name}.{os.getpid()}")
            partial.write_text(json.dumps(index), encoding="utf-8")
            partial.replace(index_path)
        return hashes

    def prune(self, keep: set[str]) -> int:
        """Delete entries of other parser versions and of contents not in ``keep``; the count removed."""
        removed = 0
        documents = self.root / "documents"
        for version in documents.iterdir() if documents.is_dir() else ():
            for entry in version.glob("*/*"):
                if version.name != self.parser_version or entry.name not in keep:
                    shutil.rmtree(entry, ignore_errors=True)
                    removed += 1
            if version.name != self.parser_version:
                shutil.rmtree(version, ignore_errors=True)
        shutil.rmtree(self.root / "tmp", ignore_errors=True)
        if removed:
            (documents / self.parser_version / ROWS_INDEX).unlink(missing_ok=True)
        return removed
