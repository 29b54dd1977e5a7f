"""Dagster assets for ingestion: the raw files, then the validated staging frames as Parquet.

The staging assets' keys (``ingested/<frame>``) equal the dbt sources' asset keys, so the lineage in the
UI is one graph from raw documents to marts. These assets never open the DuckDB file: they write
Parquet that dbt reads, so dbt is the only process that ever writes the warehouse.

Parsing goes through the parse store on every core (ingestion/batch.py), and the staging files go to
the run's own folder (``staging/<run id>/``, orchestration/publish.py), assembled from the store. When
the inputs are exactly those the published warehouse was built from, dbt and the report, which
remember the inputs they last processed (orchestration/build_state.py), do nothing: a run with no new
file costs a directory listing, a ``stat`` per file and the assembly of the staging files.
"""

from pathlib import Path

import dagster as dg
from dagster import AssetExecutionContext

from ingestion import config
from ingestion.batch import BatchResult, Progress, ingest_to_store, write_staging
from ingestion.discovery import display_name
from ingestion.parse_store import ParseStore
from ingestion.pipeline import discover_documents
from ingestion.schemas import STAGING_FRAMES
from orchestration import build_state, dbt_preload
from orchestration.defs.ingestion.column_schemas import staging_column_schema

LISTED_FILES = 50  # metadata lists this many paths; the rest is a count (the instance must not grow per file)

STAGING_KEYS = {name: dg.AssetKey(["ingested", name]) for name in STAGING_FRAMES}
DOCUMENTS_KEY = STAGING_KEYS["documents"]


@dg.asset(
    group_name="ingestion",
    kinds={"pdf", "python"},
    description="Every entry in the inbox folders (BUDGET_INBOX_DIRS): path, size and content hash.",
    required_resource_keys={"warehouse_build"},
    retry_policy=dg.RetryPolicy(max_retries=2, delay=5),  # an inbox on a network share can hiccup
)
def raw_documents(context: AssetExecutionContext) -> list[dict]:
    folders = config.inbox_dirs()
    files = discover_documents(folders)
    staging_dir = context.resources.warehouse_build.build.staging_dir
    build_state.record_inbox_state(staging_dir, build_state.inbox_state(files))  # before any file is read
    hashes = ParseStore(config.parse_store_dir()).hash_files(files)  # unchanged files are not read again
    records = [_record(path, hashes.get(path)) for path in files]
    context.log.info(f"found {len(records)} files in {', '.join(str(folder) for folder in folders)}")
    listed = "\n".join(f"- `{display_name(record['path'])}`" for record in records[:LISTED_FILES])
    if len(records) > LISTED_FILES:
        listed += f"\n- … and {len(records) - LISTED_FILES} more"
    context.add_output_metadata(
        {
            "file_count": len(records),
            "folders": dg.MetadataValue.json([str(folder) for folder in folders]),
            "files": dg.MetadataValue.md(listed or "(none)"),
        }
    )
    return records


def _record(path: Path, sha256: str | None) -> dict:
    """Path, size and hash of a file; links, FIFOs and unreadable files are listed without them."""
    record = {"path": str(path), "size": None, "sha256": sha256}
    if sha256 is not None:
        try:
            record["size"] = path.stat().st_size
        except OSError as error:
            record["error"] = error.strerror or str(error)
    return record


def _rejections_table(rejected: list[dict]) -> str:
    lines = ["| file | reason | what to do |", "|---|---|---|"]
    for row in rejected:
        lines.append(f"| {row['source_file']} | {row['rejection_reason']} | {row['rejection_detail']} |")
    return "\n".join(lines)


def _batch_metadata(batch: BatchResult) -> dict:
    return {
        "documents": len(batch.rows),
        "parsed_this_run": batch.parsed,
        "unchanged_from_store": batch.reused,
        "rejected": len(batch.rejected),
        "duplicate": sum(1 for row in batch.rows if row["status"] == "duplicate"),
        "skipped": sum(1 for row in batch.rows if row["status"] == "skipped"),
        "seconds": round(batch.seconds, 1),
        "documents_per_minute": round(batch.parsed * 60 / batch.seconds, 1) if batch.parsed and batch.seconds else 0,
    }


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key,
            group_name="ingestion",
            kinds={"parquet", "pandera"},
            deps=[raw_documents],
            description=f"Staging frame `{name}`, validated by ingestion.schemas.{model.__name__}",
            metadata={"dagster/column_schema": staging_column_schema(model)},
        )
        for (name, key), model in zip(STAGING_KEYS.items(), STAGING_FRAMES.values(), strict=True)
    ],  # fmt: skip
    check_specs=[
        dg.AssetCheckSpec(
            "every_document_parsed",
            asset=DOCUMENTS_KEY,
            description="No document was rejected (unreadable, unidentifiable or invalid).",
        ),
        dg.AssetCheckSpec(
            "staging_frames_valid",
            asset=DOCUMENTS_KEY,
            description="Every document's frames passed pandera validation.",
        ),
    ],  # fmt: skip
    can_subset=False,
    required_resource_keys={"warehouse_build"},
)
def ingested(context: AssetExecutionContext, raw_documents: list[dict]):
    """Parse new contents into the parse store, then assemble and write the staging Parquet for dbt."""
    store = ParseStore(config.parse_store_dir())
    preloaded_dbt = context.resources.warehouse_build.preloaded_dbt

    def report(progress: Progress) -> None:
        context.log.info(f"ingestion: {progress.describe()}")
        if preloaded_dbt is not None and preloaded_dbt.stop_if_parsing(progress.total - progress.reused):
            context.log.info(
                f"over {dbt_preload.PARSE_LIMIT} documents to parse: the dbt process this run started early is "
                "stopped (its memory would add to the parse's and the staging assembly's); dbt starts in its step"
            )

    batch = ingest_to_store(
        [Path(record["path"]) for record in raw_documents], store, workers=config.parse_workers(), progress=report
    )
    staging_dir = context.resources.warehouse_build.build.staging_dir
    staging = write_staging(batch, store, staging_dir)
    context.log.info(f"staging assembled from the parse store: {staging.describe()}")
    build_state.record_staged(staging_dir, build_state.inputs_fingerprint(batch.fingerprint))
    batch_metadata = _batch_metadata(batch) | {"staging_assembly": staging.describe()}
    for name, key in STAGING_KEYS.items():
        metadata = {"path": dg.MetadataValue.path(str(staging.files[name]))}
        yield dg.MaterializeResult(asset_key=key, metadata=metadata | (batch_metadata if name == "documents" else {}))
    yield from _checks(batch)


def _checks(batch: BatchResult):
    rejected = batch.rejected
    invalid = [row for row in rejected if row["rejection_reason"] == "validation_failed"]
    yield dg.AssetCheckResult(
        check_name="every_document_parsed",
        asset_key=DOCUMENTS_KEY,
        passed=not rejected,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"rejected": len(rejected), "rejections": dg.MetadataValue.md(_rejections_table(rejected))},
    )
    yield dg.AssetCheckResult(
        check_name="staging_frames_valid",
        asset_key=DOCUMENTS_KEY,
        passed=not invalid,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"failing_documents": dg.MetadataValue.md(_rejections_table(invalid))},
    )
