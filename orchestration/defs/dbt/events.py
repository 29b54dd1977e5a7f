"""dbt's events as Dagster events, and the dbt CLI resource without the start-up work this project never uses.

Every Dagster event of a run is a write to the instance's event log (on the SQLite instance of a single
machine, a connection opened, committed and closed: 15-100 ms each, whatever the CPU), so an add-one
run's dbt step cost more in events than in SQL. Three things keep that to what the run does:

- The dbt tests that only full builds run (``build_state.is_full_build_only_test``: the tests of the
  seeds, the documents' staging views, the intermediate tables and the subject classifications) are no
  asset checks, so no run plans them; on a full build dbt still runs them (an ``error`` failure still
  fails the step), and instead of one observation and one warning event per test dagster-dbt would
  record for a test that is no check, the step logs one line with their outcome and names those that
  did not pass.
- A mart's row count and columns arrive in dbt's event stream (its post-hook logs
  ``relation metadata: {...}``, dbt_project/macros/metadata) and go on its materialization at once, so
  the step writes its events while dbt runs instead of holding them until dbt has finished.
- ``BudgetDbtCliResource`` skips what dagster-dbt does before each dbt command for features this project
  does not use: ``dbt --version`` in a subprocess (the installed dbt-core's version is the same answer),
  and an in-process dbt adapter with the project's macros loaded, which only serves dagster-dbt's
  ``fetch_row_counts`` / ``fetch_column_metadata`` (the marts report theirs through the post-hook above;
  ``mart_metadata`` reads any a mart did not report after the build). Together several seconds of CPU per run.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from importlib.metadata import version as installed_version
from typing import Any

import dagster as dg
from dagster_dbt import DbtCliResource
from packaging import version

from orchestration.build_state import is_full_build_only_test, is_left_out_of_increments
from orchestration.defs.dbt.mart_metadata import MART_SCHEMA, relation_metadata

RELATION_METADATA = "relation metadata: "  # the prefix of the line log_relation_metadata.sql logs


class BudgetDbtCliResource(DbtCliResource):
    """dagster-dbt's dbt CLI resource, minus its per-command ``dbt --version`` and adapter start-up."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ARG002 - dagster-dbt's signature
        return None  # the adapter only serves fetch_row_counts / fetch_column_metadata, never called here


def _node_status(event: Any) -> str:
    return str(event.raw_event["data"].get("node_info", {}).get("node_status") or "unknown")


def _unique_id(event: Any) -> str | None:
    return event.raw_event["data"].get("node_info", {}).get("unique_id")


def _reported_metadata(event: Any) -> dict | None:
    """The row count and columns a mart's post-hook logged, or ``None`` for any other dbt event."""
    info = event.raw_event.get("info", {})
    message = str(info.get("msg") or "")
    if info.get("name") != "JinjaLogInfo" or not message.startswith(RELATION_METADATA):
        return None
    reported = json.loads(message[len(RELATION_METADATA) :])
    return relation_metadata(reported["row_count"], reported["columns"])


def dagster_events(invocation: Any, manifest: Mapping[str, Any], context: Any, log=None) -> Iterator:
    """The Dagster events of a dbt invocation (``DbtCliInvocation``), as ``invocation.stream()`` yields them,
    with the row count and columns a model reported on its ``Output``, and except the results of the
    full-build-only tests: those are counted by status and logged in one line."""
    outcomes: Counter = Counter()
    not_passed: list[str] = []
    reported: dict[str, dict] = {}
    nodes = manifest["nodes"]
    for event in invocation.stream_raw_events():
        unique_id = _unique_id(event)
        metadata = _reported_metadata(event)
        if metadata is not None and unique_id:
            reported[unique_id] = metadata
            continue
        if event.is_result_event and unique_id in nodes and is_full_build_only_test(nodes[unique_id]):
            status = _node_status(event)
            outcomes[status] += 1
            if status != "pass":
                not_passed.append(f"{nodes[unique_id]['name']} ({status})")
            continue
        for dagster_event in event.to_default_asset_events(
            manifest=invocation.manifest,
            dagster_dbt_translator=invocation.dagster_dbt_translator,
            context=context,
            target_path=invocation.target_path,
            project=invocation.project,
        ):
            if isinstance(dagster_event, dg.Output) and event.is_result_event and unique_id in reported:
                dagster_event = dagster_event.with_metadata({**dagster_event.metadata, **reported.pop(unique_id)})
            yield dagster_event
    if outcomes and log is not None:
        counts = ", ".join(f"{count} {status}" for status, count in sorted(outcomes.items()))
        listed = f"; not passed: {', '.join(not_passed)}" if not_passed else ""
        log.info(
            "dbt tests of the seeds, the staging views, the intermediate tables and the subject classifications "
            f"(full builds only): {counts}{listed}"
        )


LEFT_OUT = (
    "not rebuilt by this increment: its definition and inputs are those of the last full build (a view shows "
    "this run's rows when read)"
)


def left_out_marts(
    manifest: Mapping[str, Any], translator: Any, project: Any, selected_output_names: Iterable[str]
) -> Iterator[dg.Output]:
    """An ``Output`` for each selected mart an increment leaves out (``build_state.is_left_out_of_increments``:
    the views and the subject classifications). Dagster runs a step after dbt only once the assets it reads
    have been output, and these relations are current: the exports, the report and the agency pages read
    them. No row count: counting a view means running it (a million-row join for audit_reconciliation at
    10,000 documents), the work the increment leaves out."""
    selected = set(selected_output_names)
    for unique_id, node in sorted(manifest["nodes"].items()):
        if node.get("schema") != MART_SCHEMA or not is_left_out_of_increments(node):
            continue
        output_name = translator.get_asset_spec(manifest, unique_id, project).key.to_python_identifier()
        if output_name in selected:
            metadata = {"unique_id": unique_id, "status": "not rebuilt", "why": LEFT_OUT}
            yield dg.Output(None, output_name=output_name, metadata=metadata)
