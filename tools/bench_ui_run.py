"""Benchmark: a run of ``warehouse_job`` launched the way the Dagster UI launches it, timed from the click.

    make dev                                   # webserver + daemon (or: dagster dev -m orchestration.definitions)
    python -m tools.bench_ui_run [http://127.0.0.1:3000] [--runs 2]

The run is submitted through the webserver's GraphQL API (what the Launchpad's "Materialize all"
sends), queued, dequeued by the daemon, and started by the run launcher in a new process that loads
the definitions: every cost a UI user waits for. Printed per run: seconds from submission to the end,
the part before the first step (queue, process start, loading the definitions), the steps' own seconds,
and the rest (between steps, and ending the run). The first run of a new warehouse builds everything;
the next ones, with nothing new in the inbox, show the fixed cost.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

TERMINAL = {"SUCCESS", "FAILURE", "CANCELED"}


def _timings(run_id: str) -> dict[str, float]:
    import dagster as dg

    names = ("RUN_START", "STEP_START", "STEP_SUCCESS", "STEP_FAILURE", "RUN_SUCCESS", "RUN_FAILURE")
    kinds = {dg.DagsterEventType[name] for name in names}
    events = dg.DagsterInstance.get().all_logs(run_id, of_type=kinds)
    starts: dict[str, float] = {}
    steps = 0.0
    first_step = run_end = None
    for event in events:
        kind = event.dagster_event.event_type
        if kind == dg.DagsterEventType.STEP_START:
            starts[event.step_key] = event.timestamp
            first_step = first_step or event.timestamp
        elif kind in (dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE):
            steps += event.timestamp - starts.get(event.step_key, event.timestamp)
        elif kind in (dg.DagsterEventType.RUN_SUCCESS, dg.DagsterEventType.RUN_FAILURE):
            run_end = event.timestamp
    return {"first_step": first_step or 0.0, "steps": steps, "end": run_end or time.time()}


def launch_and_time(url: str, timeout: float = 3600) -> str:
    from dagster_graphql import DagsterGraphQLClient

    host, _, port = url.removeprefix("http://").rstrip("/").partition(":")
    client = DagsterGraphQLClient(host, port_number=int(port or 80))
    submitted = time.time()
    run_id = client.submit_job_execution("warehouse_job")
    status = ""
    while time.time() - submitted < timeout:
        status = client.get_run_status(run_id).value
        if status in TERMINAL:
            break
        time.sleep(0.5)
    seen = time.time()
    timing = _timings(run_id)
    total = timing["end"] - submitted
    before = timing["first_step"] - submitted
    return (
        f"run {run_id[:8]} {status}: {total:.1f} s from submission to the end ({seen - submitted:.1f} s until the "
        f"client saw it); before the first step {before:.1f} s; steps {timing['steps']:.1f} s; "
        f"rest {total - before - timing['steps']:.1f} s; load {' '.join(f'{v:.1f}' for v in os.getloadavg())}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:3000")
    parser.add_argument("--runs", type=int, default=2, help="runs one after another (default 2)")
    arguments = parser.parse_args(argv)
    for _ in range(arguments.runs):
        print(launch_and_time(arguments.url), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
