"""Where the dbt project lives, which dbt binary runs it, and how its manifest is (re)built.

Loading the Dagster definitions needs ``target/manifest.json``. ``dbt parse`` takes several seconds,
and every process that loads the definitions (the UI's code server, each run launched from the UI)
would pay it, so the manifest is parsed only when it is missing or older than a file of the project.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ingestion import config

DBT_PROJECT_DIR = config.PROJECT_ROOT / "dbt_project"
PROJECT_SOURCES = ("models", "macros", "seeds", "tests", "dbt_project.yml", "profiles.yml")


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


def project_files() -> list[Path]:
    """Every file whose change can change the manifest or the models dbt builds."""
    files: list[Path] = []
    for name in PROJECT_SOURCES:
        path = DBT_PROJECT_DIR / name
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return [path for path in files if path.exists()]


def manifest_is_stale() -> bool:
    manifest = DBT_PROJECT_DIR / "target" / "manifest.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime_ns
    return any(path.stat().st_mtime_ns > built for path in project_files())


def ensure_manifest() -> Path:
    """``target/manifest.json``, parsed again only when a project file is newer than it."""
    return parse_dbt_project() if manifest_is_stale() else DBT_PROJECT_DIR / "target" / "manifest.json"
