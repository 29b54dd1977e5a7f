"""Golden income facts of the real PDFs (../shared/corpus/pdf), read by hand off the pages named below.

Three forms occur: the 收入决算表 / 收入预算总表 by subject (001 p8 in 万元; 005 p11, 007 p9, 010 p11 in 元),
江苏's 收入预算总表 by source label (012 p9, 015 p14, 019 p2, in 万元), and the income side of the 收支总表
(005/007/010's 财务收支预算总表 in 元: 一、财政拨款收入 and 1. 一般公共预算资金).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from ingestion.pipeline import ingest_document

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "pdf"
if not CORPUS.is_dir():
    pytest.skip(f"real PDF corpus not found at {CORPUS}", allow_module_level=True)

# number: [(subject or None, source, parent or None, printed amount, unit), …]
INCOME = {
    # p8 收入决算表: 合计 2,946.25 | 2,940.05 | … | 6.20; 2010601 行政运行 1,511.90 | 1,511.89 | … | 0.01
    "001": [(None, "total", None, "2,946.25", "万元"), (None, "fiscal_appropriation", "total", "2,940.05", "万元"),
            (None, "other", "total", "6.20", "万元"), ("2010601", "total", None, "1,511.90", "万元"),
            ("2010601", "fiscal_appropriation", "total", "1,511.89", "万元"),
            ("2010601", "other", "total", "0.01", "万元"),
            ("2080501", "total", None, "84.65", "万元")],
    # p11 2024年部门收入预算总表 (元): 201 05 07 专项普查活动 257,700; p15 合计 156,211,123
    "005": [("2010507", "total", None, "257,700", "元"), ("2010507", "fiscal_appropriation", "total", "257,700", "元"),
            ("2010507", "business", "total", "0", "元"), (None, "total", None, "156,211,123", "元"),
            (None, "general_public_budget", "fiscal_appropriation", "156,211,123", "元")],
    # p9 (元): 201 03 01 行政运行 12,029,501.84; p10 合计 91,016,775.35
    "007": [("2010301", "total", None, "12,029,501.84", "元"), (None, "total", None, "91,016,775.35", "元"),
            (None, "fiscal_appropriation", "total", "91,016,775.35", "元")],
    # p11 (元): 204 06 01 行政运行 16726725.44; 合计 96282213.44; p10 2.政府性基金预算 0.00
    "010": [("2040601", "total", None, "16726725.44", "元"), (None, "total", None, "96282213.44", "元"),
            (None, "government_fund", "fiscal_appropriation", "0.00", "元")],
    # p9 收入预算总表: 收入总计 13,649.07; 一般公共预算资金 小计 13,649.07; 公共财政拨款(补助)资金 13,649.07
    "012": [(None, "grand_total", None, "13,649.07", "万元"),
            (None, "general_public_budget", "grand_total", "13,649.07", "万元"),
            (None, "general_public_budget_grant", "general_public_budget", "13,649.07", "万元")],
    # p14: 收入总计 21,955.35; 一般公共预算资金 21,940.96; 其他资金 小计 14.39; 其他收入 14.39
    "015": [(None, "grand_total", None, "21,955.35", "万元"),
            (None, "general_public_budget", "grand_total", "21,940.96", "万元"),
            (None, "other_funds", "grand_total", "14.39", "万元"), (None, "other", "other_funds", "14.39", "万元")],
    # p2: 收入总计 10,150.48; 一般公共预算资金 10,070.48; 其他资金 80.00; 其他收入 80.00
    "019": [(None, "grand_total", None, "10,150.48", "万元"), (None, "other", "other_funds", "80.00", "万元")],
}  # fmt: skip
FACTOR = {"元": Decimal(1), "万元": Decimal(10000)}


@pytest.fixture(scope="module")
def frames():
    cache = {}

    def get(number: str):
        if number not in cache:
            path = next(iter(sorted(CORPUS.glob(f"{number}_*.pdf"))), None)
            if path is None:
                pytest.skip(f"corpus file {number}_*.pdf is missing")
            result = ingest_document(path)
            assert result.document_row["status"] == "parsed", result.document_row
            cache[number] = result.frames
        return cache[number]

    return get


def _key(row) -> tuple:
    subject = None if pd.isna(row.functional_subject_code) else row.functional_subject_code
    parent = None if pd.isna(row.parent_income_source) else row.parent_income_source
    return subject, row.income_source, parent


@pytest.mark.parametrize("number", sorted(INCOME))
def test_income_tables_are_read_by_source(frames, number):
    income = frames(number)["income_line_items"]
    rows = income.itertuples()
    held = {_key(row): (row.reported_amount, row.reported_unit, Decimal(row.amount_yuan)) for row in rows}
    for subject, source, parent, printed, unit in INCOME[number]:
        expected_yuan = Decimal(printed.replace(",", "")) * FACTOR[unit]
        assert held.get((subject, source, parent)) == (printed, unit, expected_yuan), (subject, source, parent)


@pytest.mark.parametrize("number", sorted(INCOME))
def test_no_income_table_is_left_unmodelled(frames, number):
    issues = frames(number)["extraction_issues"]
    unmodelled = issues[issues["issue_kind"] == "table_not_modelled"]["detail"]
    assert not [detail for detail in unmodelled if "收入" in detail.split("'")[1]]


@pytest.mark.parametrize(
    ("number", "amount"), [("005", "156,211,123"), ("007", "91,016,775.35"), ("010", "96,282,213.44")]
)
def test_yuan_budgets_state_their_fiscal_appropriation_income(frames, number, amount):
    """财务收支预算总表 (元): 一、财政拨款收入 and 1. 一般公共预算(资金) are the budget's income totals."""
    totals = frames(number)["reported_totals"]
    table = totals[(totals["extraction_method"] == "table") & (totals["fund_source"] == "all")]
    stated = {(row.measure, row.reported_amount, row.reported_unit) for row in table.itertuples()}
    assert {("fiscal_appropriation_income", amount, "元"), ("general_public_budget_income", amount, "元")} <= stated
