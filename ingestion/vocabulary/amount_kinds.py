"""Budget or actual: the words that say whether an amount was planned (预算) or spent (决算).

Each reader asks in its own setting, so each row names the settings it counts in:

* ``prose``: the last such word before an amount in a sentence (``年初预算为`` budget, ``支出决算为``
  actual, ``预计`` budget);
* ``project``: the last such word in a project sentence, where ``支出`` alone is the actual and
  ``共计``/``追加`` the budget (``…初预算21万元，支出21万元``);
* ``completion``: the side of a figure in a completion-rate clause (``实支``, ``完成``, ``使用`` actual;
  ``计划`` budget; a bare ``支出`` counts as actual only when no other word decides);
* ``column``: a table column label (``决算数``, ``执行数``, ``支出数`` actual; ``预算`` budget);
* ``form``: the whole label of a project form's amount (``年初预算数``, ``全年执行数``).

``BUDGET_STAGE`` is the stage a budget figure may name: 年初预算 (as passed), 全年预算, 调整(后)预算.
A final account may state both stages of one subject (``年初预算为0万元，全年预算为25万元，支出决算为20
万元``): they are different measures, so the adjusted one has its own kind, ``budget_adjusted``, and
``budget`` stays the budget as passed (what a budget document prints). In a budget document there is
only one stage, so :func:`for_document` reads an adjusted word there as ``budget``.
"""

from __future__ import annotations

import re

from ingestion.vocabulary.rules import keyed, word

ACTUAL, BUDGET, BUDGET_ADJUSTED = "actual", "budget", "budget_adjusted"

KIND_WORDS = (
    word("决算", ACTUAL, "prose", "project", "completion", "column"),
    word("执行", ACTUAL, "prose", "project", "completion"),
    word("执行数", ACTUAL, "column"),
    word("实际", ACTUAL, "prose", "project", "completion"),
    word("实支", ACTUAL, "completion"),
    word("完成", ACTUAL, "completion"),
    word("使用", ACTUAL, "completion"),
    word("支出数", ACTUAL, "completion", "column"),
    word("支出", ACTUAL, "project"),
    word("预算", BUDGET, "prose", "project", "completion", "column"),
    word("全年预算", BUDGET_ADJUSTED, "prose", "column"),
    word("调整预算", BUDGET_ADJUSTED, "prose", "column"),
    word("调整后预算", BUDGET_ADJUSTED, "prose", "column"),
    word("年初", BUDGET, "prose", "project"),
    word("安排", BUDGET, "prose", "project", "completion"),
    word("预计", BUDGET, "prose"),
    word("共计", BUDGET, "project"),
    word("追加", BUDGET, "project"),
    word("计划", BUDGET, "completion"),
    # The labels of a project form (``预算数 | 6.00``, ``执行数: | 0.9万元``), matched whole.
    word("预算数", BUDGET, "form"),
    word("年初预算数", BUDGET, "form"),
    word("预算金额", BUDGET, "form"),
    word("资金总额", BUDGET, "form"),
    word("年度资金总额", BUDGET, "form"),
    word("全年预算数", BUDGET, "form"),
    word("执行数", ACTUAL, "form"),
    word("决算数", ACTUAL, "form"),
    word("实际支出", ACTUAL, "form"),
    word("全年执行数", ACTUAL, "form"),
)
AMOUNT_KINDS = ["budget", "actual", "prior_year", "budget_adjusted"]
LABELS = {"budget": "预算数", "actual": "决算数", "prior_year": "上年数", "budget_adjusted": "调整预算数"}

BUDGET_STAGE = r"(?:年初|全年|调整后?)"
# A figure of the year before, in prose: ``上年预算数``, ``上年度决算数``, ``上年数``.
PRIOR_YEAR_PROSE = r"上年(?:度)?(?:预算|决算)?数"
PRIOR_YEAR_WORD = "上年"


def words(where: str, kind: str | None = None) -> list[str]:
    return list(keyed(KIND_WORDS, where, kind))


def alternation(where: str, kind: str | None = None) -> str:
    """The words of a setting as one regex alternation, longest first."""
    return "|".join(sorted(words(where, kind), key=len, reverse=True))


PROSE_KIND_WORDS = re.compile(rf"{PRIOR_YEAR_PROSE}|{alternation('prose')}")
PROJECT_KIND_WORDS = re.compile(alternation("project"))
COMPLETION_ACTUAL = re.compile(alternation("completion", ACTUAL))
COMPLETION_BUDGET = re.compile(alternation("completion", BUDGET))


def prose_kind(text: str) -> str | None:
    """budget / actual / prior_year from the last kind word of a prose label; ``None`` without one."""
    found = PROSE_KIND_WORDS.findall(text)
    if not found:
        return None
    if found[-1].startswith(PRIOR_YEAR_WORD):
        return "prior_year"
    return keyed(KIND_WORDS, "prose")[found[-1]]


def project_kind(text: str) -> str | None:
    """budget / actual from the last kind word of a project sentence's label; ``None`` without one."""
    found = PROJECT_KIND_WORDS.findall(text)
    return keyed(KIND_WORDS, "project")[found[-1]] if found else None


def completion_side(text: str) -> str | None:
    """actual / budget for a figure of a completion-rate clause (fund names already removed)."""
    if COMPLETION_ACTUAL.search(text):
        return ACTUAL
    if COMPLETION_BUDGET.search(text):
        return BUDGET
    return ACTUAL if "支出" in text else None


def column_kind(label: str) -> str | None:
    """actual / budget_adjusted / budget a table column label names (actual words first: ``预算执行数``
    is actual; ``全年预算数`` is the adjusted budget)."""
    for kind in (ACTUAL, BUDGET_ADJUSTED, BUDGET):
        if any(word in label for word in words("column", kind)):
            return kind
    return None


def for_document(kind: str | None, doc_kind: str) -> str | None:
    """A budget document has one budget stage: its 全年预算 is its ``budget``."""
    return BUDGET if kind == BUDGET_ADJUSTED and doc_kind != "final_account" else kind
