"""The report's findings in SQL: numbered as the pages number them, placed as the pages place them, and
digested per document so that only a changed document's page is written again."""

from __future__ import annotations

import copy
import random
from decimal import Decimal

import duckdb

from orchestration.defs.audit.finding_tables import (
    FINDINGS,
    PLACES,
    create_finding_tables,
    document_digests,
    read_findings,
)
from orchestration.defs.audit.page_marks import side_places
from orchestration.defs.audit.report_pages import ordered_findings
from tests.orchestration import report_warehouse


def sql_numbers(database) -> dict[str, int]:
    with duckdb.connect(str(database), read_only=True) as connection:
        create_finding_tables(connection)
        return dict(connection.execute(f"select check_id, finding_number from {FINDINGS}").fetchall())


def python_numbers(database) -> dict[str, int]:
    with duckdb.connect(str(database), read_only=True) as connection:
        create_finding_tables(connection)
        ids = [row[0] for row in connection.execute(f"select distinct document_id from {FINDINGS}").fetchall()]
        findings = read_findings(connection, ids)
    by_document: dict[str, list] = {}
    for finding in findings:
        by_document.setdefault(finding["document_id"], []).append(finding)
    return {
        finding["check_id"]: number
        for rows in by_document.values()
        for number, finding in enumerate(ordered_findings(rows), start=1)
    }


def test_sql_numbers_findings_as_the_pages_do_ties_included(tmp_path):
    database = report_warehouse.fixture(tmp_path / "w.duckdb")
    numbers = sql_numbers(database)
    assert numbers == python_numbers(database)
    # ±5.00 tie on the difference: HIER-SUM before TOT-SUM, then a-01 before a-03; unverified after rounding
    assert [c for c, _ in sorted(numbers.items(), key=lambda item: item[1]) if c.startswith("a")] == [
        "a-04", "a-02", "a-01", "a-03", "a-05", "a-06",
    ]  # fmt: skip


def test_sql_and_python_agree_on_many_random_ties(tmp_path):
    """Differences drawn from a few values (signs, nulls, zero), rule ids from a few, statuses from all."""
    chance = random.Random(7)
    documents, _, places = report_warehouse.rows()
    findings = [
        report_warehouse.finding(
            chance.choice(documents)["document_id"],
            f"k{index:03d}{chance.choice('xyz')}",
            status=chance.choice(["fail", "fail", "rounding", "unverified", "pass"]),
            difference_yuan=chance.choice([None, Decimal("0"), Decimal("5.00"), Decimal("-5.00"), Decimal("0.01")]),
            rule_id=chance.choice(["TOT-SUM", "HIER-SUM", "A", None]),
        )
        for index in range(300)
    ]
    database = report_warehouse.build(tmp_path / "w.duckdb", documents, findings, places)
    numbers = sql_numbers(database)
    assert len(numbers) == sum(1 for f in findings if f["status"] != "pass")
    assert numbers == python_numbers(database)


def test_sql_places_the_sources_of_a_summing_side_and_read_findings_gives_them_to_the_pages(tmp_path):
    database = report_warehouse.fixture(tmp_path / "w.duckdb")
    with duckdb.connect(str(database), read_only=True) as connection:
        create_finding_tables(connection)
        sql = {}
        for check_id, side, page, bbox in connection.execute(
            f"select check_id, side, page, bbox from {PLACES} order by check_id, side, position"
        ).fetchall():
            sql.setdefault((check_id, side), []).append((page, tuple(float(v) for v in bbox.split(","))))
        findings = read_findings(connection, ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"])
    python = {
        (finding["check_id"], side): places
        for finding in findings
        for side in ("expected", "actual")
        if (places := side_places(finding, side))
    }
    assert sql == python
    assert sql[("a-01", "actual")] == [(1, (11.0, 21.0, 31.0, 41.0)), (2, (12.0, 22.0, 32.0, 42.0))]
    assert ("b-02", "actual") not in sql  # a side without a locator has no place


def digests_of(tmp_path, name, documents, findings, places) -> dict[str, str]:
    database = report_warehouse.build(tmp_path / f"{name}.duckdb", documents, findings, places)
    with duckdb.connect(str(database), read_only=True) as connection:
        create_finding_tables(connection)
        return document_digests(connection)


def test_a_document_digest_changes_with_what_its_page_shows_and_nothing_else(tmp_path):
    documents, findings, places = report_warehouse.rows()
    before = digests_of(tmp_path, "before", documents, findings, places)
    a, b, c = (document["document_id"] for document in documents)
    assert set(before) == {a, b, c}

    def changed(name, documents=documents, findings=findings, places=places):
        after = digests_of(tmp_path, name, documents, findings, places)
        return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}

    reviewed = copy.deepcopy(findings)
    reviewed[1].update(review_state="confirmed", review_decision="confirmed", reviewed_by="王审")
    assert changed("reviewed", findings=reviewed) == {a}
    new = report_warehouse.document("dddddddddddddddd", "丁单位")
    assert changed("added", documents=[*documents, new]) == {new["document_id"]}
    assert changed("deleted", documents=documents[:2]) == {c}
    moved = [(d, loc, page, "99.00,99.00,99.00,99.00" if d == b else box) for d, loc, page, box in places]
    assert changed("moved", places=moved) == {b}  # b-02's expected side sums a source that moved
    renamed = [dict(document, version_count=2) if document["document_id"] == c else document for document in documents]
    assert changed("versioned", documents=renamed) == {c}
    passed = [dict(finding, detail="x") if finding["status"] == "pass" else finding for finding in findings]
    assert changed("passes", findings=passed) == set()  # passing checks are not on the page
