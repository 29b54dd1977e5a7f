"""The Dagster instance's event log: Dagster's SQLite storage, without a new connection and a disk sync per event.

Every Dagster event of a run is a write to the instance's event log. Dagster's ``SqliteEventLogStorage``
creates an engine and opens a connection for each write, two or three per event (the run's own database,
then the index database that the UI's asset pages read), and SQLite's default ``synchronous=FULL`` makes
each commit wait for the disk. An add-one run writes ~840 events: measured on the events of a
10,000-document run, stored again one by one, 9.5 s (6.3 s CPU) with Dagster's storage and 1.5 s
(1.4 s CPU) with this one; on a machine whose disk is busy the wait for the disk grows, not the CPU.

This storage keeps Dagster's files and tables (``<DAGSTER_HOME>/history/runs/``: the UI, the daemon and
the ``dagster`` commands read the same history), and changes three things:

- one engine per database, whose connections stay open between writes (for the few databases used last:
  a process reading the history of many runs does not keep a file open per run); after a write the run's
  file gets a new time, which is what the UI's live view of a run waits for (``_announce``);
- ``PRAGMA synchronous=NORMAL`` on each connection: the databases are in WAL mode, where a commit then
  survives the crash of any process and only the last commits can be lost if the machine loses power,
  the database staying consistent. This is run history, not the warehouse;
- a batch of events (Dagster hands over the run's planned materializations and checks as one batch when
  ``DAGSTER_EVENT_BATCH_SIZE`` is set, which this storage does for its process unless it is set already:
  the run command, the webserver that plans a UI run and the run workers all create it) is written in one
  transaction per database, not one per event.

``dagster_home/dagster.yaml`` names this class as the ``event_log_storage``.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as db
from dagster import StringSource
from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.event_log.sqlite.sqlite_event_log import INDEX_SHARD_NAME
from dagster._serdes import ConfigurableClassData

EVENT_BATCH_SIZE = "1000"  # events Dagster hands over at once, at most (the ~280 planned events of a run)
OPEN_DATABASES = 8  # engines kept: the index and the runs written or read last
BUSY_TIMEOUT_SECONDS = 30  # as Dagster's: how long a write waits for another process's transaction


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    connection.execute("pragma synchronous=normal")


def _changes(connection: db.Connection) -> int:
    """Rows the SQLite connection has changed since it was opened."""
    return connection.connection.dbapi_connection.total_changes


class PooledSqliteEventLogStorage(SqliteEventLogStorage):
    """Dagster's SQLite event log under ``<dagster_home>/history/runs``, with pooled connections,
    ``synchronous=NORMAL`` and one transaction per batch of events."""

    def __init__(self, dagster_home: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._dagster_home = dagster_home
        self._engines: OrderedDict[str, db.Engine] = OrderedDict()
        self._batch = threading.local()  # .connections: shard → connection of the batch this thread writes
        os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", EVENT_BATCH_SIZE)  # read by Dagster when it stores events
        super().__init__(str(Path(dagster_home) / "history" / "runs"), inst_data=inst_data)

    @classmethod
    def config_type(cls) -> Mapping[str, Any]:
        return {"dagster_home": StringSource}

    @classmethod
    def from_config_value(cls, inst_data: ConfigurableClassData | None, config_value: Mapping[str, Any]):
        return cls(inst_data=inst_data, **config_value)

    def _engine(self, shard: str) -> db.Engine:
        """The shard's engine (created, and its database initialised, on first use); call under ``_db_lock``."""
        engine = self._engines.get(shard)
        if engine is not None:
            self._engines.move_to_end(shard)
            return engine
        engine = db.create_engine(self.conn_string_for_shard(shard), connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
        db.event.listen(engine, "connect", _sqlite_pragmas)
        if shard not in self._initialized_dbs:
            self._initdb(engine)
            self._initialized_dbs.add(shard)
        self._engines[shard] = engine
        while len(self._engines) > OPEN_DATABASES:
            _, evicted = self._engines.popitem(last=False)
            evicted.dispose()
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[db.Connection]:
        batch: dict[str, db.Connection] | None = getattr(self._batch, "connections", None)
        if batch is not None:  # this thread holds _db_lock for the whole batch
            connection = batch.get(shard)
            if connection is None:
                connection = batch[shard] = self._engine(shard).connect()
                connection.begin()
            yield connection
            return
        with self._db_lock:
            with self._engine(shard).connect() as connection:
                changes = _changes(connection)
                with connection.begin():
                    yield connection
                if _changes(connection) != changes:
                    self._announce(shard)

    def _announce(self, shard: str) -> None:
        """Tell processes watching the run's events (the UI's run page) that it has new ones.

        Dagster's watch waits for its database file to change. Dagster's storage closed its connection
        after every write, and SQLite then copies the WAL into the file; a connection kept open leaves the
        new rows in the WAL (where every reader sees them) until a later checkpoint, so the file's time
        is set instead: the same notification, without a write or a disk sync.
        """
        if shard != INDEX_SHARD_NAME:
            try:
                os.utime(self.path_for_shard(shard))
            except OSError:
                pass

    def store_event_batch(self, events: Sequence[Any]) -> None:
        """Store ``events`` in one transaction per database: all of them or, on an error, none (Dagster
        then stores them one by one)."""
        with self._db_lock:
            self._batch.connections = {}
            try:
                for event in events:
                    self.store_event(event)
                for connection in self._batch.connections.values():
                    connection.commit()
                for shard in self._batch.connections:
                    self._announce(shard)
            finally:
                for connection in self._batch.connections.values():
                    connection.close()  # rolls back what was not committed
                self._batch.connections = None

    def _dispose_engines(self) -> None:
        with self._db_lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()

    def wipe(self) -> None:
        self._dispose_engines()  # the run databases' files are deleted
        super().wipe()

    def dispose(self) -> None:
        self._dispose_engines()
        super().dispose()
