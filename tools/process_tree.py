"""The process tree as Linux's /proc shows it: each process's parent, state and resident memory.

One reader for the benchmark's memory figure (a build's whole tree: Dagster, parse workers, dbt) and
the tests that check no child outlives a killed build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class ProcessStat:
    parent: int
    state: str  # R running, S sleeping, Z zombie (dead, not reaped yet) …
    rss_bytes: int


def process_stats() -> dict[int, ProcessStat]:
    """pid → its stat line's parent, state and resident set, for every process readable now."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # the command name (field 2, in parentheses) may hold blanks: split after its closing ")"
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            stats[int(entry.name)] = ProcessStat(int(fields[1]), fields[0], int(fields[21]) * _PAGE_BYTES)
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile, or not ours to read
    return stats


def descendants(root: int, stats: dict[int, ProcessStat]) -> set[int]:
    """The pids below ``root`` in ``stats`` (children, their children …)."""
    found, frontier = set(), [root]
    while frontier:
        current = frontier.pop()
        children = [pid for pid, stat in stats.items() if stat.parent == current and pid not in found]
        found.update(children)
        frontier.extend(children)
    return found


def command_line(pid: int) -> str:
    """The process's command line with blanks between the arguments; empty once it is gone."""
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
