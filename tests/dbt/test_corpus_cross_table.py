"""Cross-table and 政府采购 findings on a real PDF, judged by hand against its pages.

上海市普陀区财政局 2024 部门决算 (``../shared/corpus/pdf/001_…``) prints class 208 社会保障和就业支出 as 326.71万元
in its 收入支出决算总表 (p6) and 财政拨款收入支出决算总表 (p12), but as 326.72万元 in its 支出决算表 (p10) and
一般公共预算财政拨款支出决算表 (p15) — the same figure to the same precision with two values, which
XTAB-SUBJECT flags (REP-FIGURE used to pass it as rounding). Its 政府采购 sentence (p24) gives
251.25万元 with parts 4.79 + 0 + 246.47 = 251.26万元: one 0.01万元 unit over three rounded parts, which is
rounding. Both read off the page text (pdfium), and nothing else of these rules fails on the file.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.dbt.conftest import DbtWarehouse, failed_nodes

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "pdf"
PUTUO_FINANCE = CORPUS / "001_sh_putuo_caizhengju_2024_juesuan.pdf"
if not PUTUO_FINANCE.is_file():
    pytest.skip(f"real PDF not found at {PUTUO_FINANCE} (it lives beside the checkout)", allow_module_level=True)

RULES = "('XTAB-SUBJECT', 'PROC-PARTS')"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> DbtWarehouse:
    from ingestion.pipeline import ingest

    result = ingest([PUTUO_FINANCE])
    warehouse = DbtWarehouse(tmp_path_factory.mktemp("dbt_putuo_finance"))
    build = warehouse.build(result.frames)
    assert not failed_nodes(build), failed_nodes(build)
    return warehouse


def test_class_208_printed_as_326_71_and_326_72_fails(warehouse):
    rows = warehouse.query_dicts(
        f"select * from marts.audit_reconciliation where rule_id in {RULES} and status = 'fail' order by scope"
    )
    found = {
        (row["rule_id"], row["fund_source"], row["expected_source_locator"], row["actual_source_locator"]): (
            row["expected_yuan"],
            row["actual_yuan"],
        )
        for row in rows
    }
    assert found == {
        ("XTAB-SUBJECT", "all", "p6 l4 t2 r10 c4", "p10 l3 t4 r11 c5"): (Decimal("3267100.00"), Decimal("3267200.00")),
        ("XTAB-SUBJECT", "general_public_budget", "p12 l3 t5 r10 c5", "p15 l3 t6 r11 c5"): (
            Decimal("3267100.00"),
            Decimal("3267200.00"),
        ),
    }
    for row in rows:
        assert "社会保障和就业支出" in row["expected_source_text"] and "326.71" in row["expected_source_text"]
        assert "社会保障和就业支出" in row["actual_source_text"] and "326.72" in row["actual_source_text"]
        assert row["tolerance_yuan"] == 0 and row["finding_kind"] == "cross_table_mismatch"
        assert row["severity"] == "error" and row["is_finding"]
        assert "same precision" in row["detail"]


def test_the_procurement_parts_round_to_the_total(warehouse):
    (row,) = warehouse.query_dicts("select * from marts.audit_reconciliation where rule_id = 'PROC-PARTS'")
    assert (row["status"], row["expected_yuan"], row["actual_yuan"], row["addend_count"]) == (
        "rounding",
        Decimal("2512500.00"),
        Decimal("2512600.00"),
        3,
    )
    assert Decimal("4.79") + Decimal("0") + Decimal("246.47") == Decimal("251.26")
    assert "货物采购金额4.79万元" in row["expected_source_text"]


def test_the_208_copies_are_no_longer_repeat_roundings(warehouse):
    rows = warehouse.query_dicts(
        "select * from marts.audit_reconciliation where rule_id = 'REP-FIGURE' and scope like 'line 208 %'"
    )
    assert rows == []


def test_every_budget_comparison_agrees_with_its_figures(warehouse):
    # p21–p23: eight 决算数小于预算数 after 年初预算/支出决算 pairs, the 一般公共预算 total (2993.92 → 2940.05) and
    # the 三公 total (0.95 → 0.00), each smaller as printed; the three 决算数与预算数基本持平 are no strict claim.
    rows = warehouse.query_dicts("select * from marts.audit_reconciliation where rule_id = 'CMP-ACTUAL-BUDGET'")
    assert len(rows) == 10 and {row["status"] for row in rows} == {"pass"}
    by_place = {row["expected_source_locator"]: (row["expected_yuan"], row["actual_yuan"]) for row in rows}
    assert by_place["p22 l3"] == (Decimal("15600500.00"), Decimal("15118900.00"))  # 1560.05 → 1511.89
    assert by_place["p21 l30"] == (Decimal("29939200.00"), Decimal("29400500.00"))  # 2993.92 → 2940.05
