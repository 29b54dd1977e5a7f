"""Dagster assets for ingestion: the raw files, then the validated staging frames as Parquet.

The staging assets' keys (``ingested/<frame>``) equal the dbt sources' asset keys, so the lineage in the
UI is one graph from raw documents to marts. These assets never open the DuckDB file: they write
Parquet that dbt reads, so dbt is the only process that ever writes the warehouse.
"""

import dagster as dg
from dagster import AssetExecutionContext

from ingestion import config
from ingestion.discovery import display_name, skip_reason
from ingestion.pipeline import DocumentResult, discover_documents, ingest
from ingestion.readers import file_sha256
from ingestion.schemas import STAGING_FRAMES
from ingestion.staging_store import write_frames

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
    records = [_record(path) for path in files]
    context.log.info(f"found {len(records)} files in {', '.join(str(folder) for folder in folders)}")
    context.add_output_metadata(
        {
            "file_count": len(records),
            "folders": dg.MetadataValue.json([str(folder) for folder in folders]),
            "files": dg.MetadataValue.md(
                "\n".join(f"- `{display_name(record['path'])}`" for record in records) or "(none)"
            ),
        }
    )
    return records


def _record(path) -> dict:
    """Path, size and hash of a file; links, FIFOs and unreadable files are listed without them."""
    record = {"path": str(path), "size": None, "sha256": None}
    if skip_reason(path) is None:
        try:
            record.update(size=path.stat().st_size, sha256=file_sha256(path))
        except OSError as error:
            record["error"] = error.strerror or str(error)
    return record


def _progress(context: AssetExecutionContext):
    def report(done: int, total: int, result: DocumentResult) -> None:
        row = result.document_row
        outcome = row["status"] if not result.is_rejected else f"rejected ({row['rejection_reason']})"
        context.log.info(f"[{done}/{total}] {row['source_file']}: {outcome}")

    return report


def _rejections_table(rejected: list[DocumentResult]) -> str:
    lines = ["| file | reason | what to do |", "|---|---|---|"]
    for result in rejected:
        row = result.document_row
        lines.append(f"| {row['source_file']} | {row['rejection_reason']} | {row['rejection_detail']} |")
    return "\n".join(lines)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key,
            group_name="ingestion",
            kinds={"parquet", "pandera"},
            deps=[raw_documents],
            description=f"Staging frame `{name}`, validated by ingestion.schemas.{model.__name__}",
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
    """Parse every document into staging frames, validate them, and write them as Parquet for dbt."""
    from pathlib import Path

    result = ingest([Path(record["path"]) for record in raw_documents], progress=_progress(context))
    written = write_frames(result.frames, context.resources.warehouse_build.build.staging_dir)
    for name, key in STAGING_KEYS.items():
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={"row_count": len(result.frames[name]), "path": dg.MetadataValue.path(str(written[name]))},
        )
    invalid = [r for r in result.rejected if r.document_row["rejection_reason"] == "validation_failed"]
    yield dg.AssetCheckResult(
        check_name="every_document_parsed",
        asset_key=DOCUMENTS_KEY,
        passed=not result.rejected,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "rejected": len(result.rejected),
            "rejections": dg.MetadataValue.md(_rejections_table(result.rejected)),
        },
    )
    yield dg.AssetCheckResult(
        check_name="staging_frames_valid",
        asset_key=DOCUMENTS_KEY,
        passed=not invalid,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"failing_documents": dg.MetadataValue.md(_rejections_table(invalid))},
    )
