"""Helpers for the dbt tests: build tiny staging frames, write them as Parquet, run dbt in-process.

Each test module builds its own warehouse once (module-scoped fixture), in a temporary folder with its
own DuckDB file, staging folder, target and log paths, so the tests never touch ``warehouse/`` or
``dbt_project/target``. All dbt deprecations are fatal here (``--warn-error-options``), which keeps
generic-test arguments under ``arguments:``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from ingestion.config import environment_set
from ingestion.extract.agency_identity import canonical_agency
from ingestion.extract.agency_names import identity_columns
from ingestion.schemas import STAGING_FRAMES
from ingestion.staging_store import write_frames

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
WARN_ERROR_OPTIONS = json.dumps({"error": ["Deprecations"]})


def yuan(amount_in_wan: str) -> str:
    """'774.70' (万元) → '7747000.00' (yuan), exactly."""
    return f"{Decimal(amount_in_wan) * 10000:.2f}"


def document(document_id: str, agency_name: str | None, fiscal_year: int | None, doc_kind: str | None, **extra):
    row = {
        "document_id": document_id,
        "source_file": f"{document_id}.txt",
        "source_path": f"/inbox/{document_id}.txt",
        "source_format": "txt",
        "sha256": (document_id * 4)[:64],
        "page_count": None,
        "parser_version": "test",
        "ingested_at": "2024-01-02T03:04:05+00:00",
        "status": "parsed",
        "rejection_reason": None,
        "rejection_detail": None,
        "agency_name": agency_name,
        "short_name": None,
        "fiscal_year": fiscal_year,
        "doc_kind": doc_kind,
        "metadata_source": "test",
        # resolved as ingestion resolves a document naming itself only by this name
        **identity_columns(canonical_agency(agency_name) if agency_name else None),
    }
    row.update(extra)
    return row


def rejected_document(document_id: str, reason: str, detail: str) -> dict:
    """A document the ingestion refused: no agency, year or kind, only why it was rejected."""
    return document(document_id, None, None, None, status="rejected", rejection_reason=reason, rejection_detail=detail)


def _sourced(document_id: str, wan: str, locator: str, text: str | None, method: str) -> dict:
    return {
        "document_id": document_id,
        "amount_yuan": yuan(wan),
        "reported_amount": wan,
        "reported_unit": "万元",
        "source_locator": locator,
        "source_text": text or f"… {wan} …",
        "extraction_method": method,
    }


def line_item(
    line_item_id: str,
    document_id: str,
    wan: str,
    functional: str | None = None,
    economic: str | None = None,
    name: str | None = None,
    expense_type: str = "total",
    fund_source: str = "all",
    amount_kind: str = "budget",
    locator: str | None = None,
    method: str = "table",
    code_source: str = "printed",
    text: str | None = None,
) -> dict:
    row = _sourced(document_id, wan, locator or f"t1 r{line_item_id}", text, method)
    row.update(
        line_item_id=line_item_id,
        functional_subject_code=functional,
        economic_subject_code=economic,
        subject_name=name,
        expense_type=expense_type,
        fund_source=fund_source,
        amount_kind=amount_kind,
        code_source=code_source,
        table_title="test table",
        other_source_locators=None,
    )
    return row


def reported_total(
    document_id: str,
    measure: str,
    wan: str,
    amount_kind: str = "budget",
    fund_source: str = "all",
    locator: str | None = None,
    method: str = "table",
    text: str | None = None,
) -> dict:
    row = _sourced(document_id, wan, locator or f"t9 {measure}", text, method)
    row.update(measure=measure, amount_kind=amount_kind, fund_source=fund_source)
    return row


def three_public(
    document_id: str,
    category: str,
    wan: str,
    amount_kind: str = "budget",
    locator: str | None = None,
    method: str = "table",
    text: str | None = None,
) -> dict:
    row = _sourced(document_id, wan, locator or f"t8 {category}", text, method)
    row.update(category=category, amount_kind=amount_kind)
    return row


def project(document_id: str, name: str, budget_wan: str | None, actual_wan: str | None = None, **extra) -> dict:
    row = {
        "document_id": document_id,
        "project_code": None,
        "project_name": name,
        "budget_yuan": yuan(budget_wan) if budget_wan is not None else None,
        "actual_yuan": yuan(actual_wan) if actual_wan is not None else None,
        "reported_unit": "万元",
        "source_locator": f"t7 {name}",
        "source_text": f"{name} {budget_wan}",
        "extraction_method": "table",
    }
    row.update(extra)
    return row


def issue(document_id: str, issue_kind: str, detail: str, locator: str | None = None) -> dict:
    return {
        "document_id": document_id,
        "issue_kind": issue_kind,
        "detail": detail,
        "source_locator": locator,
        "source_text": None,
    }


def frames_from_rows(**rows: list[dict]) -> dict[str, pd.DataFrame]:
    """Frames with exactly the schema's columns (missing frames are written empty by write_frames)."""
    frames = {}
    for name, records in rows.items():
        columns = list(STAGING_FRAMES[name].to_schema().columns)
        frame = pd.DataFrame.from_records(records, columns=columns)
        STAGING_FRAMES[name].validate(frame, lazy=True)
        frames[name] = frame
    return frames


