"""Which inbox entries a build looks at, and the row an entry gets when it cannot be read as a file.

The README promises that nothing is silently dropped, so discovery lists every entry a user put in the
inbox, not only the readable ones: symbolic links (never followed: a link can point outside the inbox,
at a device, or at itself), links that loop or dangle, FIFOs and sockets (opening a FIFO would block
the build forever), and folders the build may not list. Each becomes a ``skipped`` documents row
(:func:`skip_reason` says why) with a log line. Hidden entries (``.DS_Store``, ``.gitkeep``, editor
swap files, ``.git/``) are left out with one log line per folder: they are never disclosures.

File names that are not valid UTF-8 (a GBK name from an unpacked Windows archive) are still read;
:func:`display_name` gives the name a person would recognise, for the rows and logs.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SkipReason:
    """Why an entry is not read: a stable code for queries and a sentence saying what to do."""

    code: str
    detail: str


def discover_documents(directories: Iterable[Path]) -> list[Path]:
    """Every non-hidden entry of the inbox folders (recursively, links not followed), in a stable order.

    Regular files are to be read; every other entry returned gets a ``skipped`` row from
    :func:`skip_reason`. A file reachable through two listed folders is returned once.
    """
    found: dict[str, Path] = {}
    resolved: dict[Path, Path] = {}  # each folder resolved once, not once per file (10,000 files: 0.3 s)
    for directory in directories:
        if not directory.is_dir():
            logger.warning("inbox folder %s does not exist or is not a folder; nothing read from it", directory)
            continue
        for path in _walk(directory, visited=set()):
            found.setdefault(_identity(path, resolved), path)
    return list(found.values())


def _walk(directory: Path, visited: set[tuple[int, int]]) -> Iterable[Path]:
    try:
        status = directory.stat()
        if (status.st_dev, status.st_ino) in visited:
            return
        visited.add((status.st_dev, status.st_ino))
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: os.fsencode(entry.name))
    except OSError as error:
        logger.warning("cannot list %s (%s); its files are not read", display_name(directory), error.strerror)
        yield directory  # becomes a skipped row: the user must know a whole folder was not read
        return
    hidden = [entry.name for entry in entries if entry.name.startswith(".")]
    if hidden:
        logger.info("ignoring %d hidden entries in %s: %s", len(hidden), display_name(directory),
                    ", ".join(display_name(Path(name)) for name in hidden[:10]))  # fmt: skip
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, visited)
        else:
            yield path


def _identity(path: Path, resolved: dict[Path, Path]) -> str:
    """The entry's own absolute path (links not resolved: a link and its target are two entries);
    ``resolved`` holds the folders already resolved in this listing."""
    try:
        parent = resolved.get(path.parent)
        if parent is None:
            parent = resolved[path.parent] = path.parent.resolve()
        return str(parent / path.name)
    except OSError:
        return str(path)


def skip_reason(path: Path) -> SkipReason | None:
    """Why a discovered entry is not read as a document; None for a regular file (read it)."""
    try:
        status = path.lstat()
    except OSError as error:
        return SkipReason("unreadable", f"the entry could not be examined ({error.strerror}).")
    if stat.S_ISLNK(status.st_mode):
        return _link_reason(path)
    if stat.S_ISDIR(status.st_mode):
        return SkipReason(
            "unreadable_folder",
            "this folder could not be listed (permissions?), so none of its files were read; make it readable.",
        )
    if not stat.S_ISREG(status.st_mode):
        return SkipReason(
            "not_a_regular_file", "a FIFO, socket or device, not a file; put the disclosure itself in the inbox."
        )
    return None


def _link_reason(path: Path) -> SkipReason:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    shown = display_name(Path(target))
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return SkipReason("symlink_loop", f"a symbolic link that loops ({shown}); remove it.")
        return SkipReason("dangling_symlink", f"a symbolic link to {shown}, which does not exist; remove it.")
    return SkipReason(
        "symlink",
        f"a symbolic link to {shown}; links are not followed (they can point outside the inbox). "
        "Copy the file itself into the inbox if it should be read.",
    )


def display_name(path: Path | str) -> str:
    """The path as text a person can read: undecodable bytes are tried as GB18030 before U+FFFD."""
    raw = os.fsencode(str(path))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def path_sha256(path: Path) -> str:
    """The identity of an entry whose content is not read: the SHA-256 of its path."""
    return hashlib.sha256(os.fsencode(str(path))).hexdigest()
