"""The batch driver: every inbox file through the parse store, on every core, into the staging Parquet.

``ingestion.pipeline.ingest`` is the reference (one process, every frame in memory); this is what a
build runs. Three things differ, and none changes a row:

- files already in the :class:`~ingestion.parse_store.ParseStore` (same bytes, same parser version)
  are not read at all; only new contents are parsed;
- new contents are parsed in a pool of worker processes (``BUDGET_PARSE_WORKERS``, one per core by
  default). Each worker takes a few documents at a time (``CHUNK``) and runs ``ingest_documents`` on
  them: the results of ``ingest_document`` for each, with their frames validated together, which
  saves most of pandas' per-frame overhead (PDFs still go through the memory- and time-limited reader
  of ``ingestion.isolation``, one by one). It writes each result to the store, handing back only the
  store keys, so memory does not grow with the number of documents;
- the staging files are assembled from the stored per-document Parquet by DuckDB, streaming, rather
  than concatenated in pandas, and only the documents added since the last run are read
  (:mod:`ingestion.staging_assembly`).

Progress (documents done / total, rate, ETA) goes to a callback at most every few seconds, so a
10,000-document run writes a few dozen log lines rather than one event per document.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from ingestion.discovery import display_name
from ingestion.duplicates import DuplicateFilter
from ingestion.frames import frame_columns, validate_frames
from ingestion.parse_store import ParseStore
from ingestion.pipeline import file_modified_at, ingest_document, ingest_documents
from ingestion.process_guard import die_with_parent
from ingestion.schemas import STAGING_FRAMES, empty_frame
from ingestion.staging_assembly import ASSEMBLED_DIR, AssembledStaging, Assembly, link_or_copy
from ingestion.staging_store import write_frame

CHUNK = 16  # documents a worker parses at a time: their frames are validated together (a chunk is ~1 MB)


@dataclass
class Progress:
    """How far a batch has got; ``rate`` in documents per second over the documents parsed so far."""

    done: int
    total: int
    parsed: int
    reused: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.parsed / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        remaining = self.total - self.done
        return remaining / self.rate if self.rate else (0.0 if not remaining else None)

    def describe(self) -> str:
        eta = "?" if self.eta_seconds is None else f"{self.eta_seconds:.0f} s"
        return (
            f"{self.done}/{self.total} documents ({self.reused} unchanged, {self.parsed} parsed, "
            f"{self.rate * 60:.0f} documents/min, ETA {eta})"
        )


@dataclass
class BatchResult:
    """The documents rows of the batch (one per inbox entry, in file order, copies as ``duplicate``) and run figures."""

    rows: list[dict]
    parsed: int = 0
    reused: int = 0
    seconds: float = 0.0
    files: dict[str, Path] = field(default_factory=dict)  # sha256 → the path it was read from

    @property
    def rejected(self) -> list[dict]:
        return [row for row in self.rows if row["status"] == "rejected"]

    @property
    def fingerprint(self) -> str:
        """Identifies the staging inputs: the same fingerprint means the same staging rows."""
        digest = hashlib.sha256()
        for row in self.rows:
            digest.update(f"{row['sha256']}|{row['parser_version']}|{row['source_path']}\n".encode())
        return digest.hexdigest()


ProgressCallback = Callable[[Progress], None]


def ingest_to_store(
    paths: list[Path],
    store: ParseStore,
    *,
    workers: int = 1,
    progress: ProgressCallback | None = None,
    progress_every: float = 5.0,
) -> BatchResult:
    """Make sure every distinct content among ``paths`` is in the store; one documents row per path, in order.

    Entries that are not regular files or cannot be read get their ``skipped`` / ``rejected`` row from
    the pipeline without the store; later copies of a content (same bytes, or the same disclosure in
    another encoding or format) get ``duplicate`` rows from :class:`~ingestion.duplicates.DuplicateFilter`,
    applied in file order exactly as ``ingestion.pipeline.ingest`` does.
    """
    started = time.monotonic()
    hashes = store.hash_files(paths)
    first_path: dict[str, Path] = {}
    for path in paths:  # the same bytes under two names are parsed once, under the first name
        if path in hashes:
            first_path.setdefault(hashes[path], path)
    missing = [(sha256, path) for sha256, path in first_path.items() if not store.has(sha256)]
    reused = len(first_path) - len(missing)
    reporter = _Reporter(len(first_path), reused, started, progress, progress_every)
    for _ in _parse_missing(missing, store, workers):
        reporter.parsed_one()
    reporter.finish()
    stored = store.load_rows(first_path, fresh={sha256 for sha256, _ in missing})
    duplicates = DuplicateFilter()
    rows = [
        duplicates.admit_row(
            _current_row(stored[hashes[path]], path) if path in hashes else ingest_document(path).document_row
        )
        for path in paths
    ]
    return BatchResult(rows, len(missing), reused, time.monotonic() - started, dict(first_path))


def _parse_missing(missing: list[tuple[str, Path]], store: ParseStore, workers: int):
    """Parse and store each missing content; yields once per document as it finishes."""
    chunks = _chunks([path for _, path in missing], workers)
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield from _parse_and_store(chunk, store.root, store.parser_version)
        return
    # spawn, not fork (Dagster and DuckDB run threads) and not forkserver: a spawned worker's parent is
    # this process, so ``die_with_parent`` makes it die with a killed build (a forkserver would outlive it).
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)),
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(),),  # a worker that starts after the build died exits at once
    )
    with pool:
        futures = [pool.submit(_parse_and_store, chunk, store.root, store.parser_version) for chunk in chunks]
        for future in as_completed(futures):
            yield from future.result()


def _chunks(paths: list[Path], workers: int) -> list[list[Path]]:
    """``paths`` in order, ``CHUNK`` at a time, smaller when there are too few to keep every worker busy
    to the end (four chunks a worker at least)."""
    size = max(1, min(CHUNK, len(paths) // (max(workers, 1) * 4)))
    return [paths[start : start + size] for start in range(0, len(paths), size)]


def _parse_and_store(paths: list[Path], store_root: Path, parser_version: str) -> list[str]:
    """Worker body: a few documents through the pipeline into the store (rejections are stored too)."""
    results = ingest_documents(paths)
    ParseStore(store_root, parser_version).save_all(results)
    return [result.document_row["sha256"] for result in results]


def _current_row(stored: dict, path: Path) -> dict:
    """The stored documents row of a content, as the file at ``path`` (a copy: one content may have two files)."""
    return stored | {
        "source_file": display_name(path.name),
        "source_path": display_name(path),
        "file_modified_at": file_modified_at(path),
    }


class _Reporter:
    """Calls ``progress`` at the first parse, then at most every ``every`` seconds, and at the end."""

    def __init__(self, total: int, reused: int, started: float, progress: ProgressCallback | None, every: float):
        self.total, self.reused, self.started, self.progress, self.every = total, reused, started, progress, every
        self.parsed = 0
        self.last = 0.0

    def parsed_one(self) -> None:
        self.parsed += 1
        now = time.monotonic()
        if self.progress and (self.parsed == 1 or now - self.last >= self.every):
            self.last = now
            self.progress(self._snapshot(now))

    def finish(self) -> None:
        if self.progress:
            self.progress(self._snapshot(time.monotonic()))

    def _snapshot(self, now: float) -> Progress:
        return Progress(self.reused + self.parsed, self.total, self.parsed, self.reused, now - self.started)


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    """The validated documents frame of a batch (one row per inbox entry, rejected, duplicate and skipped included)."""
    frame = pd.DataFrame(rows, columns=frame_columns("documents"))
    frame = frame.astype({"page_count": "Int64", "fiscal_year": "Int64"})
    return validate_frames({"documents": frame}, "the documents frame")["documents"]


def _parsed(rows: list[dict]) -> list[dict]:
    """The rows whose facts go to staging: a duplicate shares its kept document's hash, never its facts."""
    return [row for row in rows if row["status"] == "parsed"]


