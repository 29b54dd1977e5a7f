"""The ``warehouse_build`` resource: a run holds the build lock and owns a private build for its lifetime.

Every asset of the warehouse requires it, so any run that touches the warehouse (the whole job, a
subset from the UI, the schedule) first takes the lock of :mod:`orchestration.build_lock`; with the
in-process executor the resource lives exactly as long as the run. On the way in it prepares the
run's staging folder and build copy (:mod:`orchestration.publish`), points dbt at them through the
environment and, when the run has a dbt step, starts a dbt process (:mod:`orchestration.dbt_preload`); on
the way out it restores the environment, drops an unpublished copy and releases
the lock, whether the run succeeded or not.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg

from ingestion import config
from orchestration.build_lock import BuildLock, LockTimeout
from orchestration.dbt_preload import DBT_STEP, PreloadedDbt, preloaded_dbt
from orchestration.defs.build.runs import fail_run, tag_run_with_process
from orchestration.publish import WarehouseBuild

logger = logging.getLogger(__name__)


class ActiveBuild:
    """What assets see: this run's :class:`~orchestration.publish.WarehouseBuild`, and whether it is published."""

    def __init__(self, build: WarehouseBuild) -> None:
        self.build = build
        self.published = False
        self.preloaded_dbt: PreloadedDbt | None = None  # the run's early dbt process, while it has one

    def publish(self) -> None:
        self.build.publish()
        self.published = True


class WarehouseBuildResource(dg.ConfigurableResource):
    """Holds the warehouse build lock for the run; ``wait_seconds`` unset means ``BUDGET_LOCK_WAIT_SECONDS``."""

    wait_seconds: float | None = None

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[ActiveBuild]:
        log = context.log or logger
        database = config.duckdb_path()
        run_id = context.run_id or "adhoc"
        lock = BuildLock(database)
        try:
            lock.acquire(run_id, self.wait_seconds, on_wait=log.warning)
        except LockTimeout as timeout:
            raise dg.Failure(description=str(timeout), allow_retries=False) from None
        active = ActiveBuild(WarehouseBuild(database, run_id))
        try:
            self._note_process(context, lock, log)
            active.build.prepare()
            with config.environment_set(active.build.environment()), self._dbt_for(context, active.build) as dbt:
                active.preloaded_dbt = dbt
                yield active
        finally:
            if not active.published:
                active.build.discard()
                log.warning(f"run {run_id} did not publish; the warehouse {database} is unchanged")
            lock.release()

    @staticmethod
    def _dbt_for(context: dg.InitResourceContext, build: WarehouseBuild):
        """A dbt process importing dbt while the first steps run, when the run has a dbt step."""
        run = context.dagster_run
        steps = None if run is None else run.step_keys_to_execute
        if steps is not None and DBT_STEP not in steps:
            return contextlib.nullcontext()
        return preloaded_dbt(build.dbt_target_dir)

    @staticmethod
    def _note_process(context: dg.InitResourceContext, lock: BuildLock, log) -> None:
        instance = context.instance
        if instance is None or context.run_id is None:
            return
        tag_run_with_process(instance, context.run_id)
        stale = lock.stale_holder
        if stale is not None:
            log.warning(f"the previous build ({stale.describe()}) died holding the lock; recovered it")
            fail_run(instance, stale.run_id, f"the process running this build (pid {stale.pid}) died")
