"""What a table is about before any row is read: its title's restrictions, its unit, the document's kind.

Every recogniser of :mod:`ingestion.extract.tables` needs the same few things about the table in hand
(the title printed above it, the unit in force, budget or final account, the fiscal year) and the same
way of turning one cell into :class:`Evidence`; they live here so each table form reads them alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.amounts import normalize_text, parse_amount
from ingestion.document import Table
from ingestion.extract.facts import Evidence

FUND_SOURCES = (
    ("一般公共预算", "general_public_budget"),
    ("公共财政", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本经营", "state_capital"),
    ("财政拨款", "fiscal_appropriation"),
    ("专户", "fiscal_special_account"),
    ("上年结转", "carry_over"),
    ("其他收入", "other"),
)
EXPENSE_TYPES = (
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("人员经费", "personnel"),
    ("人员支出", "personnel"),
    ("公用经费", "public"),
    ("公用支出", "public"),
)


@dataclass(frozen=True)
class TableScope:
    """What a table's title restricts all its amounts to (``一般公共预算基本支出…工资福利支出``)."""

    expense_type: str | None = None
    fund_source: str | None = None
    economic_class: str | None = None
    is_unmodelled: bool = False  # the title names a restriction we cannot represent: skip the table


_SCOPE_ECONOMIC_CLASSES = (("工资福利", "301"), ("商品和服务", "302"), ("个人和家庭", "303"))
_UNMODELLED_TITLES = re.compile(r"转移支付|绩效|采购|资产|非税收入|专户|国有资本经营|政府性基金")


def title_scope(title: str | None) -> TableScope:
    if not title:
        return TableScope()
    expense_type = next((kind for word, kind in EXPENSE_TYPES if word in title), None)
    fund_source = next((source for word, source in FUND_SOURCES if word in title), None)
    economic = next((code for word, code in _SCOPE_ECONOMIC_CLASSES if word in title), None)
    # Income by subject (收入决算表) has no place in a fact table of spending: sums would double.
    income_only = "收入" in title and "支出" not in title
    unmodelled = income_only or (bool(_UNMODELLED_TITLES.search(title)) and fund_source != "government_fund")
    return TableScope(expense_type, fund_source, economic, unmodelled)


@dataclass(frozen=True)
class TableContext:
    title: str | None
    unit: str
    unit_declared: bool
    doc_kind: str
    fiscal_year: int | None

    @property
    def scope(self) -> TableScope:
        return title_scope(self.title)


def cell_evidence(table: Table, row_index: int, column: int, context: TableContext) -> Evidence | None:
    raw = table.rows[row_index][column]
    amount = parse_amount(raw)
    if amount is None:
        return None
    return Evidence(
        reported_amount=amount.printed,
        value=amount.value,
        reported_unit=amount.unit or context.unit,
        locator=table.cell_locator(row_index, column),
        source_text=clean_row_text(table, row_index),
        method="table",
    )


def clean_row_text(table: Table, row_index: int) -> str:
    return "\t".join(normalize_text(cell) for cell in table.rows[row_index]).strip()
