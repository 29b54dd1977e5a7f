"""Summary tables (收支总表) on the samples: totals printed as label / amount pairs."""

from ingestion.extract.facts import TotalFact
from ingestion.readers import read_document
from tests.ingestion.extract.tables.support import line_items, sample_facts, table_document


def test_zhuzhou_summary_table_totals(sample_path):
    facts = [f for f in sample_facts(read_document(sample_path("zhuzhou"))) if isinstance(f, TotalFact)]
    measures = {(f.measure, f.evidence.reported_amount) for f in facts}
    assert {("income_total", "472.74"), ("expenditure_total", "472.74"), ("basic_expenditure", "292.74"),
            ("project_expenditure", "180.00")} <= measures  # fmt: skip


FISCAL_SUMMARY = [
    ["收入", "", "支出", "", "", ""],
    ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算"],
    ["一、一般公共预算资金", "2,932.70", "一、一般公共服务支出", "2,932.70", "2,932.70", ""],
    ["三、国有资本经营预算", "0.00", "二、社会保障和就业支出", "196.04", "196.04", ""],
    ["收入总计", "3,128.74", "支出总计", "3,128.74", "3,128.74", ""],
]


def test_class_rows_of_a_fiscal_summary_per_fund_and_never_from_the_income_side():
    document = table_document("2021年部门财政拨款收支预算总表", FISCAL_SUMMARY)
    found = {
        (f.functional_subject_code, f.fund_source, f.evidence.reported_amount)
        for f in line_items(sample_facts(document))
    }
    assert found == {
        ("201", "fiscal_appropriation", "2,932.70"),
        ("201", "general_public_budget", "2,932.70"),
        ("208", "fiscal_appropriation", "196.04"),
        ("208", "general_public_budget", "196.04"),
    }  # 三、国有资本经营预算 (income) is not class 223


def test_a_shouru_zhichu_title_is_a_summary_table():
    rows = [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"],
            ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"]]  # fmt: skip
    document = table_document("收入支出决算总表", rows)
    items = line_items(sample_facts(document))
    assert [(f.functional_subject_code, f.evidence.reported_amount) for f in items] == [("201", "2,106.66")]
