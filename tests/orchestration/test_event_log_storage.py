"""The project's event log storage: Dagster's SQLite files, written with pooled connections and batches."""

import os
import shutil

import dagster as dg
import pytest
from dagster._core.events import AssetMaterializationPlannedData
from dagster._core.instance.ref import InstanceRef
from dagster._core.storage.event_log import SqliteEventLogStorage

from orchestration import event_log_storage
from orchestration.event_log_storage import PooledSqliteEventLogStorage
from tests.conftest import PROJECT_ROOT


@dg.asset(check_specs=[dg.AssetCheckSpec("positive", asset="numbers")])
def numbers():
    yield dg.Output([1, 2, 3])
    yield dg.AssetCheckResult(check_name="positive", passed=True)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A Dagster home with the project's instance settings."""
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    return tmp_path


def test_the_project_instance_uses_it_in_dagsters_folder(home):
    instance = dg.DagsterInstance.get()
    assert isinstance(instance.event_log_storage, PooledSqliteEventLogStorage)
    assert instance.event_log_storage._base_dir == str(home / "history" / "runs")


def test_a_run_it_recorded_reads_the_same_with_dagsters_own_storage(home, monkeypatch):
    monkeypatch.setenv("DAGSTER_EVENT_BATCH_SIZE", "unset below")  # restored (absent) after the test
    monkeypatch.delenv("DAGSTER_EVENT_BATCH_SIZE")
    instance = dg.DagsterInstance.get()
    # the storage has Dagster hand over the planned events as one batch, in whatever process creates it
    assert os.environ["DAGSTER_EVENT_BATCH_SIZE"] == event_log_storage.EVENT_BATCH_SIZE
    result = dg.materialize([numbers], instance=instance)
    assert result.success
    plain = SqliteEventLogStorage(str(home / "history" / "runs"))
    kinds = [event.dagster_event_type for event in plain.get_logs_for_run(result.run_id) if event.is_dagster_event]
    assert kinds.count(dg.DagsterEventType.ASSET_MATERIALIZATION_PLANNED) == 1
    assert kinds.count(dg.DagsterEventType.ASSET_CHECK_EVALUATION_PLANNED) == 1
    assert kinds.count(dg.DagsterEventType.ASSET_MATERIALIZATION) == 1
    assert kinds[-1] == dg.DagsterEventType.RUN_SUCCESS
    # the index database the UI's asset pages read: the materialization and the check's evaluation
    fresh = dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(home)))
    assert fresh.get_latest_materialization_event(dg.AssetKey("numbers")).run_id == result.run_id
    check = dg.AssetCheckKey(dg.AssetKey("numbers"), "positive")
    record = fresh.event_log_storage.get_asset_check_execution_history(check, limit=1)[0]
    assert record.run_id == result.run_id and record.status.value == "SUCCEEDED"


def _planned(run_id: str, asset: str) -> dg.EventLogEntry:
    event = dg.DagsterEvent.build_asset_materialization_planned_event(
        "job", "step", AssetMaterializationPlannedData(dg.AssetKey(asset), partition=None)
    )
    return dg.EventLogEntry(
        error_info=None, level="debug", user_message="", run_id=run_id, timestamp=1.0, dagster_event=event
    )


def test_a_batch_is_stored_whole_or_not_at_all(tmp_path, monkeypatch):
    storage = PooledSqliteEventLogStorage(str(tmp_path))
    storage.store_event_batch([_planned("run-a", "one"), _planned("run-a", "two")])
    assert len(storage.get_logs_for_run("run-a")) == 2
    original = storage._store_asset_event

    def fail_on_the_second(connection, event, event_id):
        if event.dagster_event.asset_key == dg.AssetKey("two"):
            raise RuntimeError("disk full")
        original(connection, event, event_id)

    monkeypatch.setattr(storage, "_store_asset_event", fail_on_the_second)
    with pytest.raises(RuntimeError):
        storage.store_event_batch([_planned("run-b", "one"), _planned("run-b", "two")])
    assert storage.get_logs_for_run("run-b") == []
    with storage.index_connection() as connection:  # nor in the index database the asset pages read
        runs = connection.exec_driver_sql("select run_id, count(*) from event_logs group by run_id").fetchall()
    assert runs == [("run-a", 2)]
    storage.store_event(_planned("run-b", "one"))  # the storage is usable after a failed batch
    assert len(storage.get_logs_for_run("run-b")) == 1


def test_connections_skip_the_disk_sync_and_few_databases_stay_open(tmp_path, monkeypatch):
    monkeypatch.setattr(event_log_storage, "OPEN_DATABASES", 3)
    storage = PooledSqliteEventLogStorage(str(tmp_path))
    for number in range(6):
        storage.store_event(_planned(f"run-{number}", "one"))
    assert len(storage._engines) == 3
    with storage.run_connection("run-5") as connection:
        assert connection.exec_driver_sql("pragma synchronous").scalar() == 1  # NORMAL
        assert connection.exec_driver_sql("pragma journal_mode").scalar() == "wal"
    assert [len(storage.get_logs_for_run(f"run-{number}")) for number in range(6)] == [1] * 6
    storage.dispose()
    assert storage._engines == {}


def test_a_watcher_elsewhere_sees_each_new_event_while_the_connection_stays_open(tmp_path):
    import threading

    writer, reader = PooledSqliteEventLogStorage(str(tmp_path)), PooledSqliteEventLogStorage(str(tmp_path))
    writer.store_event(_planned("run-w", "zero"))  # the run's database exists, as once a run has started
    seen: list[str] = []
    arrived = threading.Event()

    def callback(event, _cursor):
        seen.append(event.dagster_event.asset_key.path[0])
        arrived.set()

    reader.watch("run-w", None, callback)  # what the UI's run page does, in the webserver's process
    try:
        for name in ("one", "two"):
            arrived.clear()
            writer.store_event(_planned("run-w", name))
            assert arrived.wait(10), f"the watcher was not told about {name}"
        assert seen[-1] == "two" and "one" in seen
    finally:
        reader.end_watch("run-w", callback)
        reader.dispose()
