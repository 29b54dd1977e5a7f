"""Income tables and the income side of the 收支总表: one fact per source, with the source it is a part of."""

from ingestion.extract.facts import IncomeFact, IssueFact, TotalFact
from tests.ingestion.extract.tables.support import sample_facts, table_document

SOURCES = ["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"]
BY_SUBJECT = [
    ["项目", "", "", "", "收入预算", "", "", "", ""],
    ["功能分类科目编码", "", "", "功能分类科目名称", *SOURCES],
    ["类", "款", "项", "", "", "", "", "", ""],
    ["201", "", "", "一般公共服务支出", "2,932,700", "2,932,700", "0", "0", "0"],
    ["201", "05", "07", "专项普查活动", "257,700", "250,000", "", "", "7,700"],
    ["合计", "", "", "", "2,932,700", "2,932,700", "0", "0", "0"],
]


def _income(facts):
    return {
        (f.functional_subject_code, f.income_source, f.parent_income_source, f.evidence.reported_amount)
        for f in facts
        if isinstance(f, IncomeFact)
    }


def test_an_income_table_by_subject_gives_one_fact_per_subject_and_source():
    facts = sample_facts(table_document("2024年部门收入预算总表", BY_SUBJECT, "单位：元"))
    income = _income(facts)
    assert ("2010507", "total", None, "257,700") in income
    assert ("2010507", "fiscal_appropriation", "total", "250,000") in income
    assert ("2010507", "other", "total", "7,700") in income
    assert (None, "total", None, "2,932,700") in income  # the 合计 row: the whole document
    assert ("201", "operating", "total", "0") in income
    assert not [f for f in facts if isinstance(f, IssueFact) and f.issue_kind == "table_not_modelled"]
    assert next(f for f in facts if isinstance(f, IncomeFact)).evidence.reported_unit == "元"


def test_an_unknown_income_column_is_reported_not_guessed():
    rows = [row[:5] + ["借款收入" if index == 1 else row[5]] for index, row in enumerate(BY_SUBJECT)]
    facts = sample_facts(table_document("收入预算总表", rows))
    assert ("201", "total", None, "2,932,700") in _income(facts)
    assert not any(source == "fiscal_appropriation" for _, source, _, _ in _income(facts))
    assert [f for f in facts if isinstance(f, IssueFact) and f.issue_kind == "column_not_extracted"]


BY_LABEL = [
    ["项目名称", "", "金额"],
    ["收入总计", "", "21,955.35"],
    ["一般公共预算资金", "小计", "21,940.96"],
    ["", "公共财政拨款(补助)资金", "21,940.96"],
    ["", "专项收入", ""],
    ["其他资金", "小计", "14.39"],
    ["", "事业收入", ""],
    ["", "其他收入", "14.39"],
    ["上年结转和结余资金", "小计", ""],
    ["", "其中:动用上年结转和结余资金", "3.00"],
]


def test_an_income_table_by_label_reads_groups_and_their_parts():
    facts = sample_facts(table_document("公开02表:收入预算总表", BY_LABEL))
    assert _income(facts) == {
        (None, "grand_total", None, "21,955.35"),  # the table lists the carry-over: 收入总计 counts it
        (None, "general_public_budget", "grand_total", "21,940.96"),
        (None, "general_public_budget_grant", "general_public_budget", "21,940.96"),
        (None, "other_funds", "grand_total", "14.39"),
        (None, "other", "other_funds", "14.39"),
    }
    unread = [f for f in facts if isinstance(f, IssueFact) and f.issue_kind == "amount_not_read"]
    assert [f.source_text for f in unread] == ["其中:动用上年结转和结余资金\t3.00"]  # no part of any sum


def test_a_label_table_under_an_unknown_group_attributes_nothing():
    rows = [["项目名称", "", "金额"], ["收入总计", "", "10.00"], ["借入资金", "小计", "10.00"],
            ["", "其他收入", "10.00"]]  # fmt: skip
    assert _income(sample_facts(table_document("收入预算总表", rows))) == {(None, "total", None, "10.00")}


SUMMARY = [
    ["本年收入", "", "本年支出", ""],
    ["项目", "预算数", "项目", "预算数"],
    ["一、财政拨款收入", "96,282,213.44", "一、公共安全支出", "87,267,272.44"],
    ["1.一般公共预算", "96,282,213.44", "二、社会保障和就业支出", "9,014,941.00"],
    ["2.政府性基金预算", "0.00", "", ""],
    ["二、事业收入", "0.00", "", ""],
    ["收入总计", "96,282,213.44", "支出总计", "96,282,213.44"],
]


