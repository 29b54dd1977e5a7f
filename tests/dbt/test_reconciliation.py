"""Reconciliation over constructed documents: the audit mart finds what a reviewer would, and only that."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from tests.dbt.conftest import (
    DbtWarehouse,
    document,
    failed_nodes,
    frames_from_rows,
    line_item,
    rejected_document,
    reported_total,
    three_public,
)

NAGQU = "e100000000000001"  # 那曲-like 2023 final account: class 201 does not add up
CLEAN = "e200000000000002"  # 株洲-like 2020 budget: everything adds up, one figure rounds
SLIP = "e300000000000003"  # a prose figure printed in 元 instead of 万元
REJECTED = "e400000000000004"

GPB = "general_public_budget"


def nagqu_rows() -> dict[str, list[dict]]:
    def fn(item_id, code, wan, name, locator):
        return line_item(
            item_id,
            NAGQU,
            wan,
            functional=code,
            name=name,
            fund_source=GPB,
            amount_kind="actual",
            locator=locator,
            text=f"{code}\t{name}\t{wan}万元",
        )

    def public_prose(item_id, code, wan, name):
        """A 公用经费 line the prose names in one sentence (line l138)."""
        return line_item(
            item_id,
            NAGQU,
            wan,
            economic=code,
            name=name,
            expense_type="public",
            fund_source=GPB,
            amount_kind="actual",
            method="narrative",
            locator="l138",
            code_source="resolved",
            text=f"{name}{wan}万元",
        )

    return dict(
        line_items=[
            fn("n01", "201", "774.70", "一般公共服务支出", "l105"),
            fn("n02", "20132", "34.23", "组织事务", "l107"),
            fn("n03", "2013299", "34.23", "其他组织事务支出", "l109"),
            fn("n04", "20137", "771.28", "网信事务", "l111"),
            fn("n05", "2013701", "771.28", "行政运行", "l113"),
            fn("n06", "208", "98.65", "社会保障和就业支出", "l115"),
            fn("n07", "20805", "98.65", "行政单位养老支出", "l117"),
            fn("n08", "2080505", "98.65", "机关事业单位基本养老保险缴费支出", "l119"),
            fn("n09", "210", "59.98", "卫生健康支出", "l121"),
            fn("n10", "21011", "59.98", "行政事业单位医疗", "l123"),
            fn("n11", "221", "79.53", "住房保障支出", "l131"),
            fn("n12", "22102", "79.53", "住房改革支出", "l133"),
            public_prose("n13", "30217", "0.096", "公务接待费"),
            public_prose("n14", "30231", "9.69", "公务用车运行维护费"),
        ],
        reported_totals=[
            reported_total(
                NAGQU,
                "expenditure_total",
                "1012.86",
                amount_kind="actual",
                fund_source=GPB,
                locator="l100",
                text="合计\t1012.86",
            ),
        ],
        three_public_expenses=[
            three_public(NAGQU, "total", "9.78", amount_kind="actual", locator="l173 a", method="narrative"),
            three_public(NAGQU, "overseas_travel", "0.00", amount_kind="actual", locator="l173 b", method="narrative"),
            three_public(NAGQU, "vehicle", "9.68", amount_kind="actual", locator="l173 c", method="narrative"),
            three_public(
                NAGQU,
                "official_reception",
                "0.10",
                amount_kind="actual",
                locator="l173 d",
                method="narrative",
            ),
        ],
    )


def clean_rows() -> dict[str, list[dict]]:
    def fn(item_id, code, wan, name, expense_type="total"):
        return line_item(
            item_id,
            CLEAN,
            wan,
            functional=code,
            name=name,
            expense_type=expense_type,
            locator=f"t3 {item_id}",
        )

    def eco(item_id, code, wan, name):
        return line_item(item_id, CLEAN, wan, economic=code, name=name, expense_type="basic", locator=f"t5 {item_id}")

    return dict(
        line_items=[
            fn("c01", "201", "472.74", "一般公共服务支出"),
            fn("c02", "20137", "472.74", "网信事务"),
            fn("c03", "2013701", "292.74", "行政运行"),
            fn("c04", "2013799", "180.00", "其他网信事务支出"),
            fn("c05", "201", "292.74", "一般公共服务支出", "basic"),
            fn("c06", "201", "180.00", "一般公共服务支出", "project"),
            eco("c07", "301", "183.06", "工资福利支出"),
            eco("c08", "30101", "53.42", "基本工资"),
            eco("c09", "30102", "129.64", "津贴补贴"),
            eco("c10", "302", "94.35", "商品和服务支出"),
            eco("c11", "310", "15.33", "资本性支出"),
        ],
        reported_totals=[
            reported_total(CLEAN, "grand_total", "472.74"),
            reported_total(CLEAN, "income_total", "472.74"),
            reported_total(CLEAN, "expenditure_total", "472.74"),
            reported_total(CLEAN, "basic_expenditure", "292.74"),
            reported_total(CLEAN, "project_expenditure", "180.00"),
            # the same total in prose: a repeat that agrees
            reported_total(CLEAN, "expenditure_total", "472.74", locator="p1 l3", method="narrative"),
        ],
        three_public_expenses=[
            three_public(CLEAN, "total", "13.00"),
            three_public(CLEAN, "official_reception", "10.00"),
            three_public(CLEAN, "vehicle_purchase", "0.00"),
            three_public(CLEAN, "vehicle_operation", "3.01"),
        ],
    )


def slip_rows() -> dict[str, list[dict]]:
    return dict(
        reported_totals=[
            reported_total(SLIP, "expenditure_total", "472.74", locator="t1 r24"),
            {
                **reported_total(
                    SLIP,
                    "expenditure_total",
                    "472.74",
                    locator="p2 l4",
                    method="narrative",
                    text="本年支出合计472.74元",
                ),
                "amount_yuan": "472.74",
                "reported_unit": "元",
            },
        ],
    )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> DbtWarehouse:
    rows: dict[str, list[dict]] = {
        "documents": [
            document(NAGQU, "那曲市委网信办", 2023, "final_account"),
            document(CLEAN, "中共株洲市委网络安全和信息化委员会办公室", 2020, "budget"),
            document(SLIP, "江苏省人民检察院", 2018, "budget"),
            rejected_document(REJECTED, "unreadable", "No text layer."),
        ]
    }
    for part in (nagqu_rows(), clean_rows(), slip_rows()):
        for name, records in part.items():
            rows.setdefault(name, []).extend(records)
    warehouse = DbtWarehouse(tmp_path_factory.mktemp("dbt_reconciliation"))
    result = warehouse.build(frames_from_rows(**rows))
    assert not failed_nodes(result), failed_nodes(result)
    warehouse.build_result = result
    return warehouse


def findings(warehouse: DbtWarehouse, document_id: str) -> list[dict]:
    return warehouse.query_dicts(
        "select * from marts.audit_reconciliation where document_id = ? and status = 'fail' order by rule_id, scope",
        [document_id],
    )


def test_nagqu_class_201_is_the_only_arithmetic_failure(warehouse):
    errors = [row for row in findings(warehouse, NAGQU) if row["severity"] == "error"]
    assert [(row["rule_id"], row["scope"]) for row in errors] == [("HIER-FUN", "201")]
    (finding,) = errors
    assert finding["expected_yuan"] == Decimal("7747000.00")
    assert finding["actual_yuan"] == Decimal("8055100.00")
    assert finding["difference_yuan"] == Decimal("308100.00")
    assert finding["finding_kind"] == "hierarchy_mismatch"
    assert finding["rule_label"] == "功能分类科目逐级加总（项→款→类）"
    assert finding["expected_source_locator"] == "l105"
    assert finding["actual_source_locator"] == "20132: l107; 20137: l111"
    assert "774.70万元" in finding["detail"] and "805.51万元" in finding["detail"]
    assert "34.23万元" in finding["actual_source_text"] and "771.28万元" in finding["actual_source_text"]
    assert finding["agency_name"] == "中共那曲市委网络安全和信息化委员会办公室" and finding["fiscal_year"] == 2023


def test_nagqu_other_checks_pass_or_round(warehouse):
    rows = warehouse.query_dicts(
        "select rule_id, scope, status from marts.audit_reconciliation where document_id = ?", [NAGQU]
    )
    statuses = {(row["rule_id"], row["scope"]): row["status"] for row in rows}
    assert statuses[("TOT-FUN", "expenditure_total")] == "pass"  # 774.70 + 98.65 + 59.98 + 79.53 = 1012.86
    assert statuses[("XSEC-ECO-THREE-PUBLIC", "30217 ↔ official_reception")] == "rounding"  # 0.096 vs 0.10
    # only 公务用车购置及运行维护费 is printed, not its operation part: 30231 has nothing to meet
    assert ("XSEC-ECO-THREE-PUBLIC", "30231 ↔ vehicle_operation") not in statuses
    assert statuses[("PART-THREE-PUBLIC", "three_public total")] == "pass"
    assert statuses[("LBL-SUBJECT-NAME", "20805")] == "fail"  # 行政单位养老支出 is not a name of 20805
    assert statuses[("HIER-FUN", "20137")] == "pass"


def test_clean_document_reconciles(warehouse):
    rows = warehouse.query_dicts(
        "select rule_id, scope, status, detail from marts.audit_reconciliation where document_id = ?", [CLEAN]
    )
    assert rows, "the clean document is checked"
    not_passing = {(row["rule_id"], row["scope"], row["status"]) for row in rows if row["status"] != "pass"}
    # 三公: 10.00 + 3.01 against 13.00 is one addend-allowance off: rounding, not a failure
    assert not_passing == {
        ("PART-THREE-PUBLIC", "three_public total", "rounding"),
    }
    rules = {row["rule_id"] for row in rows}
    assert {
        "HIER-FUN",
        "HIER-ECO",
        "TOT-FUN",
        "TOT-FUN-ECO",
        "PART-BASIC-PROJECT",
        "BAL-INCOME-EXPENDITURE",
        "BAL-GRAND-TOTAL",
        "REP-FIGURE",
        "LBL-SUBJECT-NAME",
        "REF-SUBJECT-CODE",
    } <= rules


def test_a_unit_slip_is_reported_as_such(warehouse):
    (finding,) = findings(warehouse, SLIP)
    assert finding["rule_id"] == "REP-FIGURE"
    assert finding["finding_kind"] == "unit_anomaly"
    assert finding["expected_source_locator"] == "t1 r24" and finding["actual_source_locator"] == "p2 l4"
    assert "unit slip" in finding["detail"]


def test_quality_summary_per_document(warehouse):
    rows = {row["document_id"]: row for row in warehouse.query_dicts("select * from marts.audit_document_quality")}
    assert rows[REJECTED]["reconciliation_outcome"] == "rejected" and rows[REJECTED]["checks_run"] == 0
    assert rows[NAGQU]["reconciliation_outcome"] == "fails"
    assert rows[NAGQU]["error_findings"] == 1 and rows[NAGQU]["failed_rule_ids"] == "HIER-FUN, LBL-SUBJECT-NAME"
    assert rows[NAGQU]["largest_difference_yuan"] == Decimal("308100.00")
    assert rows[CLEAN]["reconciliation_outcome"] == "rounding"
    assert rows[CLEAN]["checks_failed"] == 0
    for row in rows.values():
        decided = row["checks_passed"] + row["checks_rounding"] + row["checks_failed"]
        assert row["checks_run"] == decided + row["checks_unverified"]
    # every amount of the clean document is used by some check
    assert rows[CLEAN]["amount_coverage_share"] == Decimal("1.0000")


def test_check_ids_are_a_stable_hash_of_document_rule_and_key(warehouse):
    rows = warehouse.query(
        "select check_id, document_id, rule_id, check_key "
        "from intermediate.int_reconciliation_checks_unioned "
        "join marts.audit_reconciliation using (check_id, document_id, rule_id)"
    )
    assert rows
    for check_id, document_id, rule_id, check_key in rows:
        assert check_id == hashlib.sha256(f"{document_id}|{rule_id}|{check_key}".encode()).hexdigest()[:16]


def test_findings_are_warning_data_tests_read_from_the_audit(warehouse):
    """The data tests Dagster shows as asset checks list exactly the audit's failed checks."""
    statuses = {
        outcome.node.name: str(outcome.status)
        for outcome in warehouse.build_result.result.results
        if outcome.node.resource_type == "test"
    }
    assert statuses["audit_reconciliation_has_no_error_findings"] == "warn"
    assert statuses["audit_reconciliation_has_no_warning_findings"] == "warn"
    stored = warehouse.query_dicts(
        "select document_id, rule_id, scope, expected_yuan, actual_yuan "
        "from audit_failures.audit_reconciliation_has_no_error_findings where document_id = ?",
        [NAGQU],
    )
    assert stored == [
        {
            "document_id": NAGQU,
            "rule_id": "HIER-FUN",
            "scope": "201",
            "expected_yuan": Decimal("7747000.00"),
            "actual_yuan": Decimal("8055100.00"),
        }
    ]
    for severity in ("error", "warning"):
        stored_ids = {
            check_id
            for (check_id,) in warehouse.query(
                f"select check_id from audit_failures.audit_reconciliation_has_no_{severity}_findings"
            )
        }
        audited_ids = {
            check_id
            for (check_id,) in warehouse.query(
                "select check_id from marts.audit_reconciliation where status = 'fail' and severity = ?", [severity]
            )
        }
        assert stored_ids == audited_ids, severity
