"""Summary tables (收支总表, 收入总表): totals and class amounts printed as label / amount pairs.

These tables carry no subject codes: each figure sits to the right of a label (``本年收入合计 | 472.74``,
``一、一般公共服务支出 | 472.74``). Totals are recognised by their exact label; class amounts only by
exact reference names, so a local wording is left out rather than matched loosely.
"""

from __future__ import annotations

import re

from ingestion.amounts import parse_amount
from ingestion.document import Table
from ingestion.extract.facts import Fact, LineItemFact, TotalFact
from ingestion.extract.subjects import resolve_subject
from ingestion.extract.tables.context import TableContext, cell_evidence
from ingestion.extract.tables.layout import clean_cell
from ingestion.vocabulary.fund_sources import table_fund
from ingestion.vocabulary.measures import TABLE_EXPENSE_WORDS, TABLE_TOTALS
from ingestion.vocabulary.numerals import CN_PART


def label_value_facts(table: Table, context: TableContext) -> list[Fact]:
    """Totals printed as label / amount pairs (收支总表, 收入总表): ``本年收入合计 | 472.74``.

    The amount is the next non-empty cell to the right of the label. Below a carry-over label
    (年初结转和结余, 上年结转) in the same column, numbered lines are parts of the carry-over, not income.
    """
    facts: list[Fact] = []
    kind = "actual" if context.doc_kind == "final_account" else "budget"
    fund = context.scope.fund_source or "all"  # 财政拨款收支总表 states fiscal-appropriation totals
    has_carry_over = any(_CARRY_OVER.search(clean_cell(cell)) for row in table.rows for cell in row)
    carry_over_columns: set[int] = set()
    for row_index, row in enumerate(table.rows):
        for column in range(len(row) - 1):
            label = clean_cell(row[column])
            if _CARRY_OVER.search(label) and not label.startswith("结转下年"):
                carry_over_columns.add(column)
            measure = next((name for pattern, name in TABLE_TOTALS if pattern.match(label)), None)
            if measure is None or (column in carry_over_columns and measure.endswith("_income")):
                continue
            measure = _resolve_bare_total(measure, has_carry_over)
            value_column = _next_filled(row, column)
            evidence = cell_evidence(table, row_index, value_column, context) if value_column is not None else None
            if evidence is not None:
                facts.append(TotalFact(evidence=evidence, measure=measure, amount_kind=kind, fund_source=fund))
    return facts


_CARRY_OVER = re.compile(r"结转|结余")


def _resolve_bare_total(measure: str, has_carry_over: bool) -> str:
    if measure == "income_or_grand_total":
        return "grand_total" if has_carry_over else "income_total"
    if measure == "expenditure_or_grand_total":
        return "grand_total" if has_carry_over else "expenditure_total"
    return measure


def _next_filled(row: tuple[str, ...], column: int) -> int | None:
    for next_column in range(column + 1, len(row)):
        if clean_cell(row[next_column]):
            return next_column
    return None


_NUMBERED = re.compile(rf"^{CN_PART}")


def summary_subject_facts(table: Table, context: TableContext, labels: list[str] = ()) -> list[Fact]:
    """收支总表 print class totals by name (``一、一般公共服务支出 | 472.74``) and, under 基本支出 /
    项目支出, economic classes (``工资福利支出 | 183.06``): codes come from exact reference names only.

    A 财政拨款收支总表 prints a class's amount again under each fund (``八、社会保障和就业支出 | 326.71 |
    326.71`` under 合计 and 一般公共预算财政拨款): the cells after the first, up to the next label, are read
    when their column label names a fund (see :func:`_fund_cells`)."""
    facts: list[Fact] = []
    kind = "actual" if context.doc_kind == "final_account" else "budget"
    expense_by_column: dict[int, str] = {}
    for row_index, row in enumerate(table.rows):
        for column in range(len(row) - 1):
            label = _NUMBERED.sub("", clean_cell(row[column]))
            expense = next((kind_ for word, kind_ in TABLE_EXPENSE_WORDS[:2] if label == word), None)
            if expense:
                expense_by_column[column] = expense
                continue
            evidence = cell_evidence(table, row_index, column + 1, context) if label else None
            if evidence is None or _income_side(labels, column + 1):
                continue
            functional = resolve_subject(label, level="类", fiscal_year=context.fiscal_year)
            economic = resolve_subject(label, scheme="economic", level="类", fiscal_year=context.fiscal_year)
            fund = context.scope.fund_source or "all"
            if functional.code and functional.how in {"name", "renamed"}:
                facts.append(LineItemFact(evidence, functional.code, None, label, "total", fund, kind,
                                          "resolved", context.title))  # fmt: skip
                for fund_column, column_fund in _fund_cells(row, column + 1, labels, fund):
                    fund_evidence = cell_evidence(table, row_index, fund_column, context)
                    if fund_evidence is not None:
                        facts.append(LineItemFact(fund_evidence, functional.code, None, label, "total", column_fund,
                                                  kind, "resolved", context.title))  # fmt: skip
            elif economic.code and economic.how in {"name", "renamed"} and column in expense_by_column:
                facts.append(LineItemFact(evidence, None, economic.code, label, expense_by_column[column], fund,
                                          kind, "resolved", context.title))  # fmt: skip
    return facts


def _income_side(labels: list[str], column: int) -> bool:
    """A value under 收入 (``财政拨款收入/预算数``): its row label is an income line (``三、国有资本经营预算``
    is the fund's income, not the 国有资本经营预算支出 class)."""
    label = labels[column] if column < len(labels) else ""
    return "收入" in label and "支出" not in label


def _fund_cells(row: tuple[str, ...], first: int, labels: list[str], fund: str) -> list[tuple[int, str]]:
    """The amount cells after ``first`` and before the next label whose column names another fund."""
    found = []
    for column in range(first + 1, len(row)):
        cell = clean_cell(row[column])
        if cell and parse_amount(cell) is None:
            break  # the next label of the row (the other side of the 收支总表)
        column_fund = table_fund(labels[column]) if column < len(labels) else None
        if cell and column_fund and column_fund != fund:
            found.append((column, column_fund))
    return found
