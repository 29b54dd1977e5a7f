"""Reviews of findings (warehouse/reviews/, BUDGET_REVIEWS_DIR): loaded from CSV files a person drops in,
shown beside their check in audit_reconciliation, kept across rebuilds, and reopened when the figures
they judged change.

One constructed document whose class 201 (774.70万元) is not the sum of its 款 (34.23 + 771.28): the
HIER-FUN check of 201 fails. A reviewer dismisses it; the warehouse is rebuilt from the same rows (the
review still shows), then from rows where 201 reads 805.51 (same check id, the figures changed: reopened).
"""

from __future__ import annotations

import csv

import pytest

from tests.dbt.conftest import DbtWarehouse, document, failed_nodes, frames_from_rows, line_item

DOC = "f200000000000001"
REVIEW_COLUMNS = ["check_id", "decision", "reason", "reviewed_by", "reviewed_at", "figures_fingerprint"]


def frames(class_201_wan: str):
    def item(item_id, code, wan, name):
        return line_item(item_id, DOC, wan, functional=code, name=name, text=f"{code} {name} {wan}")

    return frames_from_rows(
        documents=[document(DOC, "某市某局", 2024, "budget")],
        line_items=[
            item("a", "201", class_201_wan, "一般公共服务支出"),
            item("b", "20132", "34.23", "组织事务"),
            item("c", "20137", "771.28", "网信事务"),
        ],
    )


def write_reviews(warehouse: DbtWarehouse, name: str, rows: list[dict]) -> None:
    with (warehouse.reviews_dir / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REVIEW_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def class_201_check(warehouse: DbtWarehouse) -> dict:
    (row,) = warehouse.query_dicts(
        "select * from marts.audit_reconciliation where rule_id = 'HIER-FUN' and scope = '201' and document_id = ?",
        [DOC],
    )
    return row


def warned(result) -> dict[str, int]:
    return {
        outcome.node.name: outcome.failures
        for outcome in result.result.results
        if str(outcome.status) == "warn" and outcome.node.name.startswith("reviews_")
    }


@pytest.fixture(scope="module")
def trail(tmp_path_factory) -> dict:
    """The audit row of the 201 check at each step of a review's life."""
    warehouse = DbtWarehouse(tmp_path_factory.mktemp("dbt_reviews"))
    result = warehouse.build(frames("774.70"))
    assert not failed_nodes(result), failed_nodes(result)
    steps = {"before": class_201_check(warehouse)}
    before = steps["before"]
    write_reviews(
        warehouse,
        "reviews_2024.csv",
        [
            {
                "check_id": before["check_id"],
                "decision": " Dismissed ",
                "reason": "201 includes 20101, printed on the next page",
                "reviewed_by": "王审",
                "reviewed_at": "2026-12-06T10:00:00+08:00",
                "figures_fingerprint": before["figures_fingerprint"],
            },
            {  # earlier: the dismissal above, dated later, is the review that counts
                "check_id": before["check_id"],
                "decision": "confirmed",
                "reason": "201 looked short of its parts",
                "reviewed_by": "李",
                "reviewed_at": "2026-12-05",
                "figures_fingerprint": before["figures_fingerprint"],
            },
            {  # incomplete: no reason — listed by a warning, ignored
                "check_id": before["check_id"],
                "decision": "confirmed",
                "reason": "",
                "reviewed_by": "李",
                "reviewed_at": "2026-12-07",
                "figures_fingerprint": before["figures_fingerprint"],
            },
            {  # names no current check — listed by a warning, kept in the file
                "check_id": "0000000000000000",
                "decision": "confirmed",
                "reason": "an old document",
                "reviewed_by": "李",
                "reviewed_at": "2026-12-01",
                "figures_fingerprint": "expected=1.00;actual=2.00",
            },
        ],
    )
    result = warehouse.build(frames("774.70"))
    assert not failed_nodes(result), failed_nodes(result)
    steps["reviewed"], steps["reviewed_warnings"] = class_201_check(warehouse), warned(result)
    warehouse.write(frames("805.51"))  # a re-read of the same file (new parser version): a full refresh
    result = warehouse.dbt("build", "--full-refresh")
    assert not failed_nodes(result), failed_nodes(result)
    steps["figures_changed"] = class_201_check(warehouse)
    steps["review_count"] = warehouse.query(
        "select review_count from intermediate.int_reviews_latest where check_id = ?", [before["check_id"]]
    )
    return steps


def test_an_unreviewed_check_has_no_review(trail):
    before = trail["before"]
    assert before["status"] == "fail"
    assert before["figures_fingerprint"] == "expected=7747000.00;actual=8055100.00"
    assert (before["review_state"], before["review_decision"], before["reviewed_by"]) == (None, None, None)


def test_a_review_shows_after_a_rebuild(trail):
    reviewed = trail["reviewed"]
    assert reviewed["check_id"] == trail["before"]["check_id"]
    assert reviewed["review_state"] == "dismissed"
    assert reviewed["review_decision"] == "dismissed"
    assert reviewed["review_reason"] == "201 includes 20101, printed on the next page"
    assert reviewed["reviewed_by"] == "王审"
    assert str(reviewed["reviewed_at"]) == "2026-12-06 02:00:00"  # +08:00 converted to UTC
    assert reviewed["status"] == "fail"  # a review never changes what the check found


def test_incomplete_and_orphaned_reviews_are_warnings_not_failures(trail):
    assert trail["reviewed_warnings"] == {"reviews_are_complete": 1, "reviews_name_a_current_check": 1}


def test_changed_figures_reopen_the_review_under_the_same_check_id(trail):
    changed = trail["figures_changed"]
    assert changed["check_id"] == trail["before"]["check_id"]
    assert changed["figures_fingerprint"] == "expected=8055100.00;actual=8055100.00"
    assert changed["review_state"] == "reopened"
    assert changed["review_decision"] == "dismissed"
    assert changed["reviewed_figures_fingerprint"] == "expected=7747000.00;actual=8055100.00"


def test_the_latest_complete_review_counts(trail):
    """Two complete reviews of the check (confirmed on the 5th, dismissed on the 6th, written in the other
    order) and an incomplete one dated the 7th: the dismissal counts."""
    assert trail["reviewed"]["review_decision"] == "dismissed"
    assert trail["review_count"] == [(2,)]
