"""The benchmark's memory trace: which process is which, and the peak of each step window."""

import os
import subprocess
import sys
import time

import pytest

from tools.memory_trace import MemoryTrace, Sample, describe_peaks, peaks_by_window, process_kind, run_windows


def test_process_kind_tells_the_build_workers_and_dbt_apart():
    assert process_kind(10, 10, "/venv/bin/python -m orchestration.build_warehouse") == "main"
    spawn = "/venv/bin/python -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, pipe_handle=7)"
    assert process_kind(11, 10, spawn) == "workers"
    assert process_kind(12, 10, "/venv/bin/python /venv/bin/dbt build --select x") == "dbt"
    assert process_kind(13, 10, "dbt build") == "dbt"
    assert process_kind(15, 10, "/venv/bin/python /p/dbt_project/target/bin/dbt-guarded build") == "dbt"
    assert process_kind(16, 10, "/venv/bin/python -m orchestration.dbt_preload /tmp/budget-dbt-x/dbt.socket") == "dbt"
    assert process_kind(14, 10, "/venv/bin/python -m dbtlike") == "other"


def _sample(at: float, main: float, dbt: float = 0.0) -> Sample:
    return Sample(at, {"main": main, "workers": 0.0, "dbt": dbt, "other": 0.0})


def test_peaks_by_window_takes_the_highest_sample_of_each_step():
    samples = [_sample(0.5, 100), _sample(1.5, 300), _sample(2.0, 200, dbt=400), _sample(2.5, 250), _sample(4.0, 90)]
    windows = run_windows([("dbt_build", 1.8, 3.0), ("ingest", 1.0, 1.8)], started=0.0, ended=4.0)
    assert [name for name, _, _ in windows] == ["before", "ingest", "dbt_build", "after"]
    peaks = {peak.name: peak for peak in peaks_by_window(samples, windows)}
    assert peaks["before"].peak.total == 100
    assert peaks["ingest"].peak.total == 300
    assert peaks["dbt_build"].peak.total == 600
    assert peaks["dbt_build"].seconds == pytest.approx(1.2)
    assert peaks["after"].peak.total == 90
    assert describe_peaks([peaks["dbt_build"]]) == "dbt_build 600 MB (main 200 dbt 400)"


def test_a_window_without_samples_is_left_out_of_the_description():
    peaks = peaks_by_window([_sample(5.0, 100)], run_windows([("exports", 1.0, 2.0)], 0.0, 6.0))
    assert peaks[1].peak is None
    assert describe_peaks(peaks) == "after 100 MB (main 100)"


def test_the_trace_samples_a_child_process_as_other():
    child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(64 * 2**20); time.sleep(1.5)"])
    try:
        trace = MemoryTrace(os.getpid(), lambda: child.poll() is None)
        trace.start()
        time.sleep(1.0)
        assert trace.samples, "no sample taken"
        assert max(sample.megabytes["other"] for sample in trace.samples) >= 64
        assert trace.samples[-1].megabytes["main"] > 0
    finally:
        child.wait()
        trace.join()
