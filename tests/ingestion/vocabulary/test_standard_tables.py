"""Which standard table a printed title or a contents entry names, and what an empty-table statement names."""

from __future__ import annotations

import pytest

from ingestion.vocabulary.standard_tables import KEYS, empty_topic, standard_table_key, title_words


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("收入支出决算总表", "income_expenditure_summary"),  # 001 p6
        ("2024年部门财务收支预算总表", "income_expenditure_summary"),  # 005 p10
        ("收入决算表", "income_summary"),
        ("2025年部门支出预算总表", "expenditure_summary"),
        ("财政拨款收入支出决算总表", "fiscal_appropriation_summary"),
        ("一般公共预算财政拨款支出决算表", "general_public_budget_expenditure"),
        ("一般公共预算财政拨款基本支出决算表", "general_public_budget_basic_expenditure"),
        ("财政拨款“三公”经费支出决算表", "three_public"),
        ("政府性基金预算财政拨款收入支出决算表", "government_fund_expenditure"),
        ("国有资本经营预算财政拨款收入支出决算表", "state_capital_expenditure"),
        ("财政拨款支出预算表", "fiscal_appropriation_expenditure"),  # Jiangsu's 12-table template
        ("财政拨款基本支出预算表", "fiscal_appropriation_basic_expenditure"),
        ("一般公共预算机关运行经费支出预算表", "office_operation"),
        ("2018年政府采购预算表", "procurement"),
        ("基本支出预算明细表—工资福利支出", None),
        (None, None),
    ],
)
def test_titles_name_their_standard_table(title, key):
    assert standard_table_key(title) == key
    assert key is None or key in KEYS


def test_the_nine_national_keys_are_the_seed_keys():
    seed = {"income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_appropriation_summary",
            "general_public_budget_expenditure", "general_public_budget_basic_expenditure", "three_public",
            "government_fund_expenditure", "state_capital_expenditure"}  # fmt: skip
    assert seed <= set(KEYS)


def test_title_words_make_a_contents_entry_equal_its_printed_title():
    assert title_words("公开 09 表:一般公共预算“三公”经费支出预算表") == title_words(
        "九、一般公共预算“三公”经费支出预算表"
    )
    assert (
        title_words("1. 2024年部门财务收支预算总表") == title_words("2024年部门财务收支预算总表") == "财务收支预算总表"
    )
    assert title_words("基本支出预算明细表—工资福利支出") == title_words("5.基本支出预算明细表-工资福利支出")


@pytest.mark.parametrize(
    ("statement", "topic"),
    [
        ("注:本部门2024年无政府性基金预算财政拨款安排的预算,故本表为空表。", "government_fund_expenditure"),
        ("2018年本部门无国有资本经营预算收入。", "state_capital_expenditure"),
        ("本年度没有“三公”经费", "three_public"),
        ("故本表为空表", None),
    ],
)
def test_empty_statements_name_a_table(statement, topic):
    assert empty_topic(statement) == topic
