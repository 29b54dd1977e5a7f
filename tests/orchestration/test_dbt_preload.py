"""The dbt process a run starts early: the dbt wrapper hands it the command, and dbt's output, exit status
and warehouse writes are what the wrapper's own dbt would have given."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import duckdb

from ingestion import config
from orchestration import dbt_preload
from orchestration.dbt_manifest import DBT_PROJECT_DIR
from orchestration.defs.build.resources import WarehouseBuildResource
from orchestration.defs.dbt.assets import dbt_resource


def _dbt(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    """The wrapper dagster-dbt runs as dbt, run as dagster-dbt runs it (stderr into stdout)."""
    return subprocess.run(
        [dbt_resource().dbt_executable, *arguments],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "DO_NOT_TRACK": "1", **environment},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )


def test_the_wrapper_hands_one_command_to_the_preloaded_process_and_runs_the_next_itself():
    with dbt_preload.preloaded_dbt() as preloaded:
        assert preloaded is not None and os.environ[dbt_preload.SOCKET_VARIABLE] == str(preloaded.socket)
        handed = _dbt("--version")
        assert not preloaded.socket.exists()  # taken: the process serves this one command
        itself = _dbt("--version")
    assert dbt_preload.SOCKET_VARIABLE not in os.environ
    assert handed.returncode == itself.returncode == 0
    assert "Core:" in handed.stdout and "duckdb:" in handed.stdout
    assert handed.stdout == itself.stdout


def test_dbt_failing_in_the_preloaded_process_fails_the_wrapper_with_dbts_status_and_message():
    with dbt_preload.preloaded_dbt():
        handed = _dbt("ls", "--select", "no_such_method:x")
    itself = _dbt("ls", "--select", "no_such_method:x")
    assert handed.returncode == itself.returncode == 2
    assert "'no_such_method' is not a valid method name" in handed.stdout


def _build_two_models(target: Path, **environment: str) -> subprocess.CompletedProcess:
    models = "int_reviews_latest stg_reviews__reviews"
    return _dbt("run", "--select", models, "--target-path", str(target), **environment)


def _tables(database: Path) -> list[tuple]:
    with duckdb.connect(str(database)) as connection:  # a writer, as the step after dbt is
        return connection.sql("select table_name from information_schema.tables order by 1").fetchall()


def test_a_command_with_the_runs_environment_uses_the_parse_done_ahead_and_frees_the_warehouse(tmp_path, monkeypatch):
    """As in a run: the build's variables are set before the process starts. dbt then does not parse (it
    writes no partial parse of its own), and the file can be opened as soon as the wrapper has exited."""
    database = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("BUDGET_BUILD_DUCKDB_PATH", str(database))
    with dbt_preload.preloaded_dbt():
        built = _build_two_models(tmp_path / "target")
        assert built.returncode == 0, built.stdout
        assert _tables(database) == [("int_reviews_latest",), ("stg_reviews__reviews",)]
    assert not (tmp_path / "target" / "partial_parse.msgpack").exists()
    assert "Done. PASS=2" in built.stdout


def test_a_command_with_other_inputs_parses_in_the_callers_environment(tmp_path):
    """The wrapper's environment names another reviews folder than the process started with: the parse
    done ahead does not fit, dbt parses (and writes its partial parse), reading the wrapper's variables."""
    database, reviews = tmp_path / "warehouse.duckdb", tmp_path / "reviews"
    reviews.mkdir()
    header = (config.reviews_dir() / "reviews.template.csv").read_text(encoding="utf-8")
    (reviews / "reviews.csv").write_text(header, encoding="utf-8")
    with dbt_preload.preloaded_dbt():
        built = _build_two_models(
            tmp_path / "target", BUDGET_BUILD_DUCKDB_PATH=str(database), BUDGET_REVIEWS_DIR=str(reviews)
        )
        assert built.returncode == 0, built.stdout
        assert _tables(database) == [("int_reviews_latest",), ("stg_reviews__reviews",)]
    assert (tmp_path / "target" / "partial_parse.msgpack").exists()
    assert str(reviews) in (
        tmp_path / "target" / "run" / "budget_warehouse" / "models" / "staging" / "reviews" / "stg_reviews__reviews.sql"
    ).read_text(encoding="utf-8")


def test_the_wrapper_runs_dbt_itself_when_nobody_listens(tmp_path):
    gone = _dbt("--version", **{dbt_preload.SOCKET_VARIABLE: str(tmp_path / "nobody.socket")})
    assert gone.returncode == 0 and "Core:" in gone.stdout


