"""Stated ratios through dbt: a constructed document's printed percentages reach marts.audit_reconciliation
as RATIO-* checks with the recomputed value, the status under the tolerance policy, the finding kind, the
severity and a detail sentence; the quality summary counts them.

The document reuses the 巴中 and 那曲 sentences whose arithmetic tests/ingestion/extract/narrative/test_ratios.py
works out by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.dbt.conftest import DbtWarehouse, document, failed_nodes, frames_from_rows, yuan

DOC = "4a710000000d0c01"


def stated_ratio(
    stated_ratio_id: str,
    kind: str,
    printed: str,
    locator: str,
    subject: str | None = None,
    base: str | None = None,
    base_status: str = "printed",
    change_direction: str | None = None,
    rate_direction: str | None = None,
    **figures_in_wan: str,
) -> dict:
    row = {
        "stated_ratio_id": stated_ratio_id,
        "document_id": DOC,
        "ratio_kind": kind,
        "printed_percent": printed,
        "percent": printed.rstrip("%").strip(),
        "subject_label": subject,
        "base_label": base,
        "change_direction": change_direction,
        "rate_direction": rate_direction,
        "base_status": base_status,
        "reported_unit": "万元",
        "note": None,
        "figures_locator": locator,
        "source_locator": locator,
        "source_text": f"… {printed} …",
    }
    for name in ("part", "whole", "current", "prior", "change", "actual", "budget"):
        wan = figures_in_wan.get(name)
        row[f"{name}_yuan"] = yuan(wan) if wan is not None else None
    return row


RATIOS = [
    # 本年支出合计223.34万元，其中：基本支出131.63万元，占58.94% → 58.9370% pass
    stated_ratio(
        "s_basic", "share", "58.94%", "l31", "基本支出", "本年支出合计", part="131.63", whole="223.34"
    ),
    # 卫生健康支出59.98万元，占5.02% of 1226.42万元 → 4.8907% fail
    stated_ratio(
        "s_health", "share", "5.02%", "l95", "卫生健康支出", "一般公共预算财政拨款支出",
        part="59.98", whole="1226.42",
    ),
    # 收、支总计236.01万元 … 收入总计减少157.39万元，下降40.01% → 40.0076% pass
    stated_ratio(
        "c_income", "change", "40.01%", "l22", "收入总计", "2019年",
        change_direction="decrease", rate_direction="decrease", current="236.01", change="157.39",
    ),
    # … 支出总计减少148.94万元，下降40.01% → 38.6907% fail
    stated_ratio(
        "c_spending", "change", "40.01%", "l22", "支出总计", "2019年",
        change_direction="decrease", rate_direction="decrease", current="236.01", change="148.94",
    ),
    # 1万元 budget, 1万元 actual printed 101%: within the 0.01万元 rounding of the amounts
    stated_ratio("r_small", "completion_rate", "101%", "l50", "小额项目", "年初预算", actual="1", budget="1"),
    # 公务接待费支出增加（减少）0.14万元，下降59.56%
    stated_ratio(
        "d_template", "change", "59.56%", "l184", "公务接待费支出", "2022年度", base_status="missing",
        change_direction="unspecified", rate_direction="decrease", change="0.14",
    ),
    # 2023年当年预算执行数为0.00万元,2024年预算安排25.00万元,比2023年预算执行数增加100.00%
    stated_ratio(
        "z_new", "change", "100.00%", "p7 l6", "其他教育支出", "2023年预算执行数", base_status="zero",
        rate_direction="increase", prior="0.00", current="25.00",
    ),
]  # fmt: skip


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> DbtWarehouse:
    frames = frames_from_rows(
        documents=[document(DOC, "那曲市委网络安全和信息化委员会办公室", 2023, "final_account")],
        stated_ratios=RATIOS,
    )
    warehouse = DbtWarehouse(tmp_path_factory.mktemp("dbt_ratios"))
    result = warehouse.build(frames)
    assert not failed_nodes(result), failed_nodes(result)
    return warehouse


@pytest.fixture(scope="module")
def audit(warehouse) -> dict[tuple[str, str], dict]:
    rows = warehouse.query_dicts(
        "select * from marts.audit_reconciliation where document_id = ? and rule_family = 'ratio'", [DOC]
    )
    return {(row["rule_id"], row["fact_ids"][-1]): row for row in rows}


def test_the_audit_has_exactly_the_expected_ratio_checks(audit):
    assert {key: row["status"] for key, row in audit.items()} == {
        ("RATIO-SHARE", "s_basic"): "pass",
        ("RATIO-SHARE", "s_health"): "fail",
        ("RATIO-CHANGE", "c_income"): "pass",
        ("RATIO-CHANGE", "c_spending"): "fail",
        ("RATIO-COMPLETION", "r_small"): "rounding",
        ("RATIO-DIRECTION", "c_income"): "pass",
        ("RATIO-DIRECTION", "c_spending"): "pass",
        ("RATIO-DIRECTION", "d_template"): "fail",
        ("RATIO-DIRECTION", "z_new"): "pass",
        ("RATIO-ZERO-BASE", "z_new"): "unverified",  # growth from a printed zero: undefined, not a finding
    }


def test_recomputed_percentages_and_findings(audit):
    spending = audit[("RATIO-CHANGE", "c_spending")]
    assert spending["expected_percent"] == Decimal("40.010000")
    assert spending["actual_percent"] == Decimal("38.690739")  # 148.94 ÷ 384.95
    assert spending["finding_kind"] == "ratio_mismatch" and spending["severity"] == "error" and spending["is_finding"]
    assert "384.95万元" in spending["detail"] and "38.6907%" in spending["detail"]
    health = audit[("RATIO-SHARE", "s_health")]
    assert health["actual_percent"] == Decimal("4.890657")  # 59.98 ÷ 1226.42
    assert audit[("RATIO-DIRECTION", "d_template")]["finding_kind"] == "direction_mismatch"
    zero = audit[("RATIO-ZERO-BASE", "z_new")]
    assert (zero["finding_kind"], zero["is_finding"], zero["severity"]) == (None, False, "warning")
    assert "Growth from zero is undefined" in zero["detail"] and "new this year" in zero["detail"]
    assert audit[("RATIO-COMPLETION", "r_small")]["finding_kind"] is None


def test_ratio_rows_carry_no_yuan_sides_and_both_locators(audit):
    for row in audit.values():
        assert row["expected_yuan"] is None and row["difference_yuan"] is None
        assert row["expected_source_locator"] and row["actual_source_locator"] and row["detail"]
        assert row["rule_label"]


def test_the_quality_summary_counts_ratio_findings(warehouse):
    (summary,) = warehouse.query_dicts("select * from marts.audit_document_quality where document_id = ?", [DOC])
    assert summary["checks_run"] == 10
    assert (summary["checks_failed"], summary["error_findings"], summary["warning_findings"]) == (3, 3, 0)
    assert summary["checks_unverified"] == 1
    assert summary["reconciliation_outcome"] == "fails"
