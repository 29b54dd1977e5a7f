"""The assets that write files from the built warehouse (reports, agency pages, exports) run once per
build: a step already done on the same staged inputs and models is skipped, and reported as not rewritten.
"""

# no ``from __future__ import annotations``: Dagster reads the context annotation of ``run`` as an object

from collections.abc import Callable

import dagster as dg

from orchestration import build_state

Writer = Callable[[dg.AssetExecutionContext, object], dg.MaterializeResult]
Asset = Callable[[dg.AssetExecutionContext], dg.MaterializeResult]


def once_per_build(
    step: str, unchanged: str
) -> Callable[[Writer], Callable[[dg.AssetExecutionContext], dg.MaterializeResult]]:
    """Wrap ``write(context, build)``: skipped with the log line ``unchanged`` when ``step`` is current,
    recorded as done once it has written."""

    def decorate(write: Writer) -> Asset:
        def run(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
            build = context.resources.warehouse_build.build
            if build_state.step_is_current(step, build.staging_dir):
                context.log.info(f"{unchanged}: not rewritten")
                return dg.MaterializeResult(metadata={"rewritten": False})
            result = write(context, build)
            build_state.record_step(step, build.staging_dir, build.build_database)
            return result

        run.__name__, run.__doc__ = write.__name__, write.__doc__
        return run

    return decorate
