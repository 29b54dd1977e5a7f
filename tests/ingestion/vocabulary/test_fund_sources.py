"""Fund-source words: each setting finds the fund a disclosure names, and only there."""

from __future__ import annotations

import re

import pytest

from ingestion.vocabulary.fund_sources import (
    FUND_WORDS,
    HEADING_FUNDS,
    KEYS,
    LABELS,
    PROSE_PREFIX,
    PROSE_PREFIXES,
    sentence_fund,
    table_fund,
)

TABLE_CASES = {
    "一般公共预算财政拨款支出": "general_public_budget",  # specific words before 财政拨款
    "公共财政拨款/基本支出": "general_public_budget",
    "政府性基金预算支出表": "government_fund",
    "国有资本经营预算支出表": "state_capital",
    "财政拨款收支总表": "fiscal_appropriation",
    "财政专户管理资金": "fiscal_special_account",
    "上年结转": "carry_over",
    "其他收入": "other",
    "本年支出合计": None,
}


@pytest.mark.parametrize("label", TABLE_CASES)
def test_a_table_label_names_its_fund(label):
    assert table_fund(label) == TABLE_CASES[label]


def test_prose_prefixes_are_the_budget_names_only():
    """公共财政 and 财政拨款 are not prefixes in a sentence: 财政拨款 refines the measure instead."""
    assert PROSE_PREFIXES == {
        "一般公共预算": "general_public_budget",
        "政府性基金预算": "government_fund",
        "政府性基金": "government_fund",
        "国有资本经营预算": "state_capital",
    }
    assert re.match(PROSE_PREFIX, "政府性基金预算拨款收入").group() == "政府性基金预算"  # longest first


def test_a_heading_may_name_fiscal_appropriation():
    assert HEADING_FUNDS["财政拨款"] == "fiscal_appropriation"
    assert HEADING_FUNDS["一般公共预算"] == "general_public_budget"


def test_every_word_stores_a_labelled_key():
    assert {row.key for row in FUND_WORDS} <= set(KEYS)
    assert KEYS[0] == "all" and LABELS["all"] == "全部资金"
    assert all(row.where <= {"prose", "heading", "table", "sentence"} and row.where for row in FUND_WORDS)


SENTENCE_CASES = {
    "差旅费9.94万元,一般公共预算财政拨款安排": "general_public_budget",  # specific words before 财政拨款
    "政府性基金预算安排培训费2万元": "government_fund",
    "国有资本经营支出中办公费1万元": "state_capital",
    "财政拨款安排会议费0万元": "fiscal_appropriation",
    "公共财政安排会议费0万元": None,  # a table word only: 公共财政 in a sentence names no budget of its own
    "上年结转安排办公费3万元": None,
    "2020年预算安排会议费0万元。": None,
}


@pytest.mark.parametrize("sentence", SENTENCE_CASES)
def test_a_sentence_names_its_fund(sentence):
    assert sentence_fund(sentence) == SENTENCE_CASES[sentence]


def test_a_sentence_naming_two_funds_takes_the_first_row_not_the_first_word():
    """The rows' order decides, as for tables: 财政拨款 printed first still yields to 一般公共预算."""
    assert sentence_fund("财政拨款中一般公共预算安排差旅费1万元") == "general_public_budget"
