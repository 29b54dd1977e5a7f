"""The section context: a heading names, or scopes, the amounts of the paragraph below it."""

from tests.ingestion.extract.narrative.support import issues_of, read_prose, totals_of


def test_a_heading_names_the_amount_of_the_next_line():
    facts = read_prose("（一）基本支出", "2020 年年初预算数为 292.74 万元，是指为保障单位机构正常运转的支出。")
    assert totals_of(facts) == {("basic_expenditure", "budget", "all"): "292.74 万元"}


def test_fund_source_follows_the_section_heading():
    facts = read_prose(
        "六、一般公共预算财政拨款基本支出决算情况说明",
        "2020年财政拨款基本支出131.63万元，其中：人员经费113.84万元，日常公用经费17.8万元。",
        doc_kind="final_account",
    )
    assert set(totals_of(facts)) == {
        ("basic_expenditure", "actual", "general_public_budget"),
        ("personnel_expenditure", "actual", "general_public_budget"),
        ("public_expenditure", "actual", "general_public_budget"),
    }


def test_a_fiscal_appropriation_heading_scopes_the_expense_parts_below_it():
    facts = read_prose(
        "六、财政拨款基本支出预算情况说明",
        "省检察院 2018 年度基本支出预算 13,979.92 万元。其中:人员经费 11,257.35 万元。",
    )
    assert totals_of(facts) == {
        ("basic_expenditure", "budget", "fiscal_appropriation"): "13,979.92 万元",
        ("personnel_expenditure", "budget", "fiscal_appropriation"): "11,257.35 万元",
    }


def test_a_heading_names_only_the_paragraph_right_after_it():
    facts = read_prose("（一）基本支出", "2020 年年初预算数为 292.74 万元。", "另安排预算数为 10 万元。")
    assert totals_of(facts) == {("basic_expenditure", "budget", "all"): "292.74 万元"}
    assert [i.issue_kind for i in issues_of(facts)] == ["narrative_amount_unlabelled"]