def _release_duckdb() -> None:
    """dbt-duckdb keeps its database handle open in-process after a run; close it so the test can read."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


class DbtWarehouse:
    """A temporary warehouse: staging Parquet files, a DuckDB file, and dbt's target and log folders."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging_dir = root / "staging"
        self.database = root / "warehouse.duckdb"
        self.target_dir = root / "target"
        self.log_dir = root / "logs"
        self.reviews_dir = root / "reviews"  # the bundled folder's header-only template; tests add files
        self.reviews_dir.mkdir(parents=True, exist_ok=True)
        for template in (PROJECT_ROOT / "warehouse" / "reviews").glob("*.template.csv"):
            (self.reviews_dir / template.name).write_bytes(template.read_bytes())

    def environment(self) -> dict[str, str]:
        return {
            "BUDGET_STAGING_DIR": str(self.staging_dir),
            "BUDGET_DUCKDB_PATH": str(self.database),
            "BUDGET_REVIEWS_DIR": str(self.reviews_dir),
            "DO_NOT_TRACK": "1",
        }

    def write(self, frames: dict[str, pd.DataFrame]) -> None:
        write_frames(frames, self.staging_dir)

    def dbt(self, *args: str):
        from dbt.cli.main import dbtRunner

        command = [
            *args,
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(self.target_dir),
            "--log-path",
            str(self.log_dir),
            "--warn-error-options",
            WARN_ERROR_OPTIONS,
        ]
        with environment_set(self.environment()):
            try:
                return dbtRunner().invoke(command)
            finally:
                _release_duckdb()

    def build(self, frames: dict[str, pd.DataFrame]):
        self.write(frames)
        return self.dbt("build")

    def query(self, sql: str, parameters: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.database), read_only=True) as connection:
            return connection.execute(sql, parameters or []).fetchall()

    def query_dicts(self, sql: str, parameters: list | None = None) -> list[dict]:
        with duckdb.connect(str(self.database), read_only=True) as connection:
            cursor = connection.execute(sql, parameters or [])
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    @property
    def manifest(self) -> dict:
        return json.loads((self.target_dir / "manifest.json").read_text(encoding="utf-8"))


def failed_nodes(result) -> list[str]:
    """Names and messages of the dbt nodes that errored or failed (warnings are not failures)."""
    if result.result is None:
        return [f"dbt did not run: {result.exception}"]
    return [
        f"{outcome.node.name}: {outcome.status}: {outcome.message}"
        for outcome in result.result.results
        if str(outcome.status) in {"error", "fail", "runtime error"}
    ]