@dataclass(frozen=True)
class StagingFiles:
    """The staging file of each frame, and how each frame but ``documents`` was assembled (``reused``,
    ``incremental`` or ``full``: :class:`~ingestion.staging_assembly.Assembly`)."""

    files: dict[str, Path]
    assemblies: dict[str, Assembly]

    def describe(self) -> str:
        """``12 frames: 11 reused, 1 incremental`` (what the run had to read)."""
        counts = Counter(assembly.how for assembly in self.assemblies.values())
        return f"{len(self.assemblies)} frames: " + ", ".join(f"{n} {how}" for how, n in sorted(counts.items()))


def write_staging(batch: BatchResult, store: ParseStore, directory: Path) -> StagingFiles:
    """Write every staging file of the batch: the documents frame from its rows, the other frames built on
    the store's last assembly (:mod:`ingestion.staging_assembly`) and linked into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    assemblies: dict[str, Assembly] = {}
    assembled = AssembledStaging(store.root / ASSEMBLED_DIR, store.parser_version)
    assembled.begin([row["sha256"] for row in _parsed(batch.rows)])
    frame_rows = functools.cache(store.frame_rows)  # one read per document, not one per frame
    with duckdb.connect(":memory:", config={"memory_limit": "1GB"}) as connection:
        written["documents"] = write_frame(connection, documents_frame(batch.rows), directory / "documents.parquet")
        for name in STAGING_FRAMES:
            if name == "documents":
                continue
            target = directory / f"{name}.parquet"
            assembly = assembled.assemble(
                connection, name, lambda sha256, name=name: store.locate_frame(sha256, name, frame_rows(sha256))
            )
            assemblies[name] = assembly
            if assembly.path is None:
                written[name] = write_frame(connection, empty_frame(name), target)
            else:
                written[name] = link_or_copy(assembly.path, target)
    assembled.commit()
    return StagingFiles(written, assemblies)
