"""Which files of a published folder were written from which inputs, so that a run rewrites only what changed.

A step that writes one output per document or agency (page images, agency pages with their charts)
starts from a copy of the published folder (``WarehouseBuild.working_folder``). Adding one document
to ten thousand must not re-render ten thousand pages: the step asks :class:`OutputMemo` whether an
item's inputs are those its files were written from, and skips it when they are and the files are
still there. The memo is a JSON file inside the folder, so it is published (and discarded) with the
files it describes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def digest(inputs: Any) -> str:
    """A digest of ``inputs`` (rows as dicts, lists, strings, numbers, decimals, dates: anything with a stable repr)."""
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


@contextmanager
def new_file(path: Path) -> Iterator[Path]:
    """A temporary path to write ``path``'s new content to, renamed over ``path`` when the block succeeds.

    Never rewrite a file of a build folder in place: the folder starts as hard links to the published
    files (``WarehouseBuild.working_folder``), and writing through a link would change the published
    warehouse's reports before (or without) a publish. A rename replaces the link alone.
    """
    partial = path.with_name(path.name + ".tmp")
    try:
        yield partial
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def write_new(path: Path, text: str) -> None:
    """``path.write_text(text)`` through :func:`new_file`."""
    with new_file(path) as partial:
        partial.write_text(text, encoding="utf-8")


class OutputMemo:
    """``<folder>/.<name>.json``: per item, the digest of its inputs and what writing it returned."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path = folder / f".{name}.json"
        try:
            self._previous: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._previous = {}
        self._current: dict[str, dict] = {}
        self.reused = 0

    def recall(self, key: str, inputs_digest: str, folder: Path) -> Any | None:
        """What writing ``key`` returned last time (``True`` when nothing), if its inputs are the same and
        its files still exist; ``None`` when it must be written again."""
        entry = self._previous.get(key)
        if entry is None or entry["digest"] != inputs_digest:
            return None
        if not all((folder / name).is_file() for name in entry["files"]):
            return None
        self._current[key] = entry
        self.reused += 1
        return entry["result"]

    def carry(self, key: str, folder: Path) -> Any | None:
        """What writing ``key`` returned last time, kept for this run without comparing inputs (the caller
        knows they did not change), if its files still exist; ``None`` when there is nothing to keep."""
        entry = self._previous.get(key)
        if entry is None or not all((folder / name).is_file() for name in entry["files"]):
            return None
        self._current[key] = entry
        self.reused += 1
        return entry["result"]

    def remember(self, key: str, inputs_digest: str, files: Iterable[str], result: Any = True) -> None:
        """Record that ``key``'s ``files`` (relative to the folder) were written from ``inputs_digest``."""
        self._current[key] = {"digest": inputs_digest, "files": sorted(files), "result": result}

    def save(self) -> None:
        """Write the memo of this run: the items written or reused now (items gone since are forgotten)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_new(self.path, json.dumps(self._current, ensure_ascii=False, sort_keys=True))

    def remove_forgotten(self, folder: Path) -> int:
        """Delete the files of the last run's items that no item of this run wrote or kept (a deleted
        document's page, a page no finding is on any more), and folders left empty; returns how many.

        In a working folder (hard links to the published files) this removes the links only."""
        kept = {name for entry in self._current.values() for name in entry["files"]}
        gone = {name for entry in self._previous.values() for name in entry["files"]} - kept
        for name in sorted(gone):
            path = folder / name
            path.unlink(missing_ok=True)
            parent = path.parent
            while parent != folder and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        return len(gone)


class FileMemo:
    """Where each document's bytes are in files written last time (``.<name>.json`` inside ``directory``),
    trusted only while each file still has the size and modification time it had when the memo was saved:
    a file changed or replaced since is not the one the memo describes, and its bytes must be made again.
    The audit report's findings files and index copy unchanged documents' bytes with it."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory, self.path = directory, directory / name

    def _stats(self, files: Iterable[str]) -> dict[str, list[int]]:
        stats = {}
        for name in files:
            stat = (self.directory / name).stat()
            stats[name] = [stat.st_size, stat.st_mtime_ns]
        return stats

    def load(self, files: Iterable[str]) -> dict:
        """What :meth:`save` remembered of ``files``, if each is still the file it described; else nothing."""
        try:
            memo = json.loads(self.path.read_text(encoding="utf-8"))
            files = list(files)
            return memo["documents"] if memo["files"] == self._stats(files) else {}
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def save(self, files: Iterable[str], documents: dict) -> None:
        """Remember ``documents`` (JSON) as describing ``files`` as they are now."""
        memo = {"files": self._stats(files), "documents": documents}
        with new_file(self.path) as partial:
            partial.write_text(json.dumps(memo, sort_keys=True), encoding="utf-8")

    def forget(self) -> None:
        """Drop the memo: files about to be written without it must never be read as described by it."""
        self.path.unlink(missing_ok=True)
