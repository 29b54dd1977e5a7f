"""The schedule's time zone, the in-process job, and the inbox sensor (new, changed and removed files)."""

from __future__ import annotations

import dagster as dg
import pytest

from orchestration.definitions import defs
from orchestration.defs.jobs import inbox_sensor


def test_schedule_runs_daily_at_three_in_shanghai():
    schedule = defs.resolve_schedule_def("warehouse_schedule")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 3 * * *", "Asia/Shanghai")
    assert "Asia/Shanghai" in schedule.description
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED


def test_job_runs_in_one_process():
    assert defs.resolve_job_def("warehouse_job").executor_def.name == dg.in_process_executor.name


def test_sensor_is_off_by_default():
    assert defs.resolve_sensor_def("inbox_sensor").default_status == dg.DefaultSensorStatus.STOPPED


@pytest.fixture
def inbox(tmp_path, monkeypatch):
    folder = tmp_path / "inbox"
    folder.mkdir()
    monkeypatch.setenv("BUDGET_INBOX_DIRS", str(folder))
    return folder


def _evaluate(cursor: str | None):
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(instance=instance, cursor=cursor)
        result = inbox_sensor(context)
        return result, context.cursor


def test_sensor_requests_a_run_for_a_new_file_once(inbox):
    _, empty = _evaluate(None)
    (inbox / "a.txt").write_text("厦门市委网信办2020年部门预算", encoding="utf-8")
    request, cursor = _evaluate(empty)
    assert isinstance(request, dg.RunRequest) and cursor != empty
    assert request.run_key is None  # a run key would stop a build when the inbox returns to an earlier state
    skipped, same = _evaluate(cursor)
    assert isinstance(skipped, dg.SkipReason) and same == cursor


def test_sensor_notices_changed_and_removed_files(inbox):
    path = inbox / "a.txt"
    path.write_text("v1", encoding="utf-8")
    _, first = _evaluate(None)
    path.write_text("version 2", encoding="utf-8")
    changed, second = _evaluate(first)
    assert isinstance(changed, dg.RunRequest) and second != first
    path.unlink()
    removed, third = _evaluate(second)
    assert isinstance(removed, dg.RunRequest) and third not in (first, second)
