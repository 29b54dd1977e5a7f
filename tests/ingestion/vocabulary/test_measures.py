"""Measures: every key the staging frames accept has a row, prose labels find their measure, and table
totals match the labels the 收支总表 print."""

from __future__ import annotations

import re

import pytest

from ingestion.vocabulary.measures import (
    EXPENSE_TYPE_LABELS,
    EXPENSE_TYPES,
    EXPENSE_WORDS,
    LISTED_PART,
    MEASURES,
    PASSAGE_TOPICS,
    PROSE_SCOPE_LABELS,
    PROSE_SCOPE_WORDS,
    PROSE_SCOPES,
    PROSE_SPECS,
    SUBTOTAL_MEASURES,
    SUBTOTAL_NAMES,
    SUBTOTAL_ROW,
    TABLE_EXPENSE_WORDS,
    TABLE_THREE_PUBLIC,
    TABLE_TOTALS,
    THREE_PUBLIC_CATEGORIES,
    THREE_PUBLIC_TOTAL_WORDS,
)


def _prose(label: str) -> set[tuple[str, str]]:
    return {(spec.family, spec.key) for spec in PROSE_SPECS if re.fullmatch(spec.pattern, label)}


@pytest.mark.parametrize(
    ("label", "found"),
    [
        ("收、支总计", ("total", "grand_total")),
        ("本年支出合计", ("total", "expenditure_total")),
        ("日常公用经费", ("total", "public_expenditure")),
        ("“三公”经费", ("three_public", "total")),
        ("因公出国(境)费", ("three_public", "overseas_travel")),
        ("机关运行经费", ("office_operation", "office_operation_expense")),
        ("上级补助收入", ("not_measure", "上级补助收入")),
    ],
)
def test_a_prose_label_states_its_measure(label, found):
    assert found in _prose(label)


@pytest.mark.parametrize(
    ("label", "measure"),
    [
        ("本年收入合计", "income_total"),
        ("二、项目支出", "project_expenditure"),
        ("单位预留机动经费", "reserve_expenditure"),
        ("一、一般公共预算拨款收入", "general_public_budget_income"),
        ("收支总计", "grand_total"),
    ],
)
def test_a_summary_table_label_states_its_measure(label, measure):
    assert next(name for pattern, name in TABLE_TOTALS if pattern.match(label)) == measure


def test_every_key_is_one_the_frames_accept():
    stated = {spec.key for spec in PROSE_SPECS if spec.family not in ("not_measure", "three_public")}
    stated -= {"income", "expenditure"}  # a bare side becomes a fund-specific measure
    assert stated <= set(MEASURES)
    assert {name for _, name in TABLE_TOTALS if not name.endswith("_or_grand_total")} <= set(MEASURES)
    assert set(SUBTOTAL_MEASURES) == set(EXPENSE_TYPES) and set(SUBTOTAL_MEASURES.values()) <= set(MEASURES)
    assert {kind for _, kind in TABLE_EXPENSE_WORDS} <= set(EXPENSE_TYPES)
    assert {spec.key for spec in PROSE_SPECS if spec.family == "three_public"} == set(THREE_PUBLIC_CATEGORIES)
    assert {category for _, category in TABLE_THREE_PUBLIC} <= set(THREE_PUBLIC_CATEGORIES)


def test_table_expense_words_keep_their_order():
    """The table readers take the first two rows as 基本支出/项目支出 and the leaf-most match."""
    assert TABLE_EXPENSE_WORDS[:2] == (("基本支出", "basic"), ("项目支出", "project"))
    assert [word for word, _ in TABLE_EXPENSE_WORDS] == [
        "基本支出",
        "项目支出",
        "人员经费",
        "人员支出",
        "公用经费",
        "公用支出",
    ]


def test_prose_scope_words_are_the_parts_a_prose_economic_amount_may_name():
    assert PROSE_SCOPE_WORDS == {"基本支出": "basic", "项目支出": "project", "机关运行经费": "office_operation"}
    assert set(PROSE_SCOPE_WORDS.values()) <= set(PROSE_SCOPES)
    assert {row.key for row in EXPENSE_WORDS} <= set(EXPENSE_TYPES) | set(PROSE_SCOPES)
    assert all(row.where and row.where <= {"table", "prose"} for row in EXPENSE_WORDS)


def test_prose_scopes_print_as_the_documents_name_them():
    """The scopes an expense type also is print alike; the others have their own names."""
    for key in ("total", "basic", "project"):
        assert PROSE_SCOPE_LABELS[key] == EXPENSE_TYPE_LABELS[key]
    assert PROSE_SCOPE_LABELS["office_operation"] == "机关运行经费"
    assert all(PROSE_SCOPE_LABELS.values())


@pytest.mark.parametrize(
    ("sentence", "listed"),
    [("2020年机关运行经费安排8.3万元，其中办公费0.3万元", True), ("主要包括办公费5万元", True),
     ("主要用于差旅费3万元", True), ("包括培训费1万元", True), ("2020年预算安排会议费0万元。", False),
     ("基本工资141.71万元", False)],
)  # fmt: skip
def test_listing_words_mark_an_amount_as_part_of_an_unnamed_figure(sentence, listed):
    assert bool(LISTED_PART.search(sentence)) is listed


@pytest.mark.parametrize(
    ("heading", "topic"),
    [("四、“三公”经费财政拨款预算情况", "three_public"), ("（三）机关运行经费", "office_operation"),
     ("二、一般公共预算基本支出情况", "basic"), ("五、政府采购情况", "procurement"), ("一、收入情况", None)],
)  # fmt: skip
def test_a_heading_sets_its_passage_topic(heading, topic):
    assert next((name for name, pattern in PASSAGE_TOPICS if pattern.search(heading)), None) == topic


def test_total_rows():
    assert SUBTOTAL_ROW.match("小计") and not SUBTOTAL_ROW.match("本年支出合计")
    assert SUBTOTAL_NAMES.match("本年支出合计") and THREE_PUBLIC_TOTAL_WORDS.search("“三公”经费")
