"""One build per warehouse at a time: a lock file next to the DuckDB file, taken by every build path.

Why a lock of our own: the Dagster instance queues runs it launches, but ``execute_in_process`` (the
run command, tests) bypasses the queue, and two builds then wrote each other's staging files and
fought over the DuckDB file. ``<warehouse>.lock`` is held with ``flock`` for the whole build, by the
run command and by the Dagster job alike (no Dagster import here: both call this module).

- The file holds who builds (pid, host, run id, start time), so the one who waits is told, once and at
  once, whose build it is waiting for.
- ``flock`` dies with its process: a build killed with SIGKILL cannot leave a lock behind. The
  contents it leaves are how the next build recognises a *stale* holder (a dead pid whose run never
  released the lock) and reports it, so that run can be marked failed.
- The lock is re-entrant within one process (the run command takes it, then the job it runs in the
  same process takes it again), and counts its holders.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from ingestion.process_guard import is_running

POLL_SECONDS = 0.2
DEFAULT_WAIT_SECONDS = 3600.0
WAIT_VARIABLE = "BUDGET_LOCK_WAIT_SECONDS"


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    run_id: str
    started_at: str

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host} (run {self.run_id}, started {self.started_at})"

    def is_alive(self) -> bool | None:
        """True/False for a process on this host; None when it runs elsewhere and cannot be checked."""
        return is_running(self.pid) if self.host == socket.gethostname() else None


class LockTimeout(Exception):
    """The warehouse stayed locked by another build for longer than we were willing to wait."""


def wait_seconds_from_environment() -> float:
    """``BUDGET_LOCK_WAIT_SECONDS`` (default one hour); 0 means fail at once if another build runs."""
    raw = os.environ.get(WAIT_VARIABLE, "").strip()
    return float(raw) if raw else DEFAULT_WAIT_SECONDS


# Locks this process holds: lock path → [open file, depth, holder, stale holder]. Re-entrant per process.
_held: dict[str, list] = {}


class BuildLock:
    """``with BuildLock(database).hold(run_id):`` — the build of ``database`` is ours until the block ends."""

    def __init__(self, database: Path) -> None:
        self.database = Path(database)
        self.path = self.database.with_name(self.database.name + ".lock")
        self.stale_holder: LockHolder | None = None

    def holder(self) -> LockHolder | None:
        """Who the lock file says holds (or last held without releasing) the lock."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8") or "null")
        except (OSError, ValueError):
            return None
        return LockHolder(**data) if isinstance(data, dict) else None

    def acquire(
        self, run_id: str, wait_seconds: float | None = None, on_wait: Callable[[str], None] | None = None
    ) -> LockHolder:
        """Take the lock, waiting up to ``wait_seconds`` (announced once through ``on_wait``).

        Raises :class:`LockTimeout` with a one-line message naming the holder when the wait runs out.
        Sets :attr:`stale_holder` when the previous holder died without releasing the lock.
        """
        key = str(self.path)
        if key in _held:
            _held[key][1] += 1
            self.stale_holder = _held[key][3]
            return _held[key][2]
        wait = wait_seconds_from_environment() if wait_seconds is None else wait_seconds
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the whole build
        deadline = time.monotonic() + wait
        announced = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = self.holder()
                if time.monotonic() >= deadline:
                    handle.close()
                    raise LockTimeout(self._busy_message(holder, wait)) from None
                if not announced and on_wait is not None:
                    on_wait(f"{self._busy_message(holder, None)}; waiting up to {wait:g} s ({WAIT_VARIABLE})")
                    announced = True
                time.sleep(POLL_SECONDS)
        previous = self.holder()
        if previous is not None and previous.pid != os.getpid():
            self.stale_holder = previous  # its process died holding the lock: flock released it for us
        holder = LockHolder(os.getpid(), socket.gethostname(), run_id, datetime.now(UTC).isoformat(timespec="seconds"))
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(asdict(holder)))
        handle.flush()
        _held[key] = [handle, 1, holder, self.stale_holder]
        return holder

    @contextmanager
    def hold(
        self, run_id: str, wait_seconds: float | None = None, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[LockHolder]:
        holder = self.acquire(run_id, wait_seconds, on_wait)
        try:
            yield holder
        finally:
            self.release()

    def release(self) -> None:
        key = str(self.path)
        entry = _held.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] > 0:
            return
        handle = entry[0]
        handle.seek(0)
        handle.truncate()  # an empty file: released cleanly, nothing stale to report
        handle.flush()
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()
        del _held[key]

    def held_here(self) -> bool:
        return str(self.path) in _held

    def _busy_message(self, holder: LockHolder | None, waited: float | None) -> str:
        who = holder.describe() if holder else "another process"
        busy = f"the warehouse {self.database} is being built by {who}"
        if waited is None:
            return busy
        return (
            f"{busy}; not waiting ({WAIT_VARIABLE}=0 or --no-wait)"
            if waited <= 0
            else f"{busy}; gave up after {waited:g} s"
        )
