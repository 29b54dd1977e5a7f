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

CASES = [
    # prose: the last kind word decides
    (prose_kind, "2020 年年初预算数为", "budget"),
    (prose_kind, "支出决算为", "actual"),
    (prose_kind, "预算执行数为", "actual"),
    (prose_kind, "上年预算数", "prior_year"),
    (prose_kind, "上年度决算数", "prior_year"),
    (prose_kind, "预计", "budget"),
    (prose_kind, "机关运行经费", None),
    # project sentences: a bare 支出 is the actual, 共计/追加 the budget
    (project_kind, "，年初预算", "budget"),
    (project_kind, "，支出", "actual"),
    (project_kind, "项目全年预算数共计", "budget"),
    (project_kind, "预算追加", "budget"),
    (project_kind, "执行数为", "actual"),
    (project_kind, "", None),
    # completion clauses: 实支/使用 actual, 计划 budget, a bare 支出 actual when nothing else decides
    (completion_side, "实支", "actual"),
    (completion_side, "支出决算", "actual"),
    (completion_side, "使用", "actual"),
    (completion_side, "年初预算", "budget"),
    (completion_side, "计划", "budget"),
    (completion_side, "支出", "actual"),
    (completion_side, "收入", None),
    # table columns: actual words first (预算执行数 is actual)
    (column_kind, "2020年预算数", "budget"),
    (column_kind, "决算数", "actual"),
    (column_kind, "预算执行数", "actual"),
    (column_kind, "支出数", "actual"),
    (column_kind, "合计", None),
]


@pytest.mark.parametrize(("read", "text", "kind"), CASES, ids=[f"{r.__name__}:{t}" for r, t, _ in CASES])
def test_kind_words_per_setting(read, text, kind):
    assert read(text) == kind


def test_every_row_says_budget_or_actual_somewhere():
    assert all(row.key in AMOUNT_KINDS and row.where for row in KIND_WORDS)
    assert LABELS == {"budget": "预算数", "actual": "决算数", "prior_year": "上年数", "budget_adjusted": "调整预算数"}


def test_form_labels_are_whole_labels():
    form = {row.word: row.key for row in KIND_WORDS if "form" in row.where}
    assert {word for word, kind in form.items() if kind == "actual"} == {"执行数", "决算数", "实际支出", "全年执行数"}
    assert {"年初预算数", "全年预算数", "资金总额"} <= {word for word, kind in form.items() if kind == "budget"}
