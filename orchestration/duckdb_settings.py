"""DuckDB's memory settings for the connections the orchestration opens, one home for their values.

DuckDB's default ``memory_limit`` is 80 % of the machine's RAM, per process: a build is several
processes (Dagster's, dbt's, the parse workers), each of which may hold DuckDB's buffers, so on a
big machine nothing stops their sum from passing the build's budget (peak under 2 GB at 10,000
documents), and DuckDB keeps what it once allocated for its buffer pool until the connection closes.
With an explicit limit DuckDB spills large sorts, joins and aggregates to ``temp_directory`` instead
(next to the warehouse, removed when the connection closes) and fails only if even that cannot help.

``BUDGET_DUCKDB_MEMORY_LIMIT`` overrides the limit (a DuckDB size: ``1GB``, ``600MB``) for a bigger machine;
the dbt profile (``dbt_project/profiles.yml``) reads the same variable with its own default, because dbt's
DuckDB runs the heavy models.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

MEMORY_LIMIT_VARIABLE = "BUDGET_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "512MB"  # the orchestration's reads and COPYs; dbt's default is in profiles.yml


def memory_limit() -> str:
    return os.environ.get(MEMORY_LIMIT_VARIABLE) or DEFAULT_MEMORY_LIMIT


def settings(database: str | Path | None = None) -> dict[str, str]:
    """The ``config`` for ``duckdb.connect``: the memory limit and a spill folder next to ``database`` (DuckDB's own
    default for a file, said explicitly; an in-memory database has none unless given one).

    Every connection of a process to one file must use the same settings (DuckDB refuses a second, differently
    configured connection while the first is open), so there is one set, not one per caller. Row order stays
    preserved: the exports write the rows they have sorted (orchestration/defs/exports/) in that order.
    """
    config = {"memory_limit": memory_limit()}
    if database is not None and str(database) != ":memory:":
        config["temp_directory"] = f"{database}.tmp"
    return config


def connect(database: str | Path, *, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect`` with :func:`settings` (read-only unless asked: the orchestration reads what dbt built)."""
    return duckdb.connect(str(database), read_only=read_only, config=settings(database))
