"""The two environment variables that steer every entry point (Dagster, the run command, tests).

``BUDGET_INBOX_DIRS``: folders to read documents from, separated by ``:``
(default ``warehouse/samples:warehouse/inbox``).
``BUDGET_DUCKDB_PATH``: the warehouse file (default ``warehouse/budget.duckdb``).
``BUDGET_PARSE_WORKERS``: how many processes parse documents at once (default: one per CPU core).
``BUDGET_REFERENCE_DIR``: the user's official classification lists (default ``warehouse/reference``).
``BUDGET_REVIEWS_DIR``: reviewers' decisions on findings (default ``warehouse/reviews``).

Relative paths are resolved against the project root, never the current directory, because dbt runs
with ``cwd=dbt_project/`` and would otherwise look somewhere else. Staging Parquet files live in a
``staging/`` folder next to the DuckDB file, so one variable moves the whole warehouse.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INBOX_DIRS = "warehouse/samples:warehouse/inbox"
DEFAULT_DUCKDB_PATH = "warehouse/budget.duckdb"
DEFAULT_REFERENCE_DIR = "warehouse/reference"
DEFAULT_REVIEWS_DIR = "warehouse/reviews"


def _absolute(path: str) -> Path:
    candidate = Path(path).expanduser()
    return candidate if candidate.is_absolute() else (PROJECT_ROOT / candidate).resolve()


def inbox_dirs() -> list[Path]:
    raw = os.environ.get("BUDGET_INBOX_DIRS") or DEFAULT_INBOX_DIRS
    return [_absolute(part) for part in raw.split(":") if part.strip()]


def duckdb_path() -> Path:
    return _absolute(os.environ.get("BUDGET_DUCKDB_PATH") or DEFAULT_DUCKDB_PATH)


def reference_dir() -> Path:
    """The user's official classification lists, which override the bundled seeds (see its README.md)."""
    return _absolute(os.environ.get("BUDGET_REFERENCE_DIR") or DEFAULT_REFERENCE_DIR)


def reviews_dir() -> Path:
    """Reviewers' decisions on findings (CSV files keyed by check_id, see its README.md); dbt reads every
    ``*.csv`` in it, so a review survives rebuilds and a file dropped in needs no change to the dbt project."""
    return _absolute(os.environ.get("BUDGET_REVIEWS_DIR") or DEFAULT_REVIEWS_DIR)


def staging_dir() -> Path:
    """The parent of the per-run staging folders (``staging/<run id>/``, see orchestration/publish.py).

    Exported as ``BUDGET_STAGING_DIR`` so that ``dbt parse`` resolves the sources; a build points it at
    its own run's folder while dbt runs.
    """
    return duckdb_path().parent / "staging"


def parse_store_dir() -> Path:
    """The content-addressed parse store (ingestion/parse_store.py), beside the warehouse it feeds."""
    return duckdb_path().parent / "parse_store"


def parse_workers() -> int:
    """Processes that parse documents at once: ``BUDGET_PARSE_WORKERS``, else one per CPU core."""
    raw = os.environ.get("BUDGET_PARSE_WORKERS", "").strip()
    return max(1, int(raw)) if raw else max(1, os.cpu_count() or 1)


def reports_dir() -> Path:
    return duckdb_path().parent / "reports"


def export_environment() -> dict[str, str]:
    """Absolute values of the variables, for child processes (dbt) that run in another directory."""
    os.environ["BUDGET_DUCKDB_PATH"] = str(duckdb_path())
    os.environ["BUDGET_STAGING_DIR"] = str(staging_dir())
    os.environ["BUDGET_REFERENCE_DIR"] = str(reference_dir())
    os.environ["BUDGET_REVIEWS_DIR"] = str(reviews_dir())
    os.environ.setdefault("DO_NOT_TRACK", "1")
    return {
        "BUDGET_DUCKDB_PATH": os.environ["BUDGET_DUCKDB_PATH"],
        "BUDGET_STAGING_DIR": os.environ["BUDGET_STAGING_DIR"],
        "BUDGET_REFERENCE_DIR": os.environ["BUDGET_REFERENCE_DIR"],
        "BUDGET_REVIEWS_DIR": os.environ["BUDGET_REVIEWS_DIR"],
    }


@contextmanager
def environment_set(values: Mapping[str, str]) -> Iterator[None]:
    """Set these variables for the block, then put back what was there (unset stays unset): a build
    points dbt at its private copy and staging folder only while it runs."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