def built_tables(warehouse: DbtWarehouse) -> dict[str, list[tuple]]:
    """Every row of the marts and of the intermediate tables (the per-document and per-agency incremental ones
    included), by ``schema.table``: what an incremental build and a full refresh of the same files must agree
    on. The change records (what one build changed, ``build_state.CHANGE_RECORDS``) differ by design."""
    from orchestration.build_state import CHANGE_RECORDS

    tables = warehouse.query("select table_schema, table_name from information_schema.tables "
                             "where table_schema in ('marts', 'intermediate') order by all")  # fmt: skip
    return {
        f"{schema}.{name}": warehouse.query(f"select * from {schema}.{name} order by all")
        for schema, name in tables
        if name not in CHANGE_RECORDS
    }


def build_without_failures(warehouse: DbtWarehouse, *arguments: str) -> None:
    """``dbt <arguments>`` in ``warehouse``; the test fails with the failed nodes named."""
    result = warehouse.dbt(*arguments)
    assert not failed_nodes(result), failed_nodes(result)


# Golden findings (tests/dbt/sample_findings.yaml, tests/integration/real_pdf_findings.yaml): a `fail` row
# is keyed by (source_file, rule_id, scope, expected, actual): yuan for the amount rules, percent points
# (to 0.01) for the ratio rules, None for the label and reference rules. The YAML writes amounts in 万元
# and percentages in points, each with its unit.
_IN_YUAN = {"万元": Decimal(10000), "元": Decimal(1), "%": Decimal(1)}


def golden_side(printed: str | None, measured_in: str | None) -> Decimal | None:
    """'774.70', '万元' → Decimal('7747000.00'); a percentage stays in points; None stays None."""
    return None if printed is None else Decimal(printed) * _IN_YUAN[measured_in]


def _points(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def fail_key(row: dict) -> tuple:
    """The golden key of an audit_reconciliation row (see golden_side)."""
    where = (row["source_file"], row["rule_id"], row["scope"])
    if row["rule_family"] == "structure" and row["expected_yuan"] is None and row["actual_yuan"] is None:
        return (*where, row["actual_source_locator"])  # wording findings compare no amounts
    if row["rule_family"] == "ratio":
        return (*where, _points(row["expected_percent"]), _points(row["actual_percent"]))
    return (*where, row["expected_yuan"], row["actual_yuan"])


def numbered(keys: list[tuple]) -> list[tuple]:
    """Structure keys (four parts) get their occurrence number on their line: the same words may be
    flagged twice in one line."""
    seen: dict[tuple, int] = {}
    numbered = []
    for key in keys:
        if len(key) == 4:
            seen[key] = seen.get(key, 0) + 1
            key = (*key, seen[key])
        numbered.append(key)
    return numbered


def golden_findings(genuine_findings: list[list], files: dict[str, str]) -> set[tuple]:
    """The keys of a golden YAML's ``genuine_findings`` rows (file, rule, scope, expected, actual, unit), as
    fail_key and numbered make them: the structure family's prose findings compare no amounts, they are
    keyed by their locator and their count on that line (unit "times")."""
    amounts = {
        (files[file], rule_id, scope, golden_side(expected, unit), golden_side(actual, unit))
        for file, rule_id, scope, expected, actual, unit in genuine_findings
        if unit != "times"
    }
    return amounts | {
        (files[file], rule_id, scope, locator, occurrence)
        for file, rule_id, scope, locator, times, unit in genuine_findings
        if unit == "times"
        for occurrence in range(1, times + 1)
    }


def built_warehouse(inbox: Path, directory: Path) -> DbtWarehouse:
    """The documents of ``inbox`` through real ingestion and dbt into a fresh warehouse; no dbt node fails."""
    from ingestion.pipeline import discover_documents, ingest

    result = ingest(discover_documents([inbox]))
    warehouse = DbtWarehouse(directory)
    build = warehouse.build(result.frames)
    assert not failed_nodes(build), failed_nodes(build)
    return warehouse
