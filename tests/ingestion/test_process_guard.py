"""Which processes still run: the one check the build lock, the dead-run sweep and the dbt preload share."""

import os
import subprocess

from ingestion.process_guard import is_running


def test_a_live_process_runs_and_an_ended_one_does_not():
    ended = subprocess.Popen(["true"])
    ended.wait()
    assert is_running(os.getpid())
    assert not is_running(ended.pid)


def test_another_users_process_counts_as_running():
    assert is_running(1)  # init: os.kill(1, 0) may be refused, and the process still exists
