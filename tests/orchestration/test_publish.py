"""Per-run staging and the atomic publish: readers see the previous warehouse until one rename."""

import os
import signal
import subprocess
import sys

import duckdb
import pytest

from orchestration import build_state
from orchestration.publish import WarehouseBuild
from tests.conftest import PROJECT_ROOT


def _warehouse(path, value: int) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create or replace table t as select ? as x", [value])


def _value(path) -> int:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute("select x from t").fetchone()[0]


def _value_in_another_process(path) -> int:
    code = (
        f"import duckdb; print(duckdb.connect({str(path)!r}, read_only=True).execute('select x from t').fetchone()[0])"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    return int(completed.stdout)


def _built(database, run_id: str, value: int) -> WarehouseBuild:
    build = WarehouseBuild(database, run_id)
    build.prepare()
    _warehouse(build.build_database, value)  # what dbt does
    return build


def test_every_run_gives_dbt_the_same_paths_so_that_it_parses_only_what_changed(tmp_path):
    first, second = WarehouseBuild(tmp_path / "w.duckdb", "run-a"), WarehouseBuild(tmp_path / "w.duckdb", "run-b")
    assert first.environment() == second.environment()  # the lock keeps the runs apart
    assert first.environment()["BUDGET_STAGING_DIR"] == str(tmp_path / "staging" / "current")
    assert first.dbt_target_dir == second.dbt_target_dir == tmp_path / "dbt_target"
    assert first.build_folder("reports") != second.build_folder("reports")


def test_the_build_starts_as_a_copy_of_the_published_file(tmp_path):
    database = tmp_path / "w.duckdb"
    _warehouse(database, 1)
    build = WarehouseBuild(database, "run-a")
    build.prepare()
    assert _value(build.build_database) == 1
    _warehouse(build.build_database, 2)
    assert _value(database) == 1  # untouched until publish
    build.publish()
    assert _value(database) == 2 and not build.build_database.exists()


def test_leftovers_of_killed_runs_are_removed_by_the_next_run(tmp_path):
    database = tmp_path / "w.duckdb"
    killed = _built(database, "run-killed", 1)
    (killed.staging_dir / "documents.parquet").write_bytes(b"half")
    build_state.step_record(killed.build_database, "dbt").write_text("inputs-killed")
    (killed.build_folder("reports")).mkdir()
    following = WarehouseBuild(database, "run-next")
    following.prepare()
    assert not (following.staging_dir / "documents.parquet").exists()
    assert not build_state.step_record(following.build_database, "dbt").exists()
    assert not killed.build_folder("reports").exists() and not following.build_database.exists()  # nothing published


def test_open_read_only_and_read_write_connections_do_not_stop_the_publish(tmp_path):
    database = tmp_path / "w.duckdb"
    _warehouse(database, 1)
    reader = duckdb.connect(str(database), read_only=True)
    build = _built(database, "run-a", 2)
    build.publish()
    assert reader.execute("select x from t").fetchone()[0] == 1  # the open connection keeps the previous file
    reader.close()
    assert _value(database) == 2
    writer = duckdb.connect(str(database))  # a user's read-write session on the published file
    writer.execute("insert into t values (7)")
    build = _built(database, "run-b", 3)
    build.publish()
    assert _value_in_another_process(database) == 3  # a new reader sees the new warehouse, not the writer's WAL
    writer.execute("insert into t values (8)")  # the writer carries on with the previous file, unharmed
    assert _value_in_another_process(database) == 3
    writer.close()
    assert _value(database) == 3


PUBLISH_THEN_DIE = """
import os, signal, sys
from pathlib import Path
import duckdb
from orchestration.publish import WarehouseBuild
database, when = Path(sys.argv[1]), sys.argv[2]
build = WarehouseBuild(database, "run-killed")
build.prepare()
with duckdb.connect(str(build.build_database)) as connection:
    connection.execute("create or replace table t as select 2 as x")
real_replace = os.replace
def replace(source, target):
    if when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(source, target)
    if when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
build.publish()
"""


@pytest.mark.parametrize(("when", "expected"), [("before", 1), ("after", 2)])
def test_a_kill_during_publish_leaves_a_whole_warehouse_old_or_new(tmp_path, when, expected):
    database = tmp_path / "w.duckdb"
    _warehouse(database, 1)
    completed = subprocess.run([sys.executable, "-c", PUBLISH_THEN_DIE, str(database), when], cwd=PROJECT_ROOT,
                               capture_output=True, text=True, timeout=120)  # fmt: skip
    assert completed.returncode == -signal.SIGKILL, completed.stderr
    assert _value(database) == expected
    build = _built(database, "run-next", 3)  # the next run needs no manual cleanup
    build.publish()
    assert _value(database) == 3
    assert sorted(os.listdir(tmp_path / ".build")) == []


def test_step_records_and_folders_are_published_with_the_warehouse_or_not_at_all(tmp_path):
    database = tmp_path / "w.duckdb"
    first = _built(database, "run-a", 1)
    (first.working_folder("reports") / "index.html").write_text("first")
    (first.working_folder("reports") / "agencies").mkdir()
    (first.build_folder("exports")).mkdir()
    build_state.step_record(first.build_database, "dbt").write_text("inputs-a")
    assert not build_state.step_record(database, "dbt").exists()  # nothing beside the published file yet
    first.publish()
    assert build_state.step_record(database, "dbt").read_text() == "inputs-a"
    assert (tmp_path / "reports" / "index.html").read_text() == "first" and (tmp_path / "exports").is_dir()

    second = _built(database, "run-b", 2)  # a partly rewritten folder starts as the published one
    assert (second.working_folder("reports") / "index.html").read_text() == "first"
    (second.working_folder("reports") / "index.html").write_text("second")
    assert (tmp_path / "reports" / "index.html").read_text() == "first"  # a copy, not a link
    build_state.step_record(second.build_database, "dbt").write_text("inputs-b")
    second.discard()  # a failed run: neither its records nor its folders reach the warehouse
    assert build_state.step_record(database, "dbt").read_text() == "inputs-a"
    assert (tmp_path / "reports" / "index.html").read_text() == "first" and _value(database) == 1
    assert not list((tmp_path / ".build").glob("run-b*"))


def test_the_copy_is_made_beside_the_first_steps_and_waited_for_by_its_first_user(tmp_path, monkeypatch):
    import shutil
    import threading

    database = tmp_path / "w.duckdb"
    _warehouse(database, 1)
    release, copying = threading.Event(), threading.Event()
    copyfile = shutil.copyfile

    def slow_copy(source, target):
        copying.set()
        release.wait(30)
        return copyfile(source, target)

    monkeypatch.setattr(shutil, "copyfile", slow_copy)
    build = WarehouseBuild(database, "run-a")
    build.prepare()  # returns while the copy is still running
    assert copying.wait(30) and not build._build_path.exists()
    assert build.environment()["BUDGET_BUILD_DUCKDB_PATH"] == str(build._build_path)  # does not wait
    threading.Timer(0.2, release.set).start()
    assert _value(build.build_database) == 1  # waited for the whole copy


def test_a_copy_that_failed_fails_its_first_user_and_is_discarded(tmp_path, monkeypatch):
    import shutil

    database = tmp_path / "w.duckdb"
    _warehouse(database, 1)

    def disk_full(source, target):
        with open(target, "wb") as partial:
            partial.write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    build = WarehouseBuild(database, "run-a")
    build.prepare()
    with pytest.raises(OSError, match="No space left"):
        build.build_database.exists()
    build.discard()
    assert sorted(path.name for path in (tmp_path / ".build").iterdir()) == []
    assert _value(database) == 1


def _gone_soon(path, seconds: float = 30.0) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not path.exists()


def test_the_replaced_folders_are_removed_without_the_run_waiting_and_leftovers_by_the_next_run(tmp_path):
    database = tmp_path / "w.duckdb"
    _warehouse(database, 1)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "old.html").write_text("old")
    build = _built(database, "run-a", 2)
    (build.working_folder("reports") / "new.html").write_text("new")
    build.publish()
    assert sorted(path.name for path in (tmp_path / "reports").iterdir()) == ["new.html", "old.html"]
    assert _gone_soon(tmp_path / ".build" / "run-a.previous-reports")
    # a replaced folder a process had no time to delete before it exited
    left = tmp_path / ".build" / "run-b.previous-reports" / "pages"
    left.mkdir(parents=True)
    (left / "p1.png").write_bytes(b"png")
    following = _built(database, "run-c", 3)
    assert _gone_soon(tmp_path / ".build" / "run-b.previous-reports")
    assert _value(following.build_database) == 3 and _value(database) == 2
    assert (tmp_path / "reports" / "new.html").read_text() == "new"
