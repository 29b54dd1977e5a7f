"""findings.csv and findings.json put together from per-document pieces, most of them copied from the last files.

Both files list the findings document by document (documents in id order), so each document's rows are
one run of bytes in each file. ``<reports>/.finding_files.json`` remembers, per document, the digest of
what its rows show and where its bytes are in the files of the last build, with each file's size and
modification time (a file changed or replaced since does not match, and every row is made again). An
add-one run at 10,000 documents then makes the rows of the changed documents only and copies the
rest in a few ``copy_file_range`` calls, instead of DuckDB writing ~300 MB of text again.

A file of a working folder is a hard link to the published one: :func:`splice` writes a new file and
renames it over the old name (``reuse.new_file``), reading the old one while it writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from orchestration.defs.build.reuse import FileMemo, new_file

MEMO = ".finding_files.json"


@dataclass(frozen=True)
class Piece:
    """One document's bytes in a file being written: ``offset`` and ``length`` in the last file when
    ``reused``, else the next ``length`` bytes of the new rows' file."""

    reused: bool
    length: int
    offset: int = 0


def memo(directory: Path) -> FileMemo:
    """Per document, [digest, (offset, length) in each file] as the last build wrote findings.csv and
    findings.json (``FileMemo``: trusted while the files are those it wrote)."""
    return FileMemo(directory, MEMO)


def even_quotes(data: bytes, start: int, end: int) -> bool:
    """A CSV record ends at a line break outside quotes: one after an even number of quote characters
    (a quote inside a quoted field is doubled)."""
    return data.count(b'"', start, end) % 2 == 0


def record_ends(
    path: Path, separator: bytes, complete: Callable[[bytes, int, int], bool] | None = None, block: int = 1 << 23
) -> Iterator[int]:
    """The offset just past each record of the file at ``path``, a record ending with ``separator`` where
    ``complete(data, start, end)`` says the bytes from the record's start to there are a whole record
    (always, without ``complete``). Read by blocks: a full build's files are hundreds of megabytes."""
    offset, data = 0, b""
    with path.open("rb") as handle:
        while chunk := handle.read(block):
            data += chunk
            start = search = 0
            while (found := data.find(separator, search)) >= 0:
                search = found + len(separator)
                if complete is None or complete(data, start, search):
                    yield offset + search
                    start = search
            data, offset = data[start:], offset + start


def _copy(source: int, target: int, offset: int, length: int) -> None:
    """``length`` bytes of ``source`` from ``offset`` appended to ``target`` (in the kernel where it can)."""
    while length > 0:
        copied = os.copy_file_range(source, target, length, offset)
        if copied <= 0:
            raise OSError(f"finding files: {length} bytes short at offset {offset}")
        offset, length = offset + copied, length - copied


def splice(
    output: Path,
    head: bytes,
    pieces: list[Piece],
    previous: Path,
    rows: Path,
    tail: tuple[bytes, bytes] = (b"", b""),
    empty: bytes | None = None,
) -> list[tuple[int, int]]:
    """Write ``output``: ``head``, then every piece in order, copied from the last file or the new rows'
    file (runs of pieces that follow each other in one file copied at once); ``empty`` instead when there
    is no piece. ``tail`` = (separator, end): the last ``len(end)`` bytes written are replaced by ``end``,
    and in the last file those of its last piece are ``end`` where they were ``separator`` (the JSON's
    final ``,\n`` is ``\n]``). Returns each piece's (offset, length) in ``output``."""
    separator, end = tail
    if not pieces and empty is not None:
        with new_file(output) as partial:
            partial.write_bytes(empty)
        return []
    old_size = previous.stat().st_size if any(piece.reused for piece in pieces) else -1
    placed: list[tuple[int, int]] = []
    with (
        new_file(output) as partial,
        partial.open("wb", buffering=0) as target,
        rows.open("rb") as new,
        (previous if old_size >= 0 else rows).open("rb") as old,
    ):
        target.write(head)
        position, next_new = len(head), 0
        run: list = []  # (source, offset, length) of bytes not yet copied

        def flush() -> None:
            if not run:
                return
            source, offset, length = run
            cut = len(end) if source is old and offset + length == old_size else 0
            _copy(source.fileno(), target.fileno(), offset, length - cut)
            if cut:
                target.write(separator)
            run.clear()

        for piece in pieces:
            source, offset = (old, piece.offset) if piece.reused else (new, next_new)
            if not piece.reused:
                next_new += piece.length
            if run and run[0] is source and run[1] + run[2] == offset:
                run[2] += piece.length
            else:
                flush()
                run[:] = [source, offset, piece.length]
            placed.append((position, piece.length))
            position += piece.length
        flush()
        if end and position > len(head):
            target.seek(position - len(end))
            target.write(end)
    return placed
