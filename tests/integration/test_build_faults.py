"""Fault injection on the real run command: kills during parse and dbt, two builds at once, open readers.

Every build runs ``python -m orchestration.build_warehouse`` in a subprocess against a temporary
warehouse and Dagster home, as a user would. The tests run in order and share the warehouse: the
first publishes it, the kills must leave it byte-identical, and the concurrent builds that follow must
need no manual cleanup.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT, SAMPLE_FILES, SAMPLES
from tests.fixtures import bad_files
from tools.process_tree import command_line, descendants, process_stats

pytestmark = pytest.mark.slow
BUILD = [sys.executable, "-m", "orchestration.build_warehouse"]


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.database = root / "warehouse" / "budget.duckdb"
        self.home = root / "dagster_home"
        self.home.mkdir()
        shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", self.home / "dagster.yaml")
        self.inboxes: dict[str, Path] = {}

    def inbox(self, name: str, samples: list[str], extra=None) -> Path:
        folder = self.root / name
        folder.mkdir()
        for key in samples:
            shutil.copy(SAMPLES / SAMPLE_FILES[key], folder / SAMPLE_FILES[key])
        if extra:
            extra(folder)
        return folder

    def start(self, inbox: Path, log_name: str, **environment: str) -> subprocess.Popen:
        env = dict(os.environ, BUDGET_INBOX_DIRS=str(inbox), BUDGET_DUCKDB_PATH=str(self.database),
                   DAGSTER_HOME=str(self.home), DO_NOT_TRACK="1", **environment)  # fmt: skip
        env.pop("BUDGET_STAGING_DIR", None)
        env.pop("BUDGET_BUILD_DUCKDB_PATH", None)
        stdout = (self.root / f"{log_name}.out").open("w")
        stderr = (self.root / f"{log_name}.err").open("w")
        return subprocess.Popen(BUILD, cwd=PROJECT_ROOT, env=env, stdout=stdout, stderr=stderr)

    def log(self, log_name: str, stream: str = "out") -> str:
        return (self.root / f"{log_name}.{stream}").read_text(encoding="utf-8", errors="replace")

    def published_hash(self) -> str:
        return hashlib.sha256(self.database.read_bytes()).hexdigest()

    def lock_holder(self) -> dict | None:
        try:
            return json.loads((self.database.parent / "budget.duckdb.lock").read_text() or "null")
        except (OSError, ValueError):
            return None

    def documents(self) -> dict[str, str]:
        with duckdb.connect(str(self.database), read_only=True) as connection:
            return dict(connection.execute("select source_file, status from marts.dim_document").fetchall())


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _descendants(pid: int) -> dict[int, str]:
    """pid → command line of every live (not zombie) descendant of ``pid``."""
    live = {child: stat for child, stat in process_stats().items() if stat.state != "Z"}
    return {child: command_line(child) for child in descendants(pid, live)}


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _kill_and_check_children_die(build: subprocess.Popen, children: dict[int, str]) -> None:
    build.send_signal(signal.SIGKILL)
    build.wait(30)
    _wait_for(lambda: not any(_alive(pid) for pid in children), 30, f"children to die: {children}")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    return Site(tmp_path_factory.mktemp("faults"))


@pytest.fixture(scope="module")
def first_build(site: Site) -> str:
    inbox = site.inbox("inbox_first", ["zhuzhou"])
    build = site.start(inbox, "first")
    assert build.wait(1800) == 0, site.log("first") + site.log("first", "err")
    assert site.documents() == {SAMPLE_FILES["zhuzhou"]: "parsed"}
    return site.published_hash()


def test_a_kill_during_parsing_leaves_the_previous_warehouse_and_no_reader_behind(site, first_build):
    def slow_files(folder: Path) -> None:
        for index in range(4):  # each keeps a reader worker busy for seconds
            bad_files.deeply_nested_html(folder / f"deep_{index}.html", depth=200_000)

    build = site.start(site.inbox("inbox_parse", ["nagqu"], slow_files), "kill_parse")
    _wait_for(lambda: (site.lock_holder() or {}).get("pid") == build.pid, 300, "the build to take the lock")
    workers = _wait_for(
        lambda: {pid: cmd for pid, cmd in _descendants(build.pid).items() if "forkserver" in cmd or "spawn" in cmd},
        600, "a reader worker",
    )  # fmt: skip
    _kill_and_check_children_die(build, _descendants(build.pid) | workers)
    assert site.published_hash() == first_build


def test_a_kill_during_dbt_leaves_the_previous_warehouse_and_kills_dbt(site, first_build):
    build = site.start(site.inbox("inbox_dbt", ["nagqu"]), "kill_dbt")
    dbt = _wait_for(lambda: {p: c for p, c in _descendants(build.pid).items() if "dbt" in c}, 900, "dbt to start")
    time.sleep(3)  # let dbt write part of the build copy
    _kill_and_check_children_die(build, _descendants(build.pid) | dbt)
    assert site.published_hash() == first_build
    assert site.documents() == {SAMPLE_FILES["zhuzhou"]: "parsed"}


HOLD_OPEN = (
    "import duckdb, sys, time\n"
    "c = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'ro')\n"
    "c.execute('select count(*) from marts.dim_document').fetchall()\n"
    "print('open', flush=True)\n"
    "time.sleep(3600)\n"
)


def _hold_open(site: Site, mode: str) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(site.database), mode],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert holder.stdout.readline().strip() == "open"
    return holder


def test_two_builds_at_once_with_readers_holding_the_file(site, first_build):
    """Two builds are serialized with a message naming the holder, each publishes its own documents, and
    connections open on the published file (read-only during the first, read-write during the second;
    DuckDB admits no read-write opener while another process reads) block neither."""
    holders = [_hold_open(site, "ro")]
    try:
        first = site.start(site.inbox("inbox_two", ["nagqu", "xiamen"]), "concurrent_first")
        _wait_for(lambda: (site.lock_holder() or {}).get("pid") == first.pid, 300, "the first build to take the lock")
        started = time.monotonic()
        second = site.start(site.inbox("inbox_one", ["mancheng"]), "concurrent_second")
        message = _wait_for(lambda: site.log("concurrent_second", "err").strip(), 60, "the waiting message")
        waited_for_message = time.monotonic() - started
        print(f"lock conflict -> message: {waited_for_message:.2f} s (including interpreter start)")
        assert f"pid {first.pid}" in message and "\n" not in message and "Traceback" not in message
        assert waited_for_message < 15
        assert first.wait(1800) == 0, site.log("concurrent_first") + site.log("concurrent_first", "err")
        assert "documents parsed: 2" in site.log("concurrent_first")
        holders.append(_hold_open(site, "rw"))  # on the file the first build published
        assert second.wait(1800) == 0, site.log("concurrent_second") + site.log("concurrent_second", "err")
        assert "documents parsed: 1" in site.log("concurrent_second")
    finally:
        for holder in holders:
            holder.kill()
            holder.wait()
    assert site.documents() == {SAMPLE_FILES["mancheng"]: "parsed"}
    leftovers = [path.name for path in (site.database.parent / ".build").iterdir() if not path.name.endswith(".wal")]
    assert leftovers == [], leftovers
    assert len(list((site.database.parent / "staging").iterdir())) == 1  # only the published run's staging


def test_the_killed_runs_are_marked_failed_in_the_instance(site):
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(site.home)
    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs()
    statuses = sorted(run.status.value for run in runs)
    assert "STARTED" not in statuses, statuses
    assert statuses.count("FAILURE") == 2 and statuses.count("SUCCESS") == 3
