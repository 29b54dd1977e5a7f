"""A small DuckDB file with the marts the audit report reads, in the column types dbt builds them with,
and rows that exercise the report's corner cases: ties in the finding order, summing sides, reviews,
text that CSV must quote and JSON must escape."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import duckdb

FINDING_TYPES = {
    "check_id": "varchar", "document_id": "varchar", "agency_id": "varchar", "agency_name": "varchar",
    "fiscal_year": "integer", "doc_kind": "varchar", "source_file": "varchar", "rule_id": "varchar",
    "rule_label": "varchar", "rule_family": "varchar", "severity": "varchar", "check_name": "varchar",
    "scope": "varchar", "expected_yuan": "decimal(18,2)", "actual_yuan": "decimal(38,2)",
    "difference_yuan": "decimal(38,2)", "expected_percent": "decimal(18,6)", "actual_percent": "decimal(18,6)",
    "difference_percent": "decimal(18,6)", "status": "varchar", "finding_kind": "varchar", "detail": "varchar",
    "expected_source_locator": "varchar", "expected_source_text": "varchar", "actual_source_locator": "varchar",
    "actual_source_text": "varchar", "expected_source_page": "integer", "expected_source_bbox": "varchar",
    "actual_source_page": "integer", "actual_source_bbox": "varchar", "figures_fingerprint": "varchar",
    "review_decision": "varchar", "review_reason": "varchar", "reviewed_by": "varchar",
    "reviewed_at": "timestamp", "reviewed_figures_fingerprint": "varchar", "review_state": "varchar",
}  # fmt: skip
QUALITY_TYPES = {
    "document_id": "varchar", "agency_name": "varchar", "fiscal_year": "integer", "doc_kind": "varchar",
    "source_file": "varchar", "document_status": "varchar", "checks_run": "bigint", "checks_passed": "bigint",
    "checks_rounding": "bigint", "checks_failed": "bigint", "largest_difference_yuan": "decimal(38,2)",
    "sha256": "varchar", "file_modified_at": "timestamp", "version_number": "bigint", "version_count": "bigint",
}  # fmt: skip
PLACED_MARTS = ("fct_line_item", "fct_reported_total", "fct_three_public_expense", "fct_project")


def document(document_id: str, name: str, failed: int = 1, **extra) -> dict:
    return {
        "document_id": document_id, "agency_name": name, "fiscal_year": 2023, "doc_kind": "budget",
        "source_file": f"{name}.pdf", "document_status": "parsed", "checks_run": 9, "checks_passed": 5,
        "checks_rounding": 1, "checks_failed": failed, "largest_difference_yuan": Decimal("5.00"),
        "sha256": document_id * 4, "file_modified_at": "2026-12-01 08:00:00", "version_number": 1,
        "version_count": 1, **extra,
    }  # fmt: skip


def finding(document_id: str, check_id: str, status: str = "fail", difference=Decimal("5.00"), **extra) -> dict:
    return {
        "check_id": check_id, "document_id": document_id, "agency_name": "某单位", "fiscal_year": 2023,
        "doc_kind": "budget", "source_file": "某单位.pdf", "rule_id": "TOT-SUM", "rule_label": "合计 = 各项之和",
        "rule_family": "totals", "severity": "error", "check_name": "sum", "scope": "201",
        "expected_yuan": Decimal("7747000.00"), "actual_yuan": Decimal("7746995.00"), "difference_yuan": difference,
        "status": status, "detail": "类 201 is 774.70万元", "expected_source_locator": "p1 t1 r2 c3",
        "expected_source_text": "201 一般公共服务支出 774.7", "expected_source_page": 1,
        "expected_source_bbox": "10.00,20.00,30.00,40.00",
        "actual_source_locator": "20132: p1 t1 r3 c3; 20137: p2 t1 r1 c3",
        "actual_source_text": "20132 组织事务", "figures_fingerprint": "expected=7747000.00;actual=7746995.00",
        **extra,
    }  # fmt: skip


def rows() -> tuple[list[dict], list[dict], list[tuple]]:
    """(documents, findings incl. passes, placed facts (document, locator, page, box))."""
    a, b, c = "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"
    documents = [document(a, "甲单位", 3), document(b, "乙单位", 2), document(c, "丙单位", 0)]
    findings = [
        # ties in the difference (the sign does not count): broken by rule id, then check id
        finding(a, "a-03", rule_id="TOT-SUM"),
        finding(a, "a-01", rule_id="TOT-SUM", difference_yuan=Decimal("-5.00")),
        finding(a, "a-02", rule_id="HIER-SUM", check_name="text \\u001F and \\ with \x1b / \u2028"),
        finding(a, "a-04", difference_yuan=Decimal("123456789012.34"), rule_family=None),
        finding(a, "a-05", status="rounding", difference_yuan=Decimal("0.01"), detail='a "quoted", text\nover lines'),
        finding(a, "a-06", status="unverified", difference_yuan=None, expected_yuan=None, actual_yuan=None,
                expected_percent=Decimal("5.020000"), actual_percent=Decimal("4.890600"),
                difference_percent=Decimal("0.000012"), detail="#starts with a hash\x01\x1f", scope=""),
        finding(a, "a-07", status="pass", difference_yuan=Decimal("0.00")),
        finding(b, "b-01", review_state="dismissed", review_decision="dismissed", review_reason="续表, 见第7页",
                reviewed_by="王审", reviewed_at="2026-12-06 02:00:00"),
        finding(b, "b-02", review_state="reopened", review_decision="confirmed", review_reason="r",
                reviewed_by="李审", reviewed_at="2026-12-06 02:00:00.250000", expected_source_bbox=None,
                expected_source_page=None, expected_source_locator="p2 t1 r1 c3", actual_source_locator=None,
                actual_source_text=" leading and trailing spaces ", rule_family="parts"),
        finding(c, "c-01", status="pass"),
    ]  # fmt: skip
    places = [
        (a, "p1 t1 r3 c3", 1, "11.00,21.00,31.00,41.00"),
        (a, "p2 t1 r1 c3", 2, "12.00,22.00,32.00,42.00"),
        (b, "p1 t1 r3 c3", 1, "13.00,23.00,33.00,43.00"),
        (b, "p2 t1 r1 c3", 2, "14.00,24.00,34.00,44.00"),
    ]
    return documents, findings, places


def build(path: Path, documents: list[dict], findings: list[dict], places: list[tuple]) -> Path:
    """Write the marts into a fresh DuckDB file at ``path``."""
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        for table, types, records in (
            ("audit_reconciliation", FINDING_TYPES, findings),
            ("audit_document_quality", QUALITY_TYPES, documents),
        ):
            connection.execute(f"create table marts.{table} ({', '.join(f'{c} {t}' for c, t in types.items())})")
            for record in records:
                connection.execute(
                    f"insert into marts.{table} ({', '.join(types)}) values ({', '.join('?' for _ in types)})",
                    [record.get(column) for column in types],
                )
        connection.execute(
            "create table marts.dim_document as select document_id, "
            "'/nowhere/' || source_file as source_path, 'pdf' as source_format from marts.audit_document_quality"
        )
        for mart in PLACED_MARTS:
            connection.execute(
                f"create table marts.{mart} (document_id varchar, source_locator varchar, source_page integer, "
                "source_bbox varchar)"
            )
        for row in places:
            connection.execute(f"insert into marts.{PLACED_MARTS[len(row[1]) % 2]} values (?, ?, ?, ?)", list(row))
    return path


def fixture(path: Path) -> Path:
    return build(path, *copy.deepcopy(rows()))
