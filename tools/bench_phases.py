"""Where a no-change run and an add-one run spend their time, phase by phase, on a warehouse already built.

    python -m tools.bench_corpus --documents 500 --workdir /tmp/bench500     # builds the warehouse once
    python -m tools.bench_phases --workdir /tmp/bench500 --no-change 1 --add 2  # then as often as needed

Each run is ``python -m orchestration.build_warehouse`` in a fresh process, as ``make run`` does it, against
the workdir's inbox, warehouse and Dagster instance (given the instance settings of the measured checkout,
``dagster_home/dagster.yaml``). An add-one run first writes the next synthetic
document into the inbox (so the warehouse grows by one per run). Printed per run: wall and CPU seconds of
the process tree, the load average, and the phases read back from the Dagster instance and from dbt's
artifacts:

- ``start``: from the process start to the run's first event (Python, imports, definitions, checks
  before the run); ``plan``: Dagster recording the run's planned materializations and checks;
- ``init``: the run start until the first step (the build lock, the build copy);
- one figure per step; for dbt also its parse (``perf_info.json``) and the node seconds by kind, the
  slowest nodes named;
- ``end``: from the last step to the process exit (the run summary); ``events``: events the run wrote;
- the peak memory of the process tree in each step (``before`` / ``after`` the steps too), split into the
  build process, the parse workers and dbt (:mod:`tools.memory_trace`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

from tools.bench_corpus import PROJECT_ROOT, environment, generate, run_build, use_project_instance_settings

NUMBERED = re.compile(r"^[tp](\d{6})")
SLOWEST_NODES = 4


def next_index(inbox: Path) -> int:
    """The index of the next synthetic document (one past the highest in the inbox)."""
    numbers = [int(match.group(1)) for path in inbox.iterdir() if (match := NUMBERED.match(path.name))]
    return max(numbers, default=-1) + 1


def run_events(dagster_home: Path, run_id: str) -> list:
    import dagster as dg
    from dagster._core.instance.ref import InstanceRef

    os.environ["DAGSTER_HOME"] = str(dagster_home)  # the instance settings may name their folder by it
    instance = dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(dagster_home)))
    return list(instance.all_logs(run_id))


def _kind(event) -> str:
    return event.dagster_event.event_type_value if event.dagster_event else ""


def dagster_phases(events: list, started: float, ended: float) -> list[tuple[str, float]]:
    """(phase, seconds) from the run's events: start, plan, init, each step, end."""
    kinds = sorted(((event.timestamp, _kind(event), event) for event in events), key=lambda item: item[0])
    if not kinds:
        return []
    phases = [("start", kinds[0][0] - started)]
    pipeline_start = next((t for t, kind, _ in kinds if kind == "PIPELINE_START"), kinds[0][0])
    phases.append(("plan", pipeline_start - kinds[0][0]))
    step_starts = {event.step_key: t for t, kind, event in kinds if kind == "STEP_START"}
    first_step = min(step_starts.values(), default=pipeline_start)
    phases.append(("init", first_step - pipeline_start))
    last = first_step
    for t, kind, event in kinds:
        if kind in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in step_starts:
            phases.append((event.step_key, t - step_starts[event.step_key]))
            last = max(last, t)
    phases.append(("end", ended - last))
    return phases


def newest_dbt_target(after: float, roots: list[Path]) -> Path | None:
    """The dbt target folder written last by the run (dagster-dbt gives each invocation its own)."""
    candidates = [
        results.parent
        for root in roots
        if root.is_dir()
        for results in root.glob("**/run_results.json")
        if results.stat().st_mtime >= after
    ]
    return max(candidates, key=lambda path: path.stat().st_mtime, default=None)


def dbt_breakdown(target: Path) -> str:
    """dbt's parse seconds, node seconds by resource type, and the slowest nodes."""
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    by_kind: Counter = Counter()
    counts: Counter = Counter()
    nodes = []
    for result in results.get("results", []):
        kind = result["unique_id"].split(".")[0]
        by_kind[kind] += result.get("execution_time") or 0.0
        counts[kind] += 1
        nodes.append((result.get("execution_time") or 0.0, result["unique_id"].split(".")[-1]))
    parts = [f"dbt elapsed {results.get('elapsed_time', 0):.1f}"]
    perf = target / "perf_info.json"
    if perf.exists():
        info = json.loads(perf.read_text(encoding="utf-8"))
        partial = "partial" if info.get("is_partial_parse_enabled") and info.get("path_count") is not None else ""
        parts.append(f"parse {info.get('load_all_elapsed', 0):.1f} {partial}".rstrip())
    parts += [f"{kind} {counts[kind]}× {seconds:.1f}" for kind, seconds in by_kind.most_common()]
    slowest = ", ".join(f"{name} {seconds:.1f}" for seconds, name in sorted(nodes, reverse=True)[:SLOWEST_NODES])
    return "; ".join(parts) + f"; slowest: {slowest}"


def measure(workdir: Path, label: str, project: Path) -> None:
    env = environment(workdir)
    log = workdir / "phases.log"
    started_wall = time.time()
    measured = run_build(env, log, cwd=project)
    # the build process's exit, not the return of run_build, which then reads the steps back in a process of its own
    ended_wall = started_wall + measured.wall
    text = log.read_text(encoding="utf-8")
    run_ids = re.findall(r"\(run id ([0-9a-f-]+)\)", text)
    print(measured.describe(label).splitlines()[0], flush=True)
    print(f"{'':<24} peak memory by step: {measured.memory or 'no samples'}", flush=True)
    if not run_ids or measured.returncode not in (0, 1):
        print(f"{'':<24} no run recorded", flush=True)
        return
    events = run_events(workdir / "dagster_home", run_ids[-1])
    phases = dagster_phases(events, started_wall, ended_wall) if events and events[0].timestamp >= started_wall else []
    listed = " ".join(f"{name}={seconds:.1f}" for name, seconds in phases) or "no Dagster run (skipped before it)"
    print(f"{'':<24} phases: {listed}; events {len(events) if phases else 0}", flush=True)
    target = newest_dbt_target(started_wall, [project / "dbt_project" / "target", workdir / "warehouse"])
    if target is not None:
        print(f"{'':<24} dbt: {dbt_breakdown(target)}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, required=True, help="a workdir built by tools.bench_corpus")
    parser.add_argument("--no-change", type=int, default=1, help="no-change runs (first)")
    parser.add_argument("--add", type=int, default=1, help="add-one runs (after the no-change runs)")
    parser.add_argument("--project", type=Path, default=PROJECT_ROOT, help="the checkout whose code builds")
    arguments = parser.parse_args(argv)
    inbox = arguments.workdir / "inbox"
    if not (arguments.workdir / "warehouse" / "budget.duckdb").exists():
        raise SystemExit(f"no warehouse in {arguments.workdir}: build it with tools.bench_corpus first")
    use_project_instance_settings(arguments.workdir, arguments.project)
    documents = len(list(inbox.iterdir()))
    print(f"{documents} documents in {inbox}; code from {arguments.project}", flush=True)
    for _ in range(arguments.no_change):
        measure(arguments.workdir, "no-change run", arguments.project)
    for _ in range(arguments.add):
        index = next_index(inbox)
        generate(inbox, 1, 0.0, start=index)
        measure(arguments.workdir, f"add one to {len(list(inbox.iterdir())) - 1}", arguments.project)
    return 0


if __name__ == "__main__":
    sys.exit(main())
