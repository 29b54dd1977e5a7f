"""Percentages: what kind of ratio a printed percentage is, and which way a change goes.

Kinds (the ``ratio_kind`` stored in ``stated_ratios``; the narrative extractor's percentage facts use the
same names, plus ``other``):

* ``share`` — ``基本支出131.63万元，占58.94%`` (占, 所占比重);
* ``change`` — ``减少157.39万元，下降40.01%`` (a change word before the rate);
* ``completion_rate`` — ``完成年初预算的100%``, ``执行率``.

Change words say a direction (``CHANGE_WORDS``: word → increase/decrease); ``增减`` and a pair such as
``增长/下降`` leave it unspecified. The ``rate`` words may stand before a percentage, the ``amount``
words before a change amount (``比上年减少157.39万元``).
"""

from __future__ import annotations

import re

from ingestion.vocabulary.amount_kinds import BUDGET_STAGE
from ingestion.vocabulary.breaks import CLAUSE_MARKS
from ingestion.vocabulary.rules import keyed, word

SHARE, CHANGE, COMPLETION_RATE, OTHER = "share", "change", "completion_rate", "other"
RATIO_KINDS = [SHARE, CHANGE, COMPLETION_RATE]
INCREASE, DECREASE, UNSPECIFIED = "increase", "decrease", "unspecified"
CHANGE_DIRECTIONS = [INCREASE, DECREASE, UNSPECIFIED]

# How a final account compares its actual with its budget in words (``决算数小于预算数``): word → the
# actual's side. ``基本持平`` (roughly equal) is no strict claim (``ROUGHLY`` before the word).
GREATER, LESS, EQUAL = "greater", "less", "equal"
BUDGET_COMPARISONS = [GREATER, LESS, EQUAL]
COMPARISON_WORDS = {
    **dict.fromkeys(("大于", "多于", "高于", "超过", "超出"), GREATER),
    **dict.fromkeys(("小于", "少于", "低于"), LESS),
    **dict.fromkeys(("等于", "持平"), EQUAL),
}
ROUGHLY = "基本"
_COMPARISON_WORD = "|".join(COMPARISON_WORDS)
# 决算数小于预算数 / 决算数与预算数持平: the budget is named either way (决算数持平 alone compares with a year).
BUDGET_COMPARISON = re.compile(
    rf"决算数?(?:(?P<word>{_COMPARISON_WORD})(?P<budget>{BUDGET_STAGE}?预算数?)"
    rf"|与(?P<budget_first>{BUDGET_STAGE}?预算数?)(?P<word_last>{_COMPARISON_WORD}))"
)


CHANGE_WORDS = (
    word("增长", INCREASE, "rate", "amount"),
    word("增加", INCREASE, "rate", "amount"),
    word("提高", INCREASE, "rate", "amount"),
    word("上升", INCREASE, "rate"),
    word("增幅", INCREASE, "rate"),
    word("超支", INCREASE, "rate", "amount"),
    word("下降", DECREASE, "rate", "amount"),
    word("减少", DECREASE, "rate", "amount"),
    word("降低", DECREASE, "rate", "amount"),
    word("降幅", DECREASE, "rate"),
    word("减幅", DECREASE, "rate"),
    word("节约", DECREASE, "rate", "amount"),
    word("下滑", DECREASE, "rate"),
)
BOTH_WAYS = "增减"


def change_words(where: str, direction: str | None = None) -> str:
    """The change words of a setting as one alternation, in table order."""
    return "|".join(keyed(CHANGE_WORDS, where, direction))


UP_RATE = change_words("rate", INCREASE)
DOWN_RATE = change_words("rate", DECREASE)
INCREASE_WORDS = {row.word for row in CHANGE_WORDS if row.key == INCREASE}

# A change amount: the label ends with a change word (``减少``, ``增加/减少``, ``增长(下降)``).
CHANGE_AT_END = re.compile(
    rf"(?P<word>{change_words('amount')}|{BOTH_WAYS})"
    r"(?:/(?:减少|下降)|\((?:减少|下降)\)|增长|下降)?了?\s*$"
)
RATE_WORD = rf"(?:{UP_RATE}|{DOWN_RATE}|{BOTH_WAYS})"
# The words right before a percentage, per kind (searched on the clause up to the number).
CHANGE_RATE = re.compile(
    rf"(?P<word>{RATE_WORD}(?:\s*(?:/|\(|、)\s*{RATE_WORD}\s*\)?)?)(?:率|比例|幅度)?\s*(?:了|为|约为|达到?)?\s*$"
)
SHARE_OF = re.compile(
    rf"(?:所)?占(?P<whole>[^{CLAUSE_MARKS}]*?)\s*(?:的)?\s*(?:比重|比例|份额|比)?\s*(?:为|约为|达到?)?\s*$"
)
COMPLETION = re.compile(
    rf"(?:完成(?:了)?{BUDGET_STAGE}?预算(?:数)?(?:的)?|(?:预算)?(?:完成|执行)率(?:为|达到?)?|"
    r"执行进度(?:为|达到?)?)\s*$"
)
BARE_SPEND = re.compile(r"^\s*(?:实际)?支出\s*$")  # ``…，支出100%`` in a project list: a completion rate
COMPARED_WITH = r"(?:相比|比较|对比)"

# The narrative extractor's quick reading of a percentage, first match wins (it keeps every percentage,
# ``other`` included; the ratio reader above decides which ones are checked).
PERCENTAGE_CONTEXT = (
    (COMPLETION_RATE, re.compile(r"完成(?:年初)?预算(?:的)?\s*$|执行率\s*$|支出\s*$|为\s*$")),
    (SHARE, re.compile(r"占[^，。；]*?的?\s*$")),
    (CHANGE, re.compile(r"(?:增长|下降|增加|减少|降低|提高)(?:/下降|\(下降\))?\s*$")),
)


def percentage_kind(before: str) -> str:
    """share / change / completion_rate / other for the words before a percentage (narrative facts)."""
    return next((kind for kind, pattern in PERCENTAGE_CONTEXT if pattern.search(before)), OTHER)


def ratio_kind(before: str) -> str | None:
    """What a percentage is, for the ratio checks (``None``: not a ratio the warehouse checks)."""
    if SHARE_OF.search(before):
        return SHARE
    if COMPLETION.search(before) or BARE_SPEND.match(before):
        return COMPLETION_RATE
    if CHANGE_RATE.search(before):
        return CHANGE
    return None


def rate_direction(before: str) -> str | None:
    """The direction the word before a change rate states: ``下降40.01%`` decrease, ``增长/下降0%``
    unspecified."""
    match = CHANGE_RATE.search(before)
    if not match:
        return None
    word = match.group("word")
    up, down = re.search(UP_RATE, word), re.search(DOWN_RATE, word)
    if (up and down) or BOTH_WAYS in word:
        return UNSPECIFIED
    return INCREASE if up else DECREASE


def change_direction(label_text: str) -> str | None:
    """``None`` unless a label ends with a change word; then which way the change goes."""
    match = CHANGE_AT_END.search(label_text)
    if not match:
        return None
    whole = match.group(0)
    if ("增" in whole or "提高" in whole) and ("减" in whole or "下降" in whole or "降低" in whole):
        return UNSPECIFIED
    return INCREASE if match.group("word") in INCREASE_WORDS else DECREASE
