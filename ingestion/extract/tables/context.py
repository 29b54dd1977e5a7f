"""What a table is about before any row is read: its title's restrictions, its unit, the document's kind.

Every recogniser of :mod:`ingestion.extract.tables` needs the same few things about the table in hand
(the title printed above it, the unit in force, budget or final account, the fiscal year) and the same
way of turning one cell into :class:`Evidence`; they live here so each table form reads them alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.amounts import normalize_text, parse_amount
from ingestion.document import Table
from ingestion.extract.facts import Evidence
from ingestion.vocabulary.fund_sources import table_fund
from ingestion.vocabulary.measures import TABLE_EXPENSE_WORDS
from ingestion.vocabulary.table_titles import SCOPE_ECONOMIC_CLASSES, UNMODELLED_TITLE


@dataclass(frozen=True)
class TableScope:
    """What a table's title restricts all its amounts to (``一般公共预算基本支出…工资福利支出``)."""

    expense_type: str | None = None
    fund_source: str | None = None
    economic_class: str | None = None
    is_unmodelled: bool = False  # the title names a restriction we cannot represent: skip the table


def title_scope(title: str | None) -> TableScope:
    if not title:
        return TableScope()
    expense_type = next((kind for word, kind in TABLE_EXPENSE_WORDS if word in title), None)
    fund_source = table_fund(title)
    economic = next((code for word, code in SCOPE_ECONOMIC_CLASSES if word in title), None)
    # Income by subject (收入决算表) has no place in a fact table of spending: sums would double.
    income_only = "收入" in title and "支出" not in title
    unmodelled = income_only or (bool(UNMODELLED_TITLE.search(title)) and fund_source != "government_fund")
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
