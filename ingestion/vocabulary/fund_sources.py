"""Fund sources: the words that say which money an amount is (``fund_source`` in the staging frames).

One row per wording: the word as printed, the key stored, and where it counts:

* ``prose``: a prefix before a label in a sentence (``一般公共预算财政拨款支出``), and a fund named by a
  section heading;
* ``heading``: named by a section heading only (``五、财政拨款支出预算情况说明``);
* ``table``: a word of a table title or column label (``一般公共预算财政拨款支出`` column; first row
  that matches wins, so the specific words come before 财政拨款);
* ``sentence``: anywhere in a prose sentence, the fund of the economic amounts it gives when its section
  names none (``一般公共预算安排差旅费9.94万元``; first row that matches wins, as for tables).

``LABELS`` are the documents' names the dbt label macros print (via the ``vocabulary_labels`` seed).
"""

from __future__ import annotations

import re

from ingestion.vocabulary.rules import keyed, word

FUND_WORDS = (
    word("一般公共预算", "general_public_budget", "prose", "table", "sentence"),
    word("公共财政", "general_public_budget", "table"),
    word("政府性基金预算", "government_fund", "prose"),
    word("政府性基金", "government_fund", "prose", "table", "sentence"),
    word("国有资本经营预算", "state_capital", "prose"),
    word("国有资本经营", "state_capital", "table", "sentence"),
    word("财政拨款", "fiscal_appropriation", "heading", "table", "sentence"),
    word("专户", "fiscal_special_account", "table"),
    word("上年结转", "carry_over", "table"),
    word("其他收入", "other", "table"),
)

LABELS = {
    "all": "全部资金",
    "fiscal_appropriation": "财政拨款",
    "general_public_budget": "一般公共预算",
    "government_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
    "fiscal_special_account": "财政专户",
    "carry_over": "上年结转",
    "other": "其他资金",
}
KEYS = list(LABELS)


PROSE_PREFIXES = keyed(FUND_WORDS, "prose")
HEADING_FUNDS = PROSE_PREFIXES | keyed(FUND_WORDS, "heading")
TABLE_WORDS = tuple(keyed(FUND_WORDS, "table").items())
SENTENCE_WORDS = tuple(keyed(FUND_WORDS, "sentence").items())
# Prose prefixes as one alternation, longest first (``政府性基金预算`` before ``政府性基金``).
PROSE_PREFIX = "|".join(sorted(map(re.escape, PROSE_PREFIXES), key=len, reverse=True))
# 财政拨款 (or 拨款, 财政) between a fund prefix and a label: the fiscal-appropriation part of that fund.
FISCAL = r"财政拨款|拨款|财政"


def _first_named(words: tuple[tuple[str, str], ...], text: str) -> str | None:
    return next((key for word, key in words if word in text), None)


def table_fund(text: str) -> str | None:
    """The fund source a table title or column label names (the first table row whose word it holds)."""
    return _first_named(TABLE_WORDS, text)


def sentence_fund(text: str) -> str | None:
    """The fund source a prose sentence names (the first sentence row whose word it holds)."""
    return _first_named(SENTENCE_WORDS, text)
