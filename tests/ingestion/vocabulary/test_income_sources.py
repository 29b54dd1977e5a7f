"""Income sources: whole labels only, list numbers taken off, totals resolved by the table's carry-over."""

import pytest

from ingestion.vocabulary.income_sources import TOTAL_OR_GRAND, income_source, is_income_table, resolve_total


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("财政拨款收入", "fiscal_appropriation"),
        ("一、财政拨款", "fiscal_appropriation"),
        ("1. 一般公共预算资金", "general_public_budget"),
        ("1.一般公共预算", "general_public_budget"),
        ("一、一般公共预算财政拨款收入", "general_public_budget"),
        ("一般公共预算拨款", "general_public_budget"),
        ("2.政府性基金预算", "government_fund"),
        ("政府性基金拨款", "government_fund"),
        ("三、国有资本经营预算财政拨款收入", "state_capital"),
        ("公共财政拨款(补助)资金", "general_public_budget_grant"),
        ("纳入专户管理的非税收入拨款", "fiscal_special_account"),
        ("二、事业收入", "business"),
        ("事业单位经营收入", "operating"),
        ("四、上级补助收入", "superior_subsidy"),
        ("七、附属单位上缴收入", "affiliated_remittance"),
        ("八、其他收入", "other"),
        ("其他资金", "other_funds"),
        ("债务资金(银行贷款)", "debt"),
        ("上年结转和结余资金", "carry_over"),
        ("本年收入合计", "total"),
        ("合计", TOTAL_OR_GRAND),
        ("收入总计", TOTAL_OR_GRAND),
    ],
)
def test_labels_name_their_source(label, key):
    assert income_source(label) == key


@pytest.mark.parametrize(
    "label", ["收入", "项目名称", "专户管理教育收费其他非税收入", "其中:动用上年结转和结余资金", "小计"]
)
def test_other_labels_name_no_source(label):
    assert income_source(label) is None


def test_a_bare_total_is_the_grand_total_only_beside_a_carry_over():
    assert resolve_total(TOTAL_OR_GRAND, True) == "grand_total"
    assert resolve_total(TOTAL_OR_GRAND, False) == "total"
    assert resolve_total("business", True) == "business"


@pytest.mark.parametrize(
    ("title", "expected"),
    [("收入预算总表", True), ("收入决算表", True), ("2024年部门收入预算总表", True), ("部门收入总表", True),
     ("收入支出决算总表", False), ("财政拨款收支预算总表", False), ("支出预算总表", False)],
)  # fmt: skip
def test_income_table_titles(title, expected):
    assert is_income_table(title) is expected
