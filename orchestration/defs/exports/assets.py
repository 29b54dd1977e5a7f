"""The exports asset: every mart as CSV (UTF-8 with BOM), Parquet and one XLSX workbook.

Runs after dbt has built the marts into the run's private copy, reads them there in one short read-only
connection, and writes them to the run's build folder, which starts as hard links to the published
exports so that marts (and parts of the big marts, :mod:`.parts`) whose rows did not change keep their
files; publishing the build puts them under
``<warehouse dir>/exports/`` (next to the DuckDB file, like the reports; orchestration/publish.py).
"""

import dagster as dg

from ingestion import config
from orchestration.dbt_manifest import DBT_PROJECT_DIR
from orchestration.defs.build_steps import once_per_build
from orchestration.defs.exports.writers import column_meanings, write_exports

EXPORTED_MARTS = [
    dg.AssetKey(["marts", name])
    for name in (
        "dim_agency",
        "dim_document",
        "dim_functional_subject",
        "dim_economic_subject",
        "fct_line_item",
        "fct_reported_total",
        "fct_three_public_expense",
        "fct_project",
        "fct_budget_execution",
        "fct_agency_year_measure",
        "audit_reconciliation",
        "audit_document_quality",
        "audit_extraction_issue",
        "audit_cross_document",
        "audit_document_completeness",
        "audit_division_completeness",
        "audit_agency_identity",
        "audit_agency_name",
    )
]


def exports_dir():
    """Where the published exports are."""
    return config.duckdb_path().parent / "exports"


@dg.asset(
    key=["exports", "marts_export"],
    deps=EXPORTED_MARTS,
    group_name="exports",
    kinds={"csv", "parquet", "excel"},
    required_resource_keys={"warehouse_build"},
    description="Every mart as CSV (UTF-8 with BOM, opens in Excel) and Parquet (the fact and audit marts as folders "
    "of parts keyed by document or agency), and marts.xlsx: a README sheet of column meanings, then the smallest marts "
    "(written under warehouse/exports/).",
)
@once_per_build("exports", "the exports already hold the warehouse as built")
def marts_export(context: dg.AssetExecutionContext, build) -> dg.MaterializeResult:
    # the manifest of this warehouse's own dbt runs (written under the build lock), not the project's
    # target/, which any other process (the UI, a test) may be re-parsing while this step reads it
    manifest = build.dbt_target_dir / "manifest.json"
    meanings = column_meanings(manifest if manifest.exists() else DBT_PROJECT_DIR / "target" / "manifest.json")
    exports = write_exports(build.build_database, build.working_folder("exports", linked=True), meanings)
    written = exports.files
    marts = sum(1 for name in written if name.startswith("csv/"))
    rewritten = ", ".join(f"{name} ({what})" for name, what in exports.rewritten.items()) or "nothing"
    context.log.info(
        f"exports: rewrote {rewritten} ({marts} marts; the other marts and parts kept their files, their rows did "
        f"not change), published with the warehouse to {exports_dir()}"
    )
    return dg.MaterializeResult(
        metadata={
            "workbook": dg.MetadataValue.path(str(exports_dir() / written["xlsx"].name)),
            "files": len(written),
            "marts": marts,
            "rewritten": dg.MetadataValue.json(exports.rewritten),
            "workbook_sheets": len(exports.sheets),
        }
    )
