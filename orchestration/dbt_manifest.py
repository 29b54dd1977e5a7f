"""Where the dbt project lives, which dbt binary runs it, and how its manifest is (re)built."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ingestion import config

DBT_PROJECT_DIR = config.PROJECT_ROOT / "dbt_project"


def put_dbt_on_path() -> None:
    """dagster-dbt's dev-mode preparer calls plain ``dbt``: make it the one beside this interpreter."""
    import os

    directory = str(Path(sys.executable).parent)
    if directory not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = directory + os.pathsep + os.environ.get("PATH", "")


def dbt_executable() -> str:
    """The dbt next to this interpreter, so Dagster works without an activated virtualenv."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def parse_dbt_project() -> Path:
    """Write ``target/manifest.json`` with ``dbt parse`` (in-process; no network, no warehouse writes)."""
    from dbt.cli.main import dbtRunner

    config.export_environment()
    args = ["parse", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR), "--quiet"]
    outcome = dbtRunner().invoke(args)
    if not outcome.success:
        raise RuntimeError(f"dbt parse failed: {outcome.exception}")
    return DBT_PROJECT_DIR / "target" / "manifest.json"
