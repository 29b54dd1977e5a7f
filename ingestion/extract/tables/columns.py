"""What an amount column measures, decided from its header label alone.

A column label such as ``一般公共预算/基本支出/人员经费`` names an expense type, a fund source and an
amount kind (budget, actual, prior year); under a cross-tab header it may also name an economic class
(``基本支出/工资福利支出``). A label with any word left over that we do not model yields ``None``, so the
column is reported rather than guessed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingestion.extract.subjects import resolve_subject
from ingestion.extract.tables.context import TableContext
from ingestion.vocabulary.amount_kinds import PRIOR_YEAR_WORD, column_kind, for_document
from ingestion.vocabulary.fund_sources import TABLE_WORDS, table_fund
from ingestion.vocabulary.measures import TABLE_EXPENSE_WORDS

# Words a column label may contain without changing what the column measures.
_GENERIC_WORDS = re.compile(
    r"合计|总计|小计|本年|年初|全年|调整|预算数|预算|决算数|决算|支出数|执行数|金额|支出|经费|"
    r"数|资金|安排|科目|本年度|年度|\d{4}年度?|[/()（）:：]"
)
_NOT_AMOUNT_COLUMNS = re.compile(r"增减|变动|%|率|代码|编码|名称|序号|数量|单价|人数")
_ECONOMIC_CHILD = re.compile(r"工资福利|商品和服务|个人和家庭|资本性|债务利息|对企|对事业|其他支出|补助|补贴")


class ColumnMeaning(NamedTuple):
    expense_type: str
    fund_source: str
    amount_kind: str
    economic_code: str | None = None  # a functional × economic cross-tab column (基本支出/工资福利支出)


def amount_kind(label: str, context: TableContext) -> str:
    years = [int(year) for year in re.findall(r"(\d{4})年", label)]
    if context.fiscal_year and any(year < context.fiscal_year for year in years) or PRIOR_YEAR_WORD in label:
        return "prior_year"
    return for_document(column_kind(label), context.doc_kind) or (
        "actual" if context.doc_kind == "final_account" else "budget"
    )


def _leaf_most(label: str, vocabulary: tuple[tuple[str, str], ...]) -> str | None:
    """The most specific match in a header path: ``基本支出/人员经费`` is personnel, not basic."""
    for segment in reversed(label.split("/")):
        found = next((value for word, value in vocabulary if word in segment), None)
        if found:
            return found
    return None


def column_meaning(label: str, context: TableContext) -> ColumnMeaning | None:
    """What an amount column measures, or ``None`` when its label names something we do not model."""
    if not label or _NOT_AMOUNT_COLUMNS.search(label):
        return None
    expense_type = _leaf_most(label, TABLE_EXPENSE_WORDS) or "total"
    fund_source = table_fund(label) or "all"
    leaf = label.split("/")[-1]
    if _ECONOMIC_CHILD.search(leaf):
        return _cross_tab_meaning(label, leaf, expense_type, fund_source, context)
    residue = label
    for word, _ in TABLE_WORDS + TABLE_EXPENSE_WORDS:
        residue = residue.replace(word, "")
    if _GENERIC_WORDS.sub("", residue).strip():
        return None
    if expense_type == "total" and context.scope.expense_type:
        expense_type = context.scope.expense_type
    if fund_source == "all" and context.scope.fund_source:
        fund_source = context.scope.fund_source
    return ColumnMeaning(expense_type, fund_source, amount_kind(label, context))


def _cross_tab_meaning(
    label: str, leaf: str, expense_type: str, fund_source: str, context: TableContext
) -> ColumnMeaning | None:
    """A column named by an economic class (工资福利支出 under 基本支出): only exact reference names count.

    Local wordings such as 一般商品和服务支出 or 业务性商品和服务支出 do not name one national class, so
    those columns are left out (and reported) rather than mapped to 302 by guesswork.
    """
    resolution = resolve_subject(leaf, scheme="economic", level="类", fiscal_year=context.fiscal_year)
    if resolution.code is None or resolution.how not in {"name", "renamed"}:
        return None
    if expense_type == "total" and context.scope.expense_type:
        expense_type = context.scope.expense_type
    if fund_source == "all" and context.scope.fund_source:
        fund_source = context.scope.fund_source
    return ColumnMeaning(expense_type, fund_source, amount_kind(label, context), resolution.code)
