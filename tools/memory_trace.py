"""Resident memory of a build's process tree over time, and its peak in each step of the run.

A build's peak memory is one figure for the whole tree (Dagster's process, the parse workers, the dbt
subprocess); to know which step to cap, the benchmark needs it per step. A :class:`MemoryTrace` samples the
tree every 0.2 s with a wall-clock timestamp (the clock Dagster stamps its events with) and the resident
memory of each kind of process; :func:`peaks_by_window` then maps the samples onto the run's step windows,
read back from the Dagster instance. The kinds are told apart by command line: ``dbt`` (the dbt subprocess
or the dbt process the run preloads, and their children), ``workers`` (multiprocessing's spawn /
forkserver children: the parse workers and the isolated extractors), ``main`` (the build process itself)
and ``other``.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tools.process_tree import command_line, descendants, process_stats

_DBT = re.compile(r"(^|/)dbt(-guarded)?$")  # the program (or the script python runs): dbt, or its guard
_PRELOADED_DBT = "orchestration.dbt_preload"  # the dbt process a run starts early (python -m …)
KINDS = ("main", "workers", "dbt", "other")
INTERVAL = 0.2


def process_kind(pid: int, root: int, command: str) -> str:
    """Which part of the build a process of the tree is, from its command line."""
    if pid == root:
        return "main"
    if "multiprocessing" in command:
        return "workers"
    arguments = command.split(" ")
    if any(_DBT.search(argument) for argument in arguments[:2]) or _PRELOADED_DBT in arguments[1:3]:
        return "dbt"
    return "other"


@dataclass(frozen=True)
class Sample:
    at: float  # time.time() of the sample
    megabytes: dict[str, float]  # kind → summed resident memory of the tree's processes of that kind

    @property
    def total(self) -> float:
        return sum(self.megabytes.values())


@dataclass
class MemoryTrace:
    """Samples the tree under ``root`` until ``alive()`` turns false (run ``start()``, then ``join()``)."""

    root: int
    alive: Callable[[], bool]
    samples: list[Sample] = field(default_factory=list)
    _kinds: dict[int, str] = field(default_factory=dict)
    _thread: threading.Thread | None = None

    def sample(self) -> Sample:
        stats = process_stats()
        tree = {self.root} | descendants(self.root, stats)
        megabytes = dict.fromkeys(KINDS, 0.0)
        for pid in tree:
            if pid not in stats:
                continue
            kind = self._kinds.get(pid)
            if kind is None:  # "other" is asked again: a process may exec (the dbt guard becomes dbt)
                kind = self._inherited_kind(pid, stats) or process_kind(pid, self.root, command_line(pid))
                if kind != "other":  # a pid is not reused while its parent (in the tree) lives
                    self._kinds[pid] = kind
            megabytes[kind] += stats[pid].rss_bytes / 2**20
        return Sample(time.time(), megabytes)

    def _inherited_kind(self, pid: int, stats) -> str | None:
        """A child of dbt counts as dbt, whatever its command line (dbt's adapters may start helpers)."""
        parent = stats[pid].parent
        return "dbt" if self._kinds.get(parent) == "dbt" else None

    def _run(self) -> None:
        while self.alive():
            self.samples.append(self.sample())
            time.sleep(INTERVAL)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()

    @property
    def peak_mb(self) -> float:
        return max((sample.total for sample in self.samples), default=0.0)


@dataclass(frozen=True)
class WindowPeak:
    name: str
    seconds: float
    peak: Sample | None  # the sample with the highest total in the window; None when none fell in it


def run_windows(steps: list[tuple[str, float, float]], started: float, ended: float) -> list[tuple[str, float, float]]:
    """The run's steps (name, start, end) in order, with ``before`` (process start → first step) and ``after``
    (last step → process exit) around them: every sample falls in one window."""
    ordered = sorted(steps, key=lambda step: step[1])
    first = ordered[0][1] if ordered else ended
    last = max((end for _, _, end in ordered), default=first)
    return [("before", started, first), *ordered, ("after", last, ended)]


def peaks_by_window(samples: list[Sample], windows: list[tuple[str, float, float]]) -> list[WindowPeak]:
    """The highest sample of each window (a sample on a boundary counts in both)."""
    peaks = []
    for name, start, end in windows:
        inside = [sample for sample in samples if start <= sample.at <= end]
        peaks.append(WindowPeak(name, end - start, max(inside, key=lambda sample: sample.total, default=None)))
    return peaks


def describe_peaks(peaks: list[WindowPeak]) -> str:
    """``step peak MB (kind MB …)`` per window, the parts that held memory at the peak named."""
    parts = []
    for peak in peaks:
        if peak.peak is None:
            continue
        held = " ".join(f"{kind} {mb:.0f}" for kind, mb in peak.peak.megabytes.items() if mb >= 1)
        parts.append(f"{peak.name} {peak.peak.total:.0f} MB ({held})")
    return "; ".join(parts)