def _context(steps):
    return SimpleNamespace(dagster_run=SimpleNamespace(step_keys_to_execute=steps))


def test_a_run_starts_a_preloaded_dbt_only_when_it_has_a_dbt_step(tmp_path):
    build = SimpleNamespace(dbt_target_dir=tmp_path)
    preloaded = type(dbt_preload.preloaded_dbt())
    assert isinstance(WarehouseBuildResource._dbt_for(_context(None), build), preloaded)
    assert isinstance(WarehouseBuildResource._dbt_for(_context(["ingested", dbt_preload.DBT_STEP]), build), preloaded)
    with WarehouseBuildResource._dbt_for(_context(["reports__audit_report"]), build) as started:
        assert started is None and dbt_preload.SOCKET_VARIABLE not in os.environ


def test_the_dbt_step_is_the_one_the_resource_looks_for():
    from orchestration.defs.dbt.assets import budget_dbt_models

    assert budget_dbt_models.op.name == dbt_preload.DBT_STEP


def test_the_parse_done_ahead_starts_from_and_keeps_the_builds_partial_parse(tmp_path):
    """dbt's saved parse of the build's target folder (where a run's dbt commands write theirs) is where the
    parse ahead starts, and it is updated there, as a command's own parse would update it."""
    build_target = tmp_path / "dbt_target"
    build_target.mkdir()
    with dbt_preload.preloaded_dbt(build_target):
        listed = _dbt("ls", "--select", "int_reviews_latest", "--target-path", str(tmp_path / "elsewhere"))
    assert listed.returncode == 0 and "budget_warehouse.intermediate.reviews.int_reviews_latest" in listed.stdout
    assert (build_target / "partial_parse.msgpack").stat().st_size > 100_000  # the command did not write it
    assert not (tmp_path / "elsewhere" / "partial_parse.msgpack").exists()  # the command did not parse


def test_an_interrupt_of_the_wrapper_stops_dbt_in_the_preloaded_process(tmp_path, monkeypatch):
    """dagster-dbt stops a step's dbt with SIGINT to the executable it started: the wrapper passes it on."""
    monkeypatch.setenv("BUDGET_BUILD_DUCKDB_PATH", str(tmp_path / "warehouse.duckdb"))
    endless = "select count(*) from range(100000000000) as t(x) where x % 7 = 3"  # minutes of DuckDB work
    with dbt_preload.preloaded_dbt():
        command = [dbt_resource().dbt_executable, "show", "--inline", endless]
        running = subprocess.Popen(command, cwd=DBT_PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output = b""
        for line in iter(running.stdout.readline, b""):  # until dbt has started in the preloaded process
            output += line
            if b"Running with dbt" in line:
                break
        time.sleep(2)
        running.send_signal(signal.SIGINT)
        output += running.communicate(timeout=60)[0]
    assert running.returncode == 2
    assert b"KeyboardInterrupt" in output


def test_a_run_with_many_documents_to_parse_stops_its_preloaded_dbt_and_dbt_runs_itself():
    with dbt_preload.preloaded_dbt() as preloaded:
        assert not preloaded.stop_if_parsing(1) and not preloaded.stop_if_parsing(dbt_preload.PARSE_LIMIT)
        assert preloaded.stop_if_parsing(dbt_preload.PARSE_LIMIT + 1)
        assert preloaded.process.poll() is not None and dbt_preload.SOCKET_VARIABLE not in os.environ
        assert not preloaded.stop_if_parsing(10_000)  # once
        itself = _dbt("--version")
    assert itself.returncode == 0 and "Core:" in itself.stdout


def test_the_wrapper_runs_dbt_itself_when_the_preloaded_process_died():
    with dbt_preload.preloaded_dbt() as preloaded:
        preloaded.process.kill()
        preloaded.process.wait()
        assert os.environ[dbt_preload.SOCKET_VARIABLE] == str(preloaded.socket)  # still named: nobody listens
        itself = _dbt("--version")
    assert itself.returncode == 0 and "Core:" in itself.stdout


def test_the_folders_of_killed_runs_are_removed_and_those_of_running_ones_kept(tmp_path):
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = tmp_path / f"{dbt_preload.FOLDER_PREFIX}{gone.pid}-abc"
    running = tmp_path / f"{dbt_preload.FOLDER_PREFIX}{os.getpid()}-def"
    other = tmp_path / "budget-dbt-notapid"
    for folder in (stale, running, other):
        (folder / "target").mkdir(parents=True)
    assert dbt_preload.remove_stale_folders(tmp_path) == [stale]
    assert not stale.exists() and running.exists() and other.exists()
