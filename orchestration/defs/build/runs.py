"""Runs whose process died: mark them failed, so the one-at-a-time run queue moves on.

Dagster's run monitoring cannot see that a run worker of the default launcher died (it only times
out runs stuck starting), and runs of the run command (``execute_in_process``) have no worker it
could watch. So every build tags its run with its pid and host when it takes the build lock
(:mod:`orchestration.defs.build.resources`); a STARTED run whose process is gone on this host is
failed here, by the ``dead_run_sensor`` and by the run command before it starts.
"""

from __future__ import annotations

import os
import socket

import dagster as dg

from ingestion.process_guard import is_running

PID_TAG = "budget/pid"
HOST_TAG = "budget/host"


def tag_run_with_process(instance: dg.DagsterInstance, run_id: str) -> None:
    instance.add_run_tags(run_id, {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()})


def fail_run(instance: dg.DagsterInstance, run_id: str, why: str) -> bool:
    """Report ``run_id`` failed if it is still marked in progress; True if it was."""
    run = instance.get_run_by_id(run_id)
    if run is None or run.status not in {dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING}:
        return False
    instance.report_run_failed(run, message=why)
    return True


def fail_dead_runs(instance: dg.DagsterInstance) -> list[str]:
    """Fail every STARTED run tagged with a pid of this host that no longer exists; their run ids."""
    failed = []
    host = socket.gethostname()
    runs = instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED]))
    for run in runs:
        pid, run_host = run.tags.get(PID_TAG), run.tags.get(HOST_TAG)
        if pid and pid.isdigit() and run_host == host and int(pid) != os.getpid() and not is_running(int(pid)):
            if fail_run(instance, run.run_id, f"the process running this build (pid {pid}) died"):
                failed.append(run.run_id)
    return failed
