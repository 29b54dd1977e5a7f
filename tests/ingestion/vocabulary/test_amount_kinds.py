"""Budget or actual: the same words decide differently in prose, project sentences, completion clauses
and table columns (each phrase of amount_kind_cases.csv is printed in the samples or the real PDFs)."""

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
from tests.ingestion.vocabulary.cases import read_cases

CASES = read_cases("amount_kind_cases.csv", [prose_kind, project_kind, completion_side, column_kind])


@pytest.mark.parametrize(("read", "text", "kind"), CASES)
def test_kind_words_per_setting(read, text, kind):
    assert read(text) == kind


def test_every_row_says_budget_or_actual_somewhere():
    assert all(row.key in AMOUNT_KINDS and row.where for row in KIND_WORDS)
    assert LABELS == {"budget": "预算数", "actual": "决算数", "prior_year": "上年数", "budget_adjusted": "调整预算数"}


def test_form_labels_are_whole_labels():
    form = {row.word: row.key for row in KIND_WORDS if "form" in row.where}
    assert {word for word, kind in form.items() if kind == "actual"} == {"执行数", "决算数", "实际支出", "全年执行数"}
    assert {"年初预算数", "全年预算数", "资金总额"} <= {word for word, kind in form.items() if kind == "budget"}
