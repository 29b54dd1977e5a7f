"""Per-run staging, a private build copy, and one atomic rename: readers only ever see whole warehouses.

A build used to write fixed staging file names and let dbt update the published DuckDB file in place:
a second build overwrote the first one's staging, a kill during dbt left new dimensions beside old
facts, and any connection open on the file (even read-only) made dbt fail or wait. Now, while holding
the :mod:`~orchestration.build_lock`, a run

1. removes what earlier, killed runs left behind (their staging folders and build copies);
2. writes its staging Parquet to ``<warehouse dir>/staging/current/`` (``BUDGET_STAGING_DIR`` for dbt);
3. lets dbt build ``<warehouse dir>/.build/current.duckdb`` (``BUDGET_BUILD_DUCKDB_PATH``), started as a
   copy of the published file so that incremental models keep their state; nobody else has it open.
   The copy (the whole warehouse: ~900 MB at 10,000 documents) is made in a thread while the run's first
   steps read the inbox and assemble the staging files, which never touch it; whoever asks for
   :attr:`WarehouseBuild.build_database` first (the dbt step) waits for it to be whole.
   Both names are fixed, not per run (only the lock holder ever uses them): dbt re-parses the whole
   project when the profile's path or an environment variable its sources read changes, and parsing
   costs more than the rest of dbt's work on a one-document increment. dbt keeps its artifacts and
   ``partial_parse.msgpack`` in ``<warehouse dir>/dbt_target/``, so the next run parses only what changed;
4. writes the report pages and exports to ``.build/<run id>.reports/`` and ``.build/<run id>.exports/``
   (a folder a step only partly rewrites starts as a copy of the published one, see
   :meth:`WarehouseBuild.working_folder`), and the step records of :mod:`orchestration.build_state`
   beside the copy;
5. publishes: checkpoints the copy, then ``os.replace`` puts it where the warehouse is, in one atomic
   rename, moves the step records beside it, and the report and export folders likewise. Connections
   already open keep reading the previous file (its inode lives on until they close); new ones see the
   new one. A stale ``.wal`` left by some other writer of the previous file is moved aside, since
   DuckDB refuses a WAL that belongs to another file. The replaced folders are deleted in a thread
   the run does not wait for (what it leaves, the next run deletes the same way).

A kill before step 5 leaves the published warehouse byte-identical; a kill during it leaves either the
old or the new file, never a mix; the next run cleans up without help. No Dagster import here: the run
command and the Dagster job both use this module.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)
BUILD_DIR_NAME = ".build"
STAGING_DIR_NAME = "staging"
PUBLISHED_FOLDERS = ("reports", "exports")  # folders beside the warehouse that describe it
CURRENT_BUILD = "current"  # the staging folder's and the build copy's name (one build at a time holds the lock)
DBT_TARGET_DIR_NAME = "dbt_target"
RECORD_SUFFIX = ".fingerprint"  # the step records of orchestration.build_state
REPLACED = ".previous-"  # .build/<run id>.previous-<folder>: a published folder a publish replaced


class _Copy(threading.Thread):
    """``source`` copied to ``target`` (through a temporary name) beside the caller's work."""

    def __init__(self, source: Path, target: Path) -> None:
        super().__init__(name="warehouse-build-copy", daemon=True)  # a killed build leaves only a .partial
        self.source, self.target = source, target
        self.error: BaseException | None = None

    def run(self) -> None:
        partial = self.target.with_name(self.target.name + ".partial")
        try:
            shutil.copyfile(self.source, partial)  # a plain read: readers and writers are not disturbed
            partial.replace(self.target)
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits for the copy
            self.error = error

    def wait(self) -> None:
        """Return once the copy is whole; raise what made it fail."""
        self.join()
        if self.error is not None:
            raise self.error


