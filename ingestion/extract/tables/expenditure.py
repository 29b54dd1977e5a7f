"""Expenditure tables by subject code: one row per functional (2xx) or economic (3xx/5xx) subject.

The commonest table form (支出预算表, 基本支出决算表, 一般公共预算支出表…): a code column, a name column and
amount columns whose meanings come from :mod:`ingestion.extract.tables.columns`. Tables may print two
panels side by side, and cross-tabs name economic classes in their columns; the 合计 row states the
document's totals. A column with no modelled meaning is reported once, not guessed.
"""

from __future__ import annotations

import re
from collections import Counter

from ingestion.document import Table
from ingestion.extract.facts import Fact, IssueFact, LineItemFact, TotalFact
from ingestion.extract.subjects import lookup_code
from ingestion.extract.tables.columns import column_meaning
from ingestion.extract.tables.context import TableContext, cell_evidence, clean_row_text
from ingestion.extract.tables.layout import clean_cell, find_row_codes, is_column_number_row
from ingestion.vocabulary.measures import SUBTOTAL_MEASURES, SUBTOTAL_NAMES


def _panel_facts(
    table: Table, row_index: int, start: int, end: int, meanings: dict, context: TableContext, skipped: set[int]
) -> list[Fact]:
    """The facts of one row within one panel (columns ``start``..``end``)."""
    row = table.rows[row_index]
    codes = find_row_codes(row[start:end])
    first_amount = start + codes.first_amount_column
    if not codes.code:
        return _subtotal_facts(table, row_index, first_amount, meanings, context, (start, end))
    functional = codes.code if codes.code.startswith("2") else None
    economic = codes.code if codes.code[0] in "35" else context.scope.economic_class
    if not functional and not economic:
        return []
    facts: list[Fact] = []
    for column in range(first_amount, end):
        evidence = cell_evidence(table, row_index, column, context)
        if evidence is None:
            continue
        meaning = meanings.get(column)
        if meaning is None or (meaning.economic_code and economic):
            skipped.add(column)
            continue
        facts.append(
            LineItemFact(
                evidence=evidence,
                functional_subject_code=functional,
                economic_subject_code=economic or meaning.economic_code,
                subject_name=codes.name,
                expense_type=meaning.expense_type,
                fund_source=meaning.fund_source,
                amount_kind=meaning.amount_kind,
                table_title=context.title,
            )
        )
    return facts


_PANEL_HEAD = re.compile(r"编码|代码|科目|分类")  # a panel starts with its own code column


def table_panels(labels: list[str]) -> list[tuple[int, int]]:
    """Column ranges of side-by-side panels: ``经济分类 | 科目名称 | 决算数 | 经济分类 | 科目名称 | 决算数``
    prints two tables in one grid (301… on the left, 302… on the right); each panel has its own codes."""
    first = next((index for index, label in enumerate(labels) if label), None)
    if first is None:
        return [(0, len(labels))]
    starts = [index for index, label in enumerate(labels) if label == labels[first]]
    widths = {end - start for start, end in zip(starts, starts[1:], strict=False)}
    if len(starts) < 2 or not _PANEL_HEAD.search(labels[first]) or min(widths) < 3:
        return [(0, len(labels))]
    starts[0] = 0
    return list(zip(starts, starts[1:] + [len(labels)], strict=True))


def subject_facts(table: Table, labels: list[str], header_rows: int, context: TableContext) -> list[Fact]:
    facts: list[Fact] = []
    meanings = {column: column_meaning(label, context) for column, label in enumerate(labels)}
    skipped: set[int] = set()
    panels = table_panels(labels)
    for row_index in range(header_rows, len(table.rows)):
        row = table.rows[row_index]
        if is_column_number_row(row):
            continue
        for start, end in panels if len(row) >= panels[-1][0] else [(0, len(row))]:
            facts.extend(_panel_facts(table, row_index, start, min(end, len(row)), meanings, context, skipped))
    for column in sorted(skipped):
        facts.append(
            IssueFact(
                "column_not_extracted",
                f"amounts under column '{labels[column] or '(no header)'}' of table '{context.title}' were left "
                "out: the column's meaning is not one the warehouse models yet",
                table.cell_locator(header_rows, column),
                clean_row_text(table, max(header_rows - 1, 0)),
            )
        )
    return facts


def _subtotal_facts(
    table: Table, row_index: int, first_amount: int, meanings: dict, context: TableContext, panel: tuple[int, int]
) -> list[Fact]:
    """The 合计 row of an expenditure table states the document's totals, one per column meaning.

    A 合计 row whose amounts do not start in the same column as the coded rows' is misaligned (an export
    dropped a cell): its amounts are left to the ``amount_not_read`` issues rather than misread.
    """
    row = table.rows[row_index]
    start, end = panel
    if not any(SUBTOTAL_NAMES.match(clean_cell(cell)) for cell in row[start:first_amount]):
        return []
    if "支出" not in (context.title or "") or "收入" in (context.title or ""):
        return []
    if first_amount != _coded_first_amount(table, panel):
        return []
    facts: list[Fact] = []
    for column in range(first_amount, end):
        meaning = meanings.get(column)
        evidence = cell_evidence(table, row_index, column, context) if meaning else None
        if evidence is None:
            continue
        economic = meaning.economic_code or context.scope.economic_class
        if economic:  # a 合计 under 工资福利支出 (cross-tab column or table scope): that class's total
            facts.append(
                LineItemFact(evidence, None, economic, _class_name(economic), meaning.expense_type,
                             meaning.fund_source, meaning.amount_kind, "printed", context.title)
            )  # fmt: skip
            continue
        measure = SUBTOTAL_MEASURES[meaning.expense_type]
        facts.append(TotalFact(evidence, measure, meaning.amount_kind, meaning.fund_source))
    return facts


def _coded_first_amount(table: Table, panel: tuple[int, int]) -> int | None:
    """The column where the coded rows of a panel print their first amount (the most common one)."""
    start, end = panel
    firsts: Counter[int] = Counter()
    for row in table.rows:
        codes = find_row_codes(row[start:end])
        if codes.code:
            firsts[start + codes.first_amount_column] += 1
    return firsts.most_common(1)[0][0] if firsts else None


def _class_name(code: str) -> str:
    row = lookup_code(code)
    return row.name if row else code
