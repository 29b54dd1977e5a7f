"""Budget or actual: the same words decide differently in prose, project sentences, completion clauses
and table columns (each phrase below is printed in the samples or the real PDFs)."""

from __future__ import annotations

import pytest

from ingestion.vocabulary.amount_kinds import (
    AMOUNT_KINDS,
    KIND_WORDS,
    LABELS,
    column_kind,
    completion_side,
    project_kind,
    prose_kind,
)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("2020 年年初预算数为", "budget"),
        ("支出决算为", "actual"),
        ("预算执行数为", "actual"),  # the last word decides
        ("上年预算数", "prior_year"),
        ("上年度决算数", "prior_year"),
        ("预计", "budget"),
        ("机关运行经费", None),
    ],
)
def test_prose_kind_is_the_last_kind_word(label, kind):
    assert prose_kind(label) == kind


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("，年初预算", "budget"),
        ("，支出", "actual"),
        ("项目全年预算数共计", "budget"),
        ("预算追加", "budget"),
        ("执行数为", "actual"),
        ("", None),
    ],
)
def test_project_kind_reads_a_bare_spend_as_actual(label, kind):
    assert project_kind(label) == kind


@pytest.mark.parametrize(
    ("label", "side"),
    [
        ("实支", "actual"),
        ("支出决算", "actual"),
        ("使用", "actual"),
        ("年初预算", "budget"),
        ("计划", "budget"),
        ("支出", "actual"),
        ("收入", None),
    ],
)
def test_completion_side(label, side):
    assert completion_side(label) == side


@pytest.mark.parametrize(
    ("label", "kind"),
    [("2020年预算数", "budget"), ("决算数", "actual"), ("预算执行数", "actual"), ("支出数", "actual"), ("合计", None)],
)
def test_column_kind_prefers_actual_words(label, kind):
    assert column_kind(label) == kind


def test_every_row_says_budget_or_actual_somewhere():
    assert all(row.key in AMOUNT_KINDS and row.where for row in KIND_WORDS)
    assert LABELS == {"budget": "预算数", "actual": "决算数", "prior_year": "上年数", "budget_adjusted": "调整预算数"}


def test_form_labels_are_whole_labels():
    budget = {row.word for row in KIND_WORDS if "form" in row.where and row.key == "budget"}
    assert {"年初预算数", "全年预算数", "资金总额"} <= budget
    assert {row.word for row in KIND_WORDS if "form" in row.where and row.key == "actual"} == {
        "执行数",
        "决算数",
        "实际支出",
        "全年执行数",
    }
