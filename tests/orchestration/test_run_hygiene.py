"""Run hygiene: dead runs are failed so the queue moves, failed runs are reported, dbt dies with its build."""

import json
import os
import signal
import subprocess
import sys
import time

import dagster as dg

from orchestration.definitions import defs
from orchestration.defs.build import sensors
from orchestration.defs.build.runs import HOST_TAG, PID_TAG, fail_dead_runs


def _started_run(instance: dg.DagsterInstance, tags: dict) -> str:
    run = instance.create_run_for_job(defs.resolve_job_def("warehouse_job"), tags=tags)
    instance.handle_new_event(  # what a run worker reports when it starts
        dg.EventLogEntry(
            error_info=None, level="debug", user_message="", run_id=run.run_id, timestamp=time.time(),
            dagster_event=dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name=run.job_name),
        )
    )  # fmt: skip
    assert instance.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.STARTED
    return run.run_id


def test_a_started_run_whose_process_died_is_marked_failed():
    import socket

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with dg.instance_for_test() as instance:
        orphan = _started_run(instance, {PID_TAG: str(dead.pid), HOST_TAG: socket.gethostname()})
        alive = _started_run(instance, {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()})
        elsewhere = _started_run(instance, {PID_TAG: str(dead.pid), HOST_TAG: "another-host"})
        assert fail_dead_runs(instance) == [orphan]
        assert instance.get_run_by_id(orphan).status == dg.DagsterRunStatus.FAILURE
        assert instance.get_run_by_id(alive).status == dg.DagsterRunStatus.STARTED
        assert instance.get_run_by_id(elsewhere).status == dg.DagsterRunStatus.STARTED


def test_run_monitoring_is_on_in_the_project_instance():
    import yaml

    from tests.conftest import PROJECT_ROOT

    settings = yaml.safe_load((PROJECT_ROOT / "dagster_home" / "dagster.yaml").read_text(encoding="utf-8"))
    assert settings["run_monitoring"]["enabled"] is True
    assert settings["run_monitoring"]["start_timeout_seconds"] > 0


def test_hygiene_sensors_are_registered_and_running_by_default():
    for name in ("warehouse_failure_sensor", "dead_run_sensor"):
        assert defs.resolve_sensor_def(name).default_status == dg.DefaultSensorStatus.RUNNING


def test_a_failed_run_is_appended_to_the_failure_log(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGET_DUCKDB_PATH", str(tmp_path / "budget.duckdb"))

    @dg.op
    def broken():
        raise RuntimeError("dbt exploded")

    @dg.job
    def failing():
        broken()

    with dg.instance_for_test() as instance:
        result = failing.execute_in_process(instance=instance, raise_on_error=False)
        failure = next(event for event in result.all_events if event.event_type == dg.DagsterEventType.RUN_FAILURE)
        context = dg.build_run_status_sensor_context(
            sensor_name="warehouse_failure_sensor", dagster_event=failure, dagster_instance=instance,
            dagster_run=result.dagster_run,
        ).for_run_failure()  # fmt: skip
        sensors.warehouse_failure_sensor(context)
    record = json.loads((tmp_path / sensors.FAILURE_LOG_NAME).read_text(encoding="utf-8").splitlines()[-1])
    assert record["run_id"] == result.run_id and record["message"]


def test_the_dbt_wrapper_dies_with_the_process_that_started_it(tmp_path):
    """What dagster-dbt starts is the guarded wrapper: SIGKILL the build and its dbt goes too."""
    from ingestion.process_guard import guarded_executable

    sleeper = tmp_path / "sleeper"
    sleeper.write_text("#!/bin/sh\nsleep 120\n", encoding="utf-8")
    sleeper.chmod(0o755)
    wrapper = guarded_executable(str(sleeper), tmp_path / "bin")
    code = (
        "import subprocess, sys, time\n"
        f"child = subprocess.Popen([{wrapper!r}])\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    time.sleep(1.0)  # the wrapper arms the signal, then becomes the sleeper
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{child}/stat", encoding="utf-8") as stat:
            if stat.read().split()[2] == "Z":
                return  # dead, waiting to be reaped by init
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the guarded child outlived its parent")
