"""Which build steps already hold the current inputs, so that a run with nothing new does nothing.

A run's inputs are the staging rows (which contents, under which parser version, at which paths)
and the dbt project itself. Ingestion computes their fingerprint and writes it beside the run's
staging files. Each later step (``dbt build``, the report) records the fingerprint it has processed
beside the run's build copy once it succeeded; publishing the copy moves those records beside the
published DuckDB file (:mod:`orchestration.publish`), so the records always describe the warehouse
they sit beside. A step runs only when the published record differs from this run's staging
fingerprint. Any change — a new, changed or deleted file, a new parser version, an edited model or
seed, a review or classification list dropped in, a missing warehouse — changes the fingerprint or
removes a record, and the steps run again; a build that fails publishes neither the warehouse nor its
records.

The facts and reconciliation models are incremental by document (dbt_project/macros/documents). That is only right
while the models, the seeds and the parser are those that built the rows already in the warehouse
(the build copy starts as a copy of the published file), so dbt runs with ``--full-refresh`` whenever
their fingerprint differs from the published record.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingestion import config
from ingestion.pipeline import PARSER_VERSION
from orchestration.dbt_manifest import DBT_PROJECT_DIR, project_files

STAGING_RECORD = "inputs.fingerprint"
INBOX_RECORD = "inbox.fingerprint"  # beside the staging files; published as the "inbox" step record
RECORD_SUFFIX = ".fingerprint"


def _update_with_files(digest, files: list[Path], root: Path) -> None:
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _csv_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.csv")) if directory.is_dir() else []


def models_fingerprint() -> str:
    """The content of every dbt project file, of the user's classification lists (they decide subject
    names in the incremental facts), the parser version the staging rows come from, and the folders the
    staging views read (their SQL names them, and an increment does not recreate them)."""
    digest = hashlib.sha256(PARSER_VERSION.encode())
    digest.update(f"|{config.staging_dir()}|{config.reviews_dir()}|".encode())
    _update_with_files(digest, project_files(), DBT_PROJECT_DIR)
    _update_with_files(digest, _csv_files(config.reference_dir()), config.reference_dir())
    return digest.hexdigest()


def reviews_fingerprint() -> str:
    """The content of the review files: a review dropped in or written by tools/review.py is a new input
    (audit_reconciliation and the report show it), though no document changed."""
    digest = hashlib.sha256()
    _update_with_files(digest, _csv_files(config.reviews_dir()), config.reviews_dir())
    return digest.hexdigest()


def inputs_fingerprint(staging_fingerprint: str) -> str:
    """The staging inputs' fingerprint combined with the models' and the reviews'."""
    combined = f"{staging_fingerprint}|{models_fingerprint()}|{reviews_fingerprint()}"
    return hashlib.sha256(combined.encode()).hexdigest()


# dbt unit tests check the SQL against fixed fixture rows, never the documents' rows: `make test` runs
# them (every dbt build of tests/dbt includes them) and no warehouse build does, as dbt advises for
# production (static inputs, no compute to spend on them). They were over half of dbt's node time in a
# full build of the samples (32 of 59 thread-seconds).
UNIT_TESTS = "resource_type:unit_test"

# What only a change of the seeds, the reference lists, the SQL, the parser or the warehouse's folder can
# change is done by every full build and left out of an increment (build_state makes the run a
# --full-refresh when any of them changed):
# - reloading the seeds;
# - recreating the views: a view names its tables or its Parquet and CSV files, and DuckDB reads them when
#   queried, so the same view shows this run's rows (the documents' staging views, the reviews' view, the
#   marts that project a per-document table);
# - rebuilding the subject classifications (REFERENCE_MODELS: built from the seeds and the user's
#   reference lists alone);
# - the data tests of the documents' staging views, of the intermediate tables (their rows reach the
#   marts), of the seeds and of the subject classifications.
# Every other data test runs on every build, those of the views left out included (they read this run's
# rows): the marts' tests, the findings counts of the run summary among them, and those of the review files
# (a person's input, which a run may bring with no change of the SQL). dbt's cost is per node, not per row,
# so these ~220 nodes were most of an increment. The increment selects with `--indirect-selection empty`:
# leaving a model out leaves out its tests only where a test path says so (dbt's default would also drop
# every test reading the model, such as a fact's relationship to a subject dimension).
DOCUMENT_VIEWS = "models/staging/ingested"
REFERENCE_MODELS = ("models/intermediate/subjects", "models/marts/subjects")
FULL_BUILD_ONLY_TEST_PATHS = ("seeds", DOCUMENT_VIEWS, "models/intermediate", *REFERENCE_MODELS)
FULL_BUILD_ONLY = (
    "resource_type:seed",
    "resource_type:model,config.materialized:view",
    *(f"resource_type:model,path:{path}" for path in REFERENCE_MODELS),
    *(f"resource_type:test,path:{path}" for path in FULL_BUILD_ONLY_TEST_PATHS),
)


def _under(path: str, folders: tuple[str, ...]) -> bool:
    return any(path == folder or path.startswith(folder + "/") for folder in folders)


def is_full_build_only_test(node: dict) -> bool:
    """True for a dbt test of the manifest that only full builds run, as dbt selects ``FULL_BUILD_ONLY``
    in an increment (indirect selection empty: by the test's own file). Such a test is no Dagster asset
    check (orchestration/defs/dbt/assets.py): a check is planned on every run that selects its asset, and
    one planned on every add-one run but run on none would cost an event-log write each time for nothing
    and show as never executed."""
    if node.get("resource_type") != "test":
        return False
    return _under(node.get("original_file_path", ""), FULL_BUILD_ONLY_TEST_PATHS)


