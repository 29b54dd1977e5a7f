"""Income sources: the words that say where a department's income comes from (``income_source``).

Income tables (收入预算总表, 收入决算表) print one column per source (``财政拨款收入 | 事业收入 | 其他收入``)
or one row per source (``一般公共预算资金 | 小计 | 13,649.07``), and the 收支总表 lists the sources on its
income side (``一、财政拨款收入``, ``1. 一般公共预算资金``). A label is matched whole, after its list
number (``一、``, ``1.``) is taken off, so a wording we do not know is left out and reported, never
matched loosely. ``total`` is the year's income (本年收入合计); ``grand_total`` is a 收入总计 that also
counts the carry-over the same table lists as a source (江苏's 收入预算总表).

``LABELS`` are the names the dbt label macros print (via the ``vocabulary_labels`` seed).
"""

from __future__ import annotations

import re

from ingestion.vocabulary.numerals import CN_NUMERAL

LABELS = {
    "grand_total": "收入总计（含上年结转）",
    "total": "本年收入合计",
    "fiscal_appropriation": "财政拨款收入",
    "general_public_budget": "一般公共预算",
    "general_public_budget_grant": "公共财政拨款（补助）资金",
    "special_revenue": "专项收入",
    "government_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
    "fiscal_special_account": "财政专户管理资金",
    "education_fees": "专户管理教育收费",
    "other_non_tax": "其他非税收入",
    "superior_subsidy": "上级补助收入",
    "business": "事业收入",
    "operating": "经营收入",
    "affiliated_remittance": "附属单位上缴收入",
    "other_funds": "其他资金",
    "other": "其他收入",
    "debt": "债务资金",
    "carry_over": "上年结转和结余",
}
KEYS = list(LABELS)

# A bare 合计 / 总计 / 收入总计: the grand total when its table lists a carry-over source, else the year's total.
TOTAL_OR_GRAND = "total_or_grand_total"
_FISCAL = r"(?:财政)?拨款(?:收入)?|资金|(?:财政拨款)?收入"
# One pattern per source over the whole label (list number removed); the first that matches wins.
SOURCE_PATTERNS = (
    (re.compile(r"^(?:本年|当年)收入(?:合计|小计)?$"), "total"),
    (re.compile(r"^(?:收入)?(?:合计|总计)$"), TOTAL_OR_GRAND),
    (re.compile(r"^财政拨款(?:收入|资金|\(补助\)|（补助）)?$"), "fiscal_appropriation"),
    (re.compile(rf"^一般公共预算(?:{_FISCAL})?$|^公共财政预算(?:{_FISCAL})?$"), "general_public_budget"),
    (re.compile(r"^公共财政拨款(?:\(补助\)|（补助）)?资金$"), "general_public_budget_grant"),
    (re.compile(r"^专项收入$"), "special_revenue"),
    (re.compile(rf"^政府性基金(?:预算)?(?:{_FISCAL})?$"), "government_fund"),
    (re.compile(rf"^国有资本经营(?:预算)?(?:{_FISCAL})?$"), "state_capital"),
    (re.compile(r"^财政专户管理资金$|^纳入(?:财政)?专户管理的非税收入(?:拨款)?$"), "fiscal_special_account"),
    (re.compile(r"^专户管理教育收费$"), "education_fees"),
    (re.compile(r"^其他非税收入$"), "other_non_tax"),
    (re.compile(r"^上级补助收入$"), "superior_subsidy"),
    (re.compile(r"^事业收入$"), "business"),
    (re.compile(r"^(?:事业单位)?经营收入$"), "operating"),
    (re.compile(r"^附属单位上缴收入$"), "affiliated_remittance"),
    (re.compile(r"^其他资金$"), "other_funds"),
    (re.compile(r"^其他收入$"), "other"),
    (re.compile(r"^债务资金(?:\(银行贷款\)|（银行贷款）)?$"), "debt"),
    (re.compile(r"^(?:上年|年初)结转(?:和|及)?结余(?:资金)?$|^上年结转(?:资金)?$"), "carry_over"),
)
# The sources the fiscal appropriation is made of (a 财政拨款收支总表 lists only these).
FISCAL_PARTS = {"general_public_budget", "government_fund", "state_capital"}
# A list number before a label: ``一、`` (a source), ``1.`` / ``(1)`` (a part of the source above it).
TOP_NUMBER = re.compile(rf"^{CN_NUMERAL}+、\s*")
SUB_NUMBER = re.compile(r"^(?:\d+[.、．]|\(\d+\)|（\d+）)\s*")
# ``其中:`` introduces a part printed for information (动用上年结转和结余资金): not a source of its own.
OF_WHICH = re.compile(r"^其中[:：]?")
# Title words of a table that lists income only (收入预算总表, 收入决算表, 部门收入总表).
INCOME_TABLE_TITLE = re.compile(r"收入(?:预算|决算)?(?:总)?表")


def income_source(label: str) -> str | None:
    """The source a whole label names (list numbers removed), or ``None``."""
    text = SUB_NUMBER.sub("", TOP_NUMBER.sub("", label.replace(" ", "")))
    return next((key for pattern, key in SOURCE_PATTERNS if pattern.match(text)), None)


def resolve_total(key: str, table_lists_carry_over: bool) -> str:
    if key != TOTAL_OR_GRAND:
        return key
    return "grand_total" if table_lists_carry_over else "total"


def is_income_table(title: str | None) -> bool:
    """A table of income only: its title names 收入 and no 支出 (收入支出决算总表 is a summary)."""
    return bool(title) and "支出" not in title and bool(INCOME_TABLE_TITLE.search(title))
