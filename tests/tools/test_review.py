"""The review command: looks the check up in the warehouse and appends a row with the figures judged."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT
from tools import review

CHECK = {
    "check_id": "5f9ee07db545cf0f", "source_file": "004 那曲.txt", "rule_id": "HIER-FUN", "scope": "201",
    "status": "fail", "figures_fingerprint": "expected=7747000.00;actual=8055100.00", "review_state": None,
    "detail": "类 201 is 774.70万元 but its 款 add up to 805.51万元",
}  # fmt: skip


@pytest.fixture
def warehouse(tmp_path, monkeypatch):
    database = tmp_path / "budget.duckdb"
    with duckdb.connect(str(database)) as connection:
        columns = ", ".join(f"{name} varchar" for name in CHECK)
        connection.execute(f"create schema marts; create table marts.audit_reconciliation ({columns})")
        connection.execute(f"insert into marts.audit_reconciliation values ({', '.join('?' * len(CHECK))})",
                           list(CHECK.values()))  # fmt: skip
    monkeypatch.setenv("BUDGET_DUCKDB_PATH", str(database))
    monkeypatch.setenv("BUDGET_REVIEWS_DIR", str(tmp_path / "reviews"))
    return tmp_path


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_columns_are_the_templates_header():
    template = PROJECT_ROOT / "warehouse" / "reviews" / "reviews.template.csv"
    assert template.read_text(encoding="utf-8").strip().split(",") == review.COLUMNS


def test_a_review_row_records_the_figures_judged_in_utc():
    moment = datetime(2026, 12, 6, 18, 30, 5, 123, tzinfo=UTC)
    row = review.review_row(CHECK, "dismissed", " misread ", "王审", now=moment)
    assert row == {
        "check_id": "5f9ee07db545cf0f", "decision": "dismissed", "reason": "misread", "reviewed_by": "王审",
        "reviewed_at": "2026-12-06T18:30:05Z", "figures_fingerprint": "expected=7747000.00;actual=8055100.00",
        "source_file": "004 那曲.txt", "rule_id": "HIER-FUN", "scope": "201",
    }  # fmt: skip
    with pytest.raises(ValueError):
        review.review_row(CHECK, "dismissed", "  ", "王审")


def test_dismiss_then_confirm_appends_to_one_file(warehouse, capsys):
    assert review.main(["dismiss", "5f9ee07db545cf0f", "--reason", "misread", "--by", "王审"]) == 0
    assert review.main(["confirm", "5f9ee07db545cf0f", "--reason", "real after all", "--by", "李"]) == 0
    rows = read_rows(warehouse / "reviews" / "reviews.csv")
    assert [(row["decision"], row["reviewed_by"]) for row in rows] == [("dismissed", "王审"), ("confirmed", "李")]
    assert {row["figures_fingerprint"] for row in rows} == {CHECK["figures_fingerprint"]}
    assert "dismissed 5f9ee07db545cf0f (HIER-FUN 201, fail" in capsys.readouterr().out


def test_an_unknown_check_or_warehouse_writes_nothing(warehouse, monkeypatch, capsys):
    assert review.main(["dismiss", "0000000000000000", "--reason", "x", "--by", "y"]) == 2
    assert "no check '0000000000000000'" in capsys.readouterr().err
    monkeypatch.setenv("BUDGET_DUCKDB_PATH", str(warehouse / "absent.duckdb"))
    assert review.main(["confirm", "5f9ee07db545cf0f", "--reason", "x", "--by", "y"]) == 2
    assert not (warehouse / "reviews" / "reviews.csv").exists()


def test_list_prints_failed_checks_with_their_state(warehouse, capsys):
    assert review.main(["list"]) == 0
    assert "5f9ee07db545cf0f  open      fail       004 那曲.txt  HIER-FUN 201: 类 201" in capsys.readouterr().out
