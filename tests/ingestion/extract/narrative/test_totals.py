"""Totals stated in prose (收支总计, 收入/支出, 基本/项目/人员/公用支出, 绩效目标金额)."""

import pytest

from ingestion.extract.narrative import extract_narrative_details
from tests.ingestion.extract.narrative.support import (
    check_sentence_form,
    issues_of,
    prose_lines,
    read_prose,
    sentence_forms,
    totals_of,
)


def test_final_account_totals_are_actual():
    facts = read_prose(
        "2020年度收、支总计236.01万元。与2019年相比，收入总计减少157.39万元，下降40.01%。",
        "2020年本年收入合计215.04万元，其中：一般公共预算财政拨款收入215.04万元，占100%；上级补助收入0万元，占0%。",
        "2020年本年支出合计223.34万元，其中：基本支出131.63万元，占58.94%；项目支出91.71万元，占41.06%。",
        "2020年一般公共预算财政拨款支出223.35万元，占本年支出合计的100%。",
        doc_kind="final_account",
    )
    assert totals_of(facts) == {
        ("grand_total", "actual", "all"): "236.01万元",
        ("income_total", "actual", "all"): "215.04万元",
        ("general_public_budget_income", "actual", "general_public_budget"): "215.04万元",
        ("expenditure_total", "actual", "all"): "223.34万元",
        ("basic_expenditure", "actual", "all"): "131.63万元",
        ("project_expenditure", "actual", "all"): "91.71万元",
        ("general_public_budget_expenditure", "actual", "general_public_budget"): "223.35万元",
    }
    # 上级补助收入 has no measure: an issue row, not a silent drop
    assert [i.detail for i in issues_of(facts, "narrative_amount_without_measure")] == [
        "0万元 is stated for 上级补助收入, which has no measure in the warehouse vocabulary"
    ]


def test_a_fiscal_appropriation_grand_total_printed_as_income_and_expenditure_total():
    # 001 p21: a stated total (the next sentence says it is unchanged: 持平), not a change.
    result = extract_narrative_details(
        prose_lines(
            "四、财政拨款收入支出决算总体情况说明",
            "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比,",
            "财政拨款收入支出总计持平。",
        ),
        doc_kind="final_account",
    )
    assert totals_of(result.facts) == {("grand_total", "actual", "fiscal_appropriation"): "0.3万元"}
    assert result.changes == []
    both_sides = read_prose(
        "2018 年度收入、支出预算总计 21,955.35 万元。", "2018 年度财政拨款收、支总预算 21,940.96 万元。"
    )
    assert totals_of(both_sides) == {
        ("grand_total", "budget", "all"): "21,955.35 万元",
        ("grand_total", "budget", "fiscal_appropriation"): "21,940.96 万元",
    }


def test_performance_target_amounts():
    facts = read_prose(
        "厦门市委网信办2020年实行绩效目标管理的一级项目1个，涉及一般公共预算拨款1100万元。",
        "纳入 2020 年部门整体支出绩效目标的金额为 472.74 万元，其中，基本支出 292.74 万元。",
    )
    assert [(f.measure, f.evidence.reported_amount) for f in facts] == [
        ("performance_target_total", "1100万元"),
        ("performance_target_total", "472.74 万元"),
        ("basic_expenditure", "292.74 万元"),
    ]


@pytest.mark.parametrize("case", sentence_forms("totals"))
def test_sentence_form(case):
    check_sentence_form(case)


def test_an_earlier_year_dates_every_item_of_its_sentence():
    # 118 (web excerpt, 2017 final account): "…2016年度支出合计628万元,其中:基本支出230万元,占总支出的37%;
    # 项目支出398万元,占总支出的63%。"
    facts = read_prose(
        "2017年度支出合计2906万元,其中:基本支出279万元,占总支出的10%;项目支出2626万元,占总支出的90%。"
        "2016年度支出合计628万元,其中:基本支出230万元,占总支出的37%;项目支出398万元,占总支出的63%。",
        doc_kind="final_account",
        fiscal_year=2017,
    )
    assert totals_of(facts)[("project_expenditure", "actual", "all")] == "2626万元"
    assert totals_of(facts)[("project_expenditure", "prior_year", "all")] == "398万元"


def test_an_earlier_year_in_the_sentence_before_does_not_date_the_next():
    facts = read_prose("2016年度支出合计628万元。项目支出2626万元。", doc_kind="final_account", fiscal_year=2017)
    assert totals_of(facts)[("project_expenditure", "actual", "all")] == "2626万元"


def test_a_year_compared_with_after_an_amount_does_not_date_the_next_item():
    # 005 p6 l4-l6: "…政府性基金拨款支出预算0.00万元,比2023年预算持平;国有资本经营预算拨款支出预算0.00万元,…"
    facts = read_prose(
        "财政拨款支出预算中,一般公共预算拨款支出预算15621.11万元,比2023年预算减少876.75万元;"
        "政府性基金拨款支出预算0.00万元,比2023年预算持平;国有资本经营预算拨款支出预算0.00万元,比2023年预算持平。",
        fiscal_year=2024,
    )
    assert ("expenditure_total", "budget", "state_capital") in totals_of(facts)
    assert not [key for key in totals_of(facts) if key[1] == "prior_year"]
