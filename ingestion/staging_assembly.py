"""The staging files assembled from the parse store, starting from the last run's assembly.

Each staging file (``line_items.parquet`` …) is the rows of every parsed document's Parquet in the
parse store, document after document in inbox order. Reading every document's file again on every
run costs a ``stat``, an open and a footer read per document and frame (a dozen frames: over a
hundred thousand files at 10,000 documents) to add one document. So the assembled files are kept in
the store (``<parse store>/assembled/``) with a manifest of the documents they hold, in order, and
the rows each gave to each frame. The next run writes a frame as the old file's row ranges of the
documents it keeps and the new documents' own Parquet where they fall in the order, in one
streaming ``COPY``; a frame in which no document was added, removed or moved is reused as it is.
The rows and their order are those of a full assembly: DuckDB keeps the order of a single scan, of
``WHERE`` and of ``UNION ALL`` (its documented order preservation), and a test compares both.

A full assembly (every document's file read) is done when there is no usable manifest (none, another
parser version, other columns, a missing file) or when more than half of the documents are new
(reading their files is then most of the work anyway). A deleted or changed file's old content is
simply not in the new list, so its rows are not copied. The run's staging folder gets a hard link to
each assembled file (a copy where links are impossible): both are written once under a temporary
name and never modified, so sharing the inode is safe.

Only the process holding the build lock assembles. The manifest is written after every file it names
and files are removed only after it, so a crash leaves the previous manifest with its files, and the
next run builds on it or assembles in full.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.frames import frame_columns

ASSEMBLED_DIR = "assembled"
MANIFEST = "manifest.json"
FORMAT = 1  # bump when the manifest's meaning changes: an old manifest then means a full assembly

# document key → its Parquet of the frame (None: no rows) and its rows when known without reading the file
FrameFile = Callable[[str], tuple[Path | None, int | None]]


@dataclass(frozen=True)
class Assembly:
    """One frame's assembled file (``None`` when no document has a row of it) and how it was made:
    ``reused`` (the last run's file), ``incremental`` (built on it) or ``full`` (every document read)."""

    path: Path | None
    how: str
    new_documents: int = 0


@dataclass(frozen=True)
class _Frame:
    """The manifest's record of one frame: its file (``None``: no rows), columns, rows per document."""

    file: str | None
    columns: list[str]
    rows: list[int]  # one per document of the manifest's list, in its order


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _located(
    connection: duckdb.DuckDBPyConnection, frame_file: FrameFile, keys: list[str]
) -> dict[str, tuple[Path | None, int]]:
    """Each document's file and rows; the footers are read only of files whose rows the store did not record."""
    found = {key: frame_file(key) for key in keys}
    counts = row_counts(connection, [path for path, rows in found.values() if path is not None and rows is None])
    return {
        key: (path, rows if rows is not None else counts.get(path, 0) if path is not None else 0)
        for key, (path, rows) in found.items()
    }


def _select(name: str, source: str) -> str:
    """``select`` of frame ``name``'s columns, in the frame's order, from ``source``."""
    columns = ", ".join(f'"{column}"' for column in frame_columns(name))
    return f"select {columns} from {source}"


def _parquet_files(files: list[Path]) -> str:
    """The rows of several documents' Parquet, in the files' order (a document may lack a column)."""
    return f"read_parquet([{', '.join(_quoted(file) for file in files)}], union_by_name = true)"


def row_counts(connection: duckdb.DuckDBPyConnection, files: list[Path]) -> dict[Path, int]:
    """Rows of each Parquet file, read from the footers alone."""
    if not files:
        return {}
    listed = ", ".join(_quoted(file) for file in files)
    rows = connection.execute(f"select file_name, num_rows from parquet_file_metadata([{listed}])").fetchall()
    return {Path(name): int(count) for name, count in rows}


def segments(previous: list[tuple[str, int]], current: list[tuple[str, Path | None, int]]) -> list[tuple]:
    """The new file as pieces in order: ``("range", start, end)``, rows of the old file (``previous``:
    its documents and their rows, in order), or ``("files", [paths])``, new documents' Parquet
    (``current``: each document, its file when new, and its rows). Adjacent pieces merge."""
    offsets: dict[str, tuple[int, int]] = {}
    position = 0
    for key, rows in previous:
        offsets[key] = (position, position + rows)
        position += rows
    pieces: list[tuple] = []
    for key, file, rows in current:
        if not rows:
            continue
        if key in offsets:
            start, end = offsets[key]
            if pieces and pieces[-1][0] == "range" and pieces[-1][2] == start:
                pieces[-1] = ("range", pieces[-1][1], end)
            else:
                pieces.append(("range", start, end))
        elif pieces and pieces[-1][0] == "files":
            pieces[-1][1].append(file)
        else:
            pieces.append(("files", [file]))
    return pieces


class AssembledStaging:
    """The assembled staging files under ``root`` and their manifest, for one parser version.

    ``begin(keys)`` with this run's parsed documents in order, ``assemble`` each frame, then ``commit``.
    """

    def __init__(self, root: Path, parser_version: str) -> None:
        self.root = Path(root)
        self.parser_version = parser_version
        self._documents: list[str] = []
        self._frames: dict[str, _Frame] = {}
        self._read_manifest()
        self._keys: list[str] = []
        self._written: dict[str, _Frame] = {}

    def _read_manifest(self) -> None:
        try:
            data = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
            if data["format"] != FORMAT or data["parser_version"] != self.parser_version:
                return
            documents = [str(key) for key in data["documents"]]
            frames = {
                name: _Frame(entry["file"], list(entry["columns"]), [int(rows) for rows in entry["rows"]])
                for name, entry in data["frames"].items()
            }
        except (OSError, ValueError, KeyError, TypeError):
            return
        if all(len(frame.rows) == len(documents) for frame in frames.values()):
            self._documents, self._frames = documents, frames

    def begin(self, keys: list[str]) -> None:
        """This run's parsed documents (their store keys), in the order their rows go to staging."""
        self._keys = list(keys)
        self._written = {}
        self.root.mkdir(parents=True, exist_ok=True)

    def _previous(self, name: str) -> _Frame | None:
        """The last assembly of frame ``name``, when it can be built on (same columns, its file present)."""
        frame = self._frames.get(name)
        if frame is None or frame.columns != frame_columns(name):
            return None
        if frame.file is not None and not (self.root / frame.file).is_file():
            return None
        return frame

    def assemble(self, connection: duckdb.DuckDBPyConnection, name: str, frame_file: FrameFile) -> Assembly:
        """Write frame ``name`` for the documents of ``begin``; ``frame_file`` is asked about new documents only
        (about every document in a full assembly)."""
        previous = self._previous(name)
        old_rows = dict(zip(self._documents, previous.rows, strict=True)) if previous else {}
        new = [key for key in self._keys if key not in old_rows]
        if previous is None or len(new) * 2 > len(self._keys):
            return self._full(connection, name, frame_file)
        located = _located(connection, frame_file, new)
        current = [(key, *located[key]) if key in located else (key, None, old_rows[key]) for key in self._keys]
        rows = [count for _, _, count in current]
        pieces = segments(list(zip(self._documents, previous.rows, strict=True)), current)
        total = sum(previous.rows)
        if pieces == ([("range", 0, total)] if total else []):
            self._written[name] = _Frame(previous.file, previous.columns, rows)
            return Assembly(self.root / previous.file if previous.file else None, "reused")
        parts = []
        for piece in pieces:
            if piece[0] == "range":
                source = f"read_parquet({_quoted(self.root / previous.file)}, file_row_number = true)"
                parts.append(
                    f"{_select(name, source)} where file_row_number >= {piece[1]} and file_row_number < {piece[2]}"
                )
            else:
                parts.append(_select(name, _parquet_files(piece[1])))
        target = self._copy(connection, name, " union all ".join(parts)) if parts else None
        self._written[name] = _Frame(target.name if target else None, frame_columns(name), rows)
        return Assembly(target, "incremental", len(new))

    def _full(self, connection: duckdb.DuckDBPyConnection, name: str, frame_file: FrameFile) -> Assembly:
        located = _located(connection, frame_file, self._keys)
        rows = [located[key][1] for key in self._keys]
        present = [located[key][0] for key in self._keys if located[key][1]]
        target = None
        if present:
            target = self._copy(connection, name, _select(name, _parquet_files(present)))
        self._written[name] = _Frame(target.name if target else None, frame_columns(name), rows)
        return Assembly(target, "full", len(self._keys))

    def _copy(self, connection: duckdb.DuckDBPyConnection, name: str, query: str) -> Path:
        target = self.root / f"{name}.{uuid.uuid4().hex[:12]}.parquet"
        partial = target.with_name(f".{target.name}.tmp")
        connection.execute(f"copy ({query}) to {_quoted(partial)} (format parquet)")
        partial.replace(target)
        return target

    def commit(self) -> None:
        """Write the manifest of this run's assemblies, then remove the files it no longer names."""
        data = {
            "format": FORMAT,
            "parser_version": self.parser_version,
            "documents": self._keys,
            "frames": {
                name: {"file": frame.file, "columns": frame.columns, "rows": frame.rows}
                for name, frame in self._written.items()
            },
        }
        partial = self.root / f".{MANIFEST}.{os.getpid()}"
        partial.write_text(json.dumps(data), encoding="utf-8")
        partial.replace(self.root / MANIFEST)
        keep = {frame.file for frame in self._written.values() if frame.file} | {MANIFEST}
        for path in self.root.iterdir():
            if path.name not in keep and path.is_file():
                path.unlink(missing_ok=True)
        self._documents, self._frames = list(self._keys), dict(self._written)


def link_or_copy(source: Path, target: Path) -> Path:
    """Put ``source`` at ``target`` as a hard link (a copy across file systems), replacing ``target``."""
    partial = target.with_name(f".{target.name}.tmp")
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
    except OSError:
        shutil.copyfile(source, partial)  # streamed: a staging file can be hundreds of MB
    partial.replace(target)
    return target