def test_the_income_side_of_a_yuan_summary_is_read_by_source_and_as_totals():
    facts = sample_facts(table_document("2026年部门财务收支预算总表", SUMMARY, "单位：元"))
    assert _income(facts) == {
        (None, "fiscal_appropriation", "total", "96,282,213.44"),
        (None, "general_public_budget", "fiscal_appropriation", "96,282,213.44"),
        (None, "government_fund", "fiscal_appropriation", "0.00"),
        (None, "business", "total", "0.00"),
    }
    totals = {(f.measure, f.evidence.reported_amount) for f in facts if isinstance(f, TotalFact)}
    assert {("fiscal_appropriation_income", "96,282,213.44"), ("general_public_budget_income", "96,282,213.44"),
            ("grand_total", "96,282,213.44")} <= totals  # fmt: skip
    assert not [f for f in facts if isinstance(f, IssueFact) and f.issue_kind == "amount_not_read"]


def test_carry_over_lines_close_the_income_side():
    rows = [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"],
            ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,940.05"],
            ["本年收入合计", "2,940.05", "本年支出合计", "2,940.05"],
            ["年初财政拨款结转和结余", "21.63", "年末财政拨款结转和结余", "21.63"],
            ["一、一般公共预算财政拨款", "21.63", "", ""]]  # fmt: skip
    facts = sample_facts(table_document("财政拨款收入支出决算总表", rows))
    assert _income(facts) == {(None, "general_public_budget", "fiscal_appropriation", "2,940.05")}


BY_UNIT = [
    ["单位", "", "总计", "一般公共预算拨款", "其他收入", "上年结转"],
    ["单位代码", "单位名称", "", "", "", ""],
    ["152001", "中共株洲市委网络安全和信息化委员会办公室", "472.74", "472.74", "", ""],
]


def _by_unit(facts):
    return {
        (f.unit_code, f.unit_name, f.income_source, f.parent_income_source, f.evidence.reported_amount)
        for f in facts
        if isinstance(f, IncomeFact)
    }


def test_an_income_table_by_unit_is_the_document_only_when_it_lists_one_unit():
    one = sample_facts(table_document("部门收入总表", BY_UNIT))
    assert _income(one) == {
        (None, "grand_total", None, "472.74"),  # 总计 beside a 上年结转 column counts the carry-over
        (None, "general_public_budget", "grand_total", "472.74"),
    }
    assert {f.unit_name for f in one if isinstance(f, IncomeFact)} == {None}


def test_the_units_of_a_table_by_unit_keep_their_own_rows_and_only_its_total_is_the_department():
    rows = [
        *BY_UNIT[:2],
        ["合计", "", "482.74", "472.74", "10.00", ""],
        BY_UNIT[2],
        ["152002", "株洲市网络安全应急指挥中心", "10.00", "", "10.00", ""],
    ]
    facts = sample_facts(table_document("部门收入总表", rows))
    assert _by_unit(facts) == {
        (None, None, "grand_total", None, "482.74"),  # the 合计 row: the department
        (None, None, "general_public_budget", "grand_total", "472.74"),
        (None, None, "other", "grand_total", "10.00"),
        ("152001", "中共株洲市委网络安全和信息化委员会办公室", "grand_total", None, "472.74"),
        ("152001", "中共株洲市委网络安全和信息化委员会办公室", "general_public_budget", "grand_total", "472.74"),
        ("152002", "株洲市网络安全应急指挥中心", "grand_total", None, "10.00"),
        ("152002", "株洲市网络安全应急指挥中心", "other", "grand_total", "10.00"),
    }
    assert not [
        f for f in facts if isinstance(f, IssueFact) and f.issue_kind in ("table_not_modelled", "amount_not_read")
    ]


def test_units_without_a_total_row_state_nothing_for_the_department():
    two = sample_facts(table_document("部门收入总表", [*BY_UNIT, ["152002", "下属中心", "10.00", "10.00", "", ""]]))
    assert {(f.unit_code, f.evidence.reported_amount) for f in two if f.income_source == "grand_total"} == {
        ("152001", "472.74"),
        ("152002", "10.00"),
    }
    assert all(f.unit_name for f in two if isinstance(f, IncomeFact))


def test_a_row_of_a_unit_table_that_names_no_unit_is_left_unread():
    rows = [*BY_UNIT, ["152002", "", "10.00", "10.00", "", ""]]
    facts = sample_facts(table_document("部门收入总表", rows))
    assert {f.unit_code for f in facts if isinstance(f, IncomeFact)} == {"152001"}
    assert [f for f in facts if isinstance(f, IssueFact) and f.issue_kind == "amount_not_read"]


def test_nested_source_columns_are_parts_of_the_source_above_them():
    rows = [
        ["科目编码", "科目名称", "合计", "财政拨款收入", "", "其他收入"],
        ["", "", "", "小计", "一般公共预算", ""],
        ["2010101", "行政运行", "120.00", "100.00", "100.00", "20.00"],
    ]
    assert _income(sample_facts(table_document("收入决算表", rows))) == {
        ("2010101", "total", None, "120.00"),
        ("2010101", "fiscal_appropriation", "total", "100.00"),
        ("2010101", "general_public_budget", "fiscal_appropriation", "100.00"),
        ("2010101", "other", "total", "20.00"),
    }
