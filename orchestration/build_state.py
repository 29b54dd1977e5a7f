"""Which build steps already hold the current inputs, so that a run with nothing new does nothing.

A run's inputs are the staging rows (which contents, under which parser version, at which paths)
and the dbt project itself. Ingestion computes their fingerprint and, when it differs from the one of
the staging files already written, writes the staging files and the new fingerprint next to them.
Each later step (``dbt build``, the report) records the fingerprint it has processed beside the
DuckDB file once it succeeded, and runs only when its record differs from the staging fingerprint.
Any change — a new, changed or deleted file, a new parser version, an edited model or seed, a
missing warehouse — changes the fingerprint or removes a record, and the steps run again.

The facts models are incremental by document (dbt_project/macros/documents). That is only right
while the models, the seeds and the parser are those that built the rows already in the warehouse,
so dbt runs with ``--full-refresh`` whenever their fingerprint differs from the recorded one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingestion import config
from ingestion.pipeline import PARSER_VERSION
from orchestration.dbt_manifest import DBT_PROJECT_DIR, project_files

STAGING_RECORD = "inputs.fingerprint"


def models_fingerprint() -> str:
    """The content of every dbt project file, and the parser version the staging rows come from."""
    digest = hashlib.sha256(PARSER_VERSION.encode())
    for path in project_files():
        digest.update(str(path.relative_to(DBT_PROJECT_DIR)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def inputs_fingerprint(staging_fingerprint: str) -> str:
    """The staging inputs' fingerprint combined with the models'."""
    return hashlib.sha256(f"{staging_fingerprint}|{models_fingerprint()}".encode()).hexdigest()


def needs_full_refresh() -> bool:
    """True unless the warehouse's incremental tables were built by these models, seeds and parser."""
    return _read(_step_record("models")) != models_fingerprint() or not config.duckdb_path().exists()


def record_models() -> None:
    """Called after a successful ``dbt build``: the incremental tables now follow these models."""
    _step_record("models").write_text(models_fingerprint())


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def _step_record(step: str) -> Path:
    database = config.duckdb_path()
    return database.with_name(f"{database.name}.{step}.fingerprint")


def staged_fingerprint() -> str | None:
    """The fingerprint of the staging files now in place (``None`` when there are none)."""
    return _read(config.staging_dir() / STAGING_RECORD)


def record_staged(fingerprint: str) -> None:
    """Called once the staging files of ``fingerprint`` are written, before dbt reads them."""
    (config.staging_dir() / STAGING_RECORD).write_text(fingerprint)


def step_is_current(step: str) -> bool:
    """True when ``step`` already succeeded on the staging files in place (and the warehouse exists)."""
    staged = staged_fingerprint()
    return staged is not None and config.duckdb_path().exists() and _read(_step_record(step)) == staged


def record_step(step: str) -> None:
    """Called after ``step`` succeeded on the staging files in place."""
    staged = staged_fingerprint()
    if staged is not None:
        _step_record(step).write_text(staged)
