"""The build lock: one build at a time, a clear one-line message at once, stale holders recovered."""

import os
import signal
import subprocess
import sys
import time

import pytest

from orchestration.build_lock import BuildLock, LockTimeout
from tests.conftest import PROJECT_ROOT

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from orchestration.build_lock import BuildLock\n"
    "with BuildLock(Path(sys.argv[1])).hold('other-run'):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(float(sys.argv[2]))\n"
)


@pytest.fixture
def holder(tmp_path):
    """Another process holding the lock of ``tmp_path/budget.duckdb`` (killed after the test)."""
    database = tmp_path / "budget.duckdb"

    def start(seconds: float = 60) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", HOLD, str(database), str(seconds)], cwd=PROJECT_ROOT,
                                   stdout=subprocess.PIPE, text=True)  # fmt: skip
        assert process.stdout.readline().strip() == "held"
        started.append(process)
        return process

    started: list[subprocess.Popen] = []
    yield database, start
    for process in started:
        process.kill()
        process.wait()


def test_the_lock_is_reentrant_and_released_clean(tmp_path):
    lock = BuildLock(tmp_path / "budget.duckdb")
    first = lock.acquire("run-1", wait_seconds=0)
    assert lock.acquire("run-1", wait_seconds=0) == first  # the run command, then its job
    assert lock.holder().pid == os.getpid() and lock.holder().run_id == "run-1"
    lock.release()
    assert lock.held_here()
    lock.release()
    assert not lock.held_here() and lock.holder() is None


def test_a_second_build_is_told_at_once_who_holds_the_lock(holder):
    database, start = holder
    other = start()
    messages: list[tuple[float, str]] = []
    began = time.monotonic()
    with pytest.raises(LockTimeout) as timeout:
        BuildLock(database).acquire("mine", wait_seconds=1.0, on_wait=lambda m: messages.append((time.monotonic(), m)))
    assert len(messages) == 1, "the wait is announced once"
    assert messages[0][0] - began < 1.0
    assert f"pid {other.pid}" in messages[0][1] and "other-run" in messages[0][1]
    assert f"pid {other.pid}" in str(timeout.value) and "\n" not in str(timeout.value)


def test_the_second_build_proceeds_when_the_first_finishes(holder):
    database, start = holder
    start(seconds=1.5)
    began = time.monotonic()
    lock = BuildLock(database)
    lock.acquire("mine", wait_seconds=30)
    assert 0.5 < time.monotonic() - began < 20
    assert lock.stale_holder is None  # the first one released it properly
    lock.release()


def test_a_holder_killed_with_sigkill_leaves_a_stale_lock_that_is_recovered(holder):
    database, start = holder
    other = start()
    os.kill(other.pid, signal.SIGKILL)
    other.wait()
    lock = BuildLock(database)
    lock.acquire("mine", wait_seconds=0)
    assert lock.stale_holder is not None
    assert (lock.stale_holder.pid, lock.stale_holder.run_id) == (other.pid, "other-run")
    assert lock.stale_holder.is_alive() is False
    lock.release()


def test_the_run_command_exits_at_once_with_one_line_when_told_not_to_wait(holder):
    database, start = holder
    other = start()
    environment = dict(os.environ, BUDGET_DUCKDB_PATH=str(database), DAGSTER_HOME=str(database.parent))
    began = time.monotonic()
    command = [sys.executable, "-m", "orchestration.build_warehouse", "--no-wait"]
    completed = subprocess.run(command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 3
    assert time.monotonic() - began < 30
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and f"pid {other.pid}" in lines[0] and "Traceback" not in completed.stderr
