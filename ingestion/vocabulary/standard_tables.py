"""The standard tables of a disclosure: which one a printed title (or a contents entry) names.

部门预算/决算 templates publish a fixed set of tables (9 in the national template, 12 in some
provinces', which add 财政拨款支出表, 机关运行经费, 政府采购 …). A title is matched against the rows
below, first match wins, so the narrower rows (一般公共预算基本支出 before 一般公共预算支出) come first.
The keys of the first nine equal the ``table_key`` of the dbt seed ``standard_tables``; the others name
the provincial extras. ``EMPTY_TOPICS`` says which table an empty-table statement names
(本单位无政府性基金预算 …): the statement's topic is a key of this table.
"""

from __future__ import annotations

import re

# (pattern on the title with spaces and quotes removed, key), first match wins.
TITLE_KEYS = (
    (r"三公", "three_public"),
    (r"政府性基金", "government_fund_expenditure"),
    (r"国有资本经营", "state_capital_expenditure"),
    (r"政府采购", "procurement"),
    (r"机关运行经费", "office_operation"),
    (r"绩效", "performance"),
    (r"一般公共预算.*基本支出", "general_public_budget_basic_expenditure"),
    (r"一般公共预算.*支出", "general_public_budget_expenditure"),
    (r"财政拨款.*(?:收支|收入支出).*总表", "fiscal_appropriation_summary"),
    (r"财政拨款.*基本支出", "fiscal_appropriation_basic_expenditure"),
    (r"财政拨款.*支出", "fiscal_appropriation_expenditure"),
    (r"(?:收支|收入支出).*总表", "income_expenditure_summary"),
    (r"收入(?:预算)?总表|收入(?:预算|决算)表$", "income_summary"),
    (r"支出(?:预算)?总表|支出(?:预算|决算)表$", "expenditure_summary"),
    (r"项目支出", "project_expenditure"),
)
KEYS = list(dict.fromkeys(key for _, key in TITLE_KEYS))
_TITLE_KEYS = tuple((re.compile(pattern), key) for pattern, key in TITLE_KEYS)
_NOISE = re.compile(r"[\s“”\"'‘’]")

# What an empty-table statement says the agency has none of (searched in the statement).
EMPTY_TOPICS = (
    (r"政府性基金", "government_fund_expenditure"),
    (r"国有资本经营", "state_capital_expenditure"),
    (r"三公", "three_public"),
    (r"政府采购", "procurement"),
)
_EMPTY_TOPICS = tuple((re.compile(pattern), key) for pattern, key in EMPTY_TOPICS)


def standard_table_key(title: str | None) -> str | None:
    """The standard table a title names, or ``None`` (not a standard table, or not a title)."""
    if not title:
        return None
    text = _NOISE.sub("", title)
    return next((key for pattern, key in _TITLE_KEYS if pattern.search(text)), None)


def empty_topic(statement: str) -> str | None:
    """The table an empty-table statement names (``None``: ``本表为空表`` names only the table it is under)."""
    text = _NOISE.sub("", statement)
    return next((key for pattern, key in _EMPTY_TOPICS if pattern.search(text)), None)


def title_words(title: str) -> str:
    """A title reduced to the words that name its table, so a contents entry and the printed title
    compare equal: no ordinal or table number (``一、``, ``公开01表:``), year, 部门/单位/的, spaces or quotes."""
    text = _NOISE.sub("", title)
    text = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[.、．]|公开\d*表[:：]?|附表\d*[:：]?|表\d+[:：]?)", "", text)
    text = re.sub(r"\d{4}年度?", "", text)
    return re.sub(r"部门|单位|的|[()（）:：、,，.—\-－–]", "", text)