def is_left_out_of_increments(node: dict) -> bool:
    """True for a seed or model an increment does not build (``FULL_BUILD_ONLY``): a seed, a view, a
    subject classification. Its relation is current all the same: a view shows this run's rows, the
    others' inputs are those of the last full build."""
    if node.get("resource_type") == "seed":
        return True
    if node.get("resource_type") != "model":
        return False
    materialized = node.get("config", {}).get("materialized")
    return materialized == "view" or _under(node.get("original_file_path", ""), REFERENCE_MODELS)


# The tables that record which documents and agencies the previous whole build held: an incremental model
# builds what changed since (int_documents_changed, int_agencies_changed). A build of a selection of the
# models (a user materializing some assets in the UI) must not move them on, or the models it left out
# would never build the documents it saw; it leaves them out and rebuilds its selection in full instead.
CHANGE_RECORDS = ("int_documents_changed", "int_agencies_changed")


def dbt_build_arguments(full_refresh: bool, selection_only: bool = False) -> list[str]:
    """``dbt build`` arguments: everything but the unit tests on a full refresh, the per-document increment
    otherwise; for a selection of the models (``selection_only``), a full refresh of the selection that
    leaves the change records as the last whole build left them."""
    # one --exclude value, the selectors separated by spaces: dagster-dbt reads only one value per flag
    if selection_only:
        return ["build", "--full-refresh", "--exclude", " ".join((UNIT_TESTS, *CHANGE_RECORDS))]
    if full_refresh:
        return ["build", "--full-refresh", "--exclude", UNIT_TESTS]
    return ["build", "--indirect-selection", "empty", "--exclude", " ".join((UNIT_TESTS, *FULL_BUILD_ONLY))]


def step_record(database: Path, step: str) -> Path:
    """Where the record of ``step`` lives beside ``database`` (the published file or a build copy)."""
    return database.with_name(f"{database.name}.{step}{RECORD_SUFFIX}")


def needs_full_refresh() -> bool:
    """True unless the published warehouse's incremental tables were built by these models, seeds and parser."""
    published = config.duckdb_path()
    return _read(step_record(published, "models")) != models_fingerprint() or not published.exists()


def record_models(build_database: Path) -> None:
    """Called after a successful ``dbt build`` of ``build_database``: its incremental tables follow these models."""
    step_record(build_database, "models").write_text(models_fingerprint())


def staged_fingerprint(staging_dir: Path) -> str | None:
    """The fingerprint of the staging files in ``staging_dir`` (``None`` when there are none)."""
    return _read(staging_dir / STAGING_RECORD)


def record_staged(staging_dir: Path, fingerprint: str) -> None:
    """Called once the staging files of ``fingerprint`` are written, before dbt reads them."""
    (staging_dir / STAGING_RECORD).write_text(fingerprint)


def step_is_current(step: str, staging_dir: Path) -> bool:
    """True when the published warehouse's ``step`` already processed the staging files of this run."""
    staged = staged_fingerprint(staging_dir)
    published = config.duckdb_path()
    return staged is not None and published.exists() and _read(step_record(published, step)) == staged


def record_step(step: str, staging_dir: Path, build_database: Path) -> None:
    """Called after ``step`` succeeded on the staging files of this run, into this run's build copy."""
    staged = staged_fingerprint(staging_dir)
    if staged is not None:
        step_record(build_database, step).write_text(staged)


# A run with nothing new must cost next to nothing. Hashing every file (even from the parse store's
# index) and starting Dagster take seconds per thousand documents, so the run command first compares
# the inbox as ``stat`` shows it (path, size, modification time, inode: the parse store's own test of
# "unchanged") and the models' and reviews' fingerprints with what the published warehouse was built
# from, and stops there when they are equal. The state is taken before any file is hashed, so a file
# changed during a build makes the next state differ, never the reverse.


def files_state(paths: list[Path], prefix: str = "") -> str:
    """The files as ``stat`` shows them (no file is read): what the inbox sensor compares between ticks."""
    digest = hashlib.sha256(prefix.encode())
    for path in paths:
        try:
            stat = path.lstat()
            digest.update(f"{path}|{stat.st_mode}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}\n".encode())
        except OSError:
            digest.update(f"{path}|unreadable\n".encode())
    return digest.hexdigest()


def inbox_state(paths: list[Path]) -> str:
    """The inbox as ``stat`` shows it, with the models and the reviews (no file is read)."""
    return files_state(paths, prefix=f"{models_fingerprint()}|{reviews_fingerprint()}\n")


def record_inbox_state(staging_dir: Path, state: str) -> None:
    """Called by ingestion with the state it lists, before it hashes a file."""
    staging_dir.mkdir(parents=True, exist_ok=True)
    (staging_dir / INBOX_RECORD).write_text(state)


def carry_inbox_state(staging_dir: Path, database: Path) -> None:
    """Record this run's inbox state beside ``database``: the build copy just before it is published, or the
    published file itself when the run found it already built from this run's staging inputs."""
    state = _read(staging_dir / INBOX_RECORD)
    if state is not None:
        step_record(database, "inbox").write_text(state)


def inbox_unchanged() -> bool:
    """True when the published warehouse was built from the inbox as it is now (by ``stat``), the same
    models and the same reviews: the run command then has nothing to do."""
    from ingestion.discovery import discover_documents

    published = config.duckdb_path()
    if not published.exists():
        return False
    recorded = _read(step_record(published, "inbox"))
    return recorded is not None and recorded == inbox_state(discover_documents(config.inbox_dirs()))


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None
