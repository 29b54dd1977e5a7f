"""Budget or actual: the words that say whether an amount was planned (预算) or spent (决算).

Each reader asks in its own setting, so each row names the settings it counts in:

* ``prose``: the last such word before an amount in a sentence (``年初预算为`` budget, ``支出决算为``
  actual, ``预计`` budget);
* ``project``: the last such word in a project sentence, where ``支出`` alone is the actual and
  ``共计``/``追加`` the budget (``…初预算21万元，支出21万元``);
* ``completion``: the side of a figure in a completion-rate clause (``实支``, ``完成``, ``使用`` actual;
  ``计划`` budget; a bare ``支出`` counts as actual only when no other word decides);
* ``column``: a table column label (``决算数``, ``执行数``, ``支出数`` actual; ``预算`` budget).

``BUDGET_STAGE`` is the stage a budget figure may name: 年初预算 (as passed), 全年预算, 调整(后)预算.
A final account may state both stages of one subject (``年初预算为0万元，全年预算为25万元，支出决算为20
万元``): they are different measures, so the adjusted one has its own kind, ``budget_adjusted``, and
``budget`` stays the budget as passed (what a budget document prints). In a budget document there is
only one stage, so :func:`for_document` reads an adjusted word there as ``budget``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ACTUAL, BUDGET, BUDGET_ADJUSTED = "actual", "budget", "budget_adjusted"


@dataclass(frozen=True)
class KindWord:
    word: str
    kind: str
    where: frozenset[str]


def _row(word: str, kind: str, *where: str) -> KindWord:
    return KindWord(word, kind, frozenset(where))


KIND_WORDS = (
    _row("决算", ACTUAL, "prose", "project", "completion", "column"),
    _row("执行", ACTUAL, "prose", "project", "completion"),
    _row("执行数", ACTUAL, "column"),
    _row("实际", ACTUAL, "prose", "project", "completion"),
    _row("实支", ACTUAL, "completion"),
    _row("完成", ACTUAL, "completion"),
    _row("使用", ACTUAL, "completion"),
    _row("支出数", ACTUAL, "completion", "column"),
    _row("支出", ACTUAL, "project"),
    _row("预算", BUDGET, "prose", "project", "completion", "column"),
    _row("全年预算", BUDGET_ADJUSTED, "prose", "column"),
    _row("调整预算", BUDGET_ADJUSTED, "prose", "column"),
    _row("调整后预算", BUDGET_ADJUSTED, "prose", "column"),
    _row("年初", BUDGET, "prose", "project"),
    _row("安排", BUDGET, "prose", "project", "completion"),
    _row("预计", BUDGET, "prose"),
    _row("共计", BUDGET, "project"),
    _row("追加", BUDGET, "project"),
    _row("计划", BUDGET, "completion"),
)
AMOUNT_KINDS = ["budget", "actual", "prior_year", "budget_adjusted"]
LABELS = {"budget": "预算数", "actual": "决算数", "prior_year": "上年数", "budget_adjusted": "调整预算数"}

BUDGET_STAGE = r"(?:年初|全年|调整后?)"
# A figure of the year before, in prose: ``上年预算数``, ``上年度决算数``, ``上年数``.
PRIOR_YEAR_PROSE = r"上年(?:度)?(?:预算|决算)?数"
PRIOR_YEAR_WORD = "上年"


def words(where: str, kind: str | None = None) -> list[str]:
    return [row.word for row in KIND_WORDS if where in row.where and kind in (None, row.kind)]


def alternation(where: str, kind: str | None = None) -> str:
    """The words of a setting as one regex alternation, longest first."""
    return "|".join(sorted(words(where, kind), key=len, reverse=True))


def kind_of_word(word: str, where: str) -> str:
    return next(row.kind for row in KIND_WORDS if row.word == word and where in row.where)


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
    return kind_of_word(found[-1], "prose")


def project_kind(text: str) -> str | None:
    """budget / actual from the last kind word of a project sentence's label; ``None`` without one."""
    found = PROJECT_KIND_WORDS.findall(text)
    return kind_of_word(found[-1], "project") if found else None


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