@dataclass(frozen=True)
class WarehouseBuild:
    """The files of one run's build of the warehouse at ``database``."""

    database: Path
    run_id: str
    _copying: list[_Copy] = field(default_factory=list, compare=False, repr=False)  # the copy prepare started

    @property
    def root(self) -> Path:
        return self.database.parent

    @property
    def staging_dir(self) -> Path:
        return self.root / STAGING_DIR_NAME / CURRENT_BUILD

    @property
    def build_database(self) -> Path:
        """The build copy dbt writes; once :meth:`prepare` has started it, asking waits until it is whole."""
        for copy in self._copying:
            copy.wait()
        return self._build_path

    @property
    def _build_path(self) -> Path:
        return self.root / BUILD_DIR_NAME / f"{CURRENT_BUILD}.duckdb"

    @property
    def dbt_target_dir(self) -> Path:
        """dbt's target folder for this warehouse: its artifacts, and the parse state the next run starts from."""
        return self.root / DBT_TARGET_DIR_NAME

    @property
    def build_reports_dir(self) -> Path:
        return self.build_folder("reports")

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    def build_folder(self, name: str) -> Path:
        """This run's version of the published folder ``name`` (one of ``PUBLISHED_FOLDERS``)."""
        return self.root / BUILD_DIR_NAME / f"{self.run_id}.{name}"

    def working_folder(self, name: str, linked: bool = False) -> Path:
        """``build_folder(name)``, started on first use as a copy of the published folder.

        Steps that rewrite only part of a folder (the audit report and the agency pages share
        ``reports/``, and either may be skipped on a run with no change) then publish a whole folder.
        A real copy by default: a writer that rewrites a file in place must not touch the published one.
        ``linked=True`` makes hard links instead (one ``link`` per file rather than copying every byte,
        which is what adding one document to thousands needs), for writers that only ever write a new
        file and rename it over the old name: a rename replaces the link, never the published file.
        """
        folder = self.build_folder(name)
        published = self.root / name
        if not folder.exists():
            if published.is_dir():
                shutil.copytree(published, folder, symlinks=True, copy_function=os.link if linked else shutil.copy2)
            else:
                folder.mkdir(parents=True)
        return folder

    def environment(self) -> dict[str, str]:
        """What dbt needs to read this run's staging and write this run's copy."""
        return {"BUDGET_STAGING_DIR": str(self.staging_dir), "BUDGET_BUILD_DUCKDB_PATH": str(self._build_path)}

    def prepare(self) -> None:
        """Clear what earlier runs left, create this run's folders, and start the copy from the published file
        (in a thread: :attr:`build_database` waits for it).

        Call only while holding the build lock: everything under ``staging/`` and ``.build/`` that is
        not this run's belongs to a run that is over (finished or killed).
        """
        removed = self._remove_other_runs()
        if removed:
            logger.info("removed %d leftovers of earlier runs: %s", len(removed), ", ".join(removed[:5]))
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        self._build_path.parent.mkdir(parents=True, exist_ok=True)
        _remove(self._build_path)
        _remove(_wal(self._build_path))
        if self.database.exists():
            copy = _Copy(self.database, self._build_path)
            self._copying.append(copy)
            copy.start()

    def publish(self) -> None:
        """Make the built copy the warehouse in one rename (then the report pages, likewise)."""
        if not self.build_database.exists():
            raise FileNotFoundError(f"nothing to publish: {self.build_database} was not built")
        _checkpoint(self.build_database)
        stale_wal = _wal(self.database)
        if stale_wal.exists():
            aside = self.root / BUILD_DIR_NAME / f"{self.run_id}.previous.wal"
            stale_wal.replace(aside)
            logger.warning(
                "moved %s aside to %s: another process wrote the previous warehouse read-write", stale_wal, aside
            )
        os.replace(self.build_database, self.database)
        for record in self.build_database.parent.glob(f"{self.build_database.name}.*{RECORD_SUFFIX}"):
            record.replace(self.root / (self.database.name + record.name.removeprefix(self.build_database.name)))
        _fsync_directory(self.root)
        replaced = []
        for name in PUBLISHED_FOLDERS:
            built = self.build_folder(name)
            if not built.is_dir():
                continue
            published = self.root / name
            previous = self.root / BUILD_DIR_NAME / f"{self.run_id}{REPLACED}{name}"
            if published.exists():
                published.replace(previous)
                replaced.append(previous)
            built.replace(published)
        _remove_in_background(replaced)
        logger.info("published %s (run %s)", self.database, self.run_id)

    def discard(self) -> None:
        """Drop this run's unpublished copy (its staging stays until the next run, for inspection)."""
        for copy in self._copying:
            copy.join()  # then nothing writes the copy any more, whether it succeeded or not
        for path in (
            self._build_path,
            _wal(self._build_path),
            self._build_path.with_name(self._build_path.name + ".partial"),
        ):
            _remove(path)
        for record in self._build_path.parent.glob(f"{self._build_path.name}.*{RECORD_SUFFIX}"):
            _remove(record)
        for name in PUBLISHED_FOLDERS:
            shutil.rmtree(self.build_folder(name), ignore_errors=True)

    def _remove_other_runs(self) -> list[str]:
        removed, replaced = [], []
        for folder in (self.root / STAGING_DIR_NAME, self.root / BUILD_DIR_NAME):
            if not folder.is_dir():
                continue
            for entry in folder.iterdir():
                if entry.name.startswith(self.run_id) or entry.name.endswith("-guarded"):
                    continue
                if REPLACED in entry.name and entry.is_dir() and not entry.is_symlink():
                    replaced.append(entry)  # no run reads them: removed beside this run's first steps
                elif entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    _remove(entry)
                removed.append(f"{folder.name}/{entry.name}")
        _remove_in_background(replaced)
        return removed


def _remove_in_background(folders: list[Path]) -> None:
    """Delete ``folders``, published folders a publish replaced (at 10,000 documents tens of thousands of
    report pages and images: seconds of ``unlink``), in a thread, so the run does not wait for it.

    A daemon thread: the process exits without waiting; what it had no time for, the next run's
    :meth:`WarehouseBuild.prepare` finds under ``.build/`` and hands to its own thread.
    """
    if folders:

        def remove() -> None:
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)

        threading.Thread(target=remove, name="remove-replaced-folders", daemon=True).start()


def _wal(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _checkpoint(database: Path) -> None:
    """Fold a leftover WAL into the file, so that the file alone is the whole warehouse."""
    if not _wal(database).exists():
        return
    from orchestration.duckdb_settings import connect

    with connect(database, read_only=False) as connection:
        connection.execute("checkpoint")


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable (a power cut after publish must not bring the old file back)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
