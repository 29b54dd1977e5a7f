"""Income by source: income tables (收入预算总表, 收入决算表) and the income side of the 收支总表.

Three printed forms, told apart by structure, never by province:

* by subject (上海's 收入预算总表, the 收入决算表 of final accounts): a code column, a name column and one
  amount column per source (``合计 | 财政拨款收入 | 事业收入 | 其他收入``); the 合计 row states the
  document's income by source;
* by label (江苏's 收入预算总表): one row per source, a group label on the left and its parts beside it
  (``一般公共预算资金 | 小计 | 13,649.07`` then ``| 公共财政拨款(补助)资金 | 13,649.07``);
* the income side of a 收支总表 (``一、财政拨款收入 | 156,211,123``, ``1. 一般公共预算资金 | …``).

Each amount becomes an :class:`IncomeFact` with the source its label names and the source the table
prints it as a part of; a label no source row of the vocabulary matches is left to the table's
``amount_not_read`` / ``column_not_extracted`` issues. The year's totals of the 收支总表 stay stated
totals (:mod:`.summary`); only its source lines are read here.
"""

from __future__ import annotations

from ingestion.amounts import parse_amount
from ingestion.document import Table
from ingestion.extract.facts import Fact, IncomeFact, IssueFact
from ingestion.extract.tables.columns import amount_kind
from ingestion.extract.tables.context import TableContext, cell_evidence, clean_row_text
from ingestion.extract.tables.layout import clean_cell, find_row_codes, is_column_number_row
from ingestion.vocabulary.income_sources import (
    FISCAL_PARTS,
    OF_WHICH,
    SUB_NUMBER,
    TOP_NUMBER,
    income_source,
    resolve_total,
)
from ingestion.vocabulary.measures import SUBTOTAL_ROW

_TOTALS = {"total", "grand_total"}
_SUBTOTAL_LEAVES = {"小计", "合计"}
_UNIT_COLUMN = "单位"  # the first column of a table by 单位 (单位代码 / 单位名称)


def _kind(context: TableContext) -> str:
    return "actual" if context.doc_kind == "final_account" else "budget"


# --- by subject ----------------------------------------------------------------------------------


def _column_sources(labels: list[str]) -> dict[int, tuple[str, str | None]]:
    """Column → (source, the source printed above it in the header, if any), leaf segment first; a
    ``小计``/``合计`` under a source (``财政拨款收入/小计``) is that source."""
    found: dict[int, tuple[str, str | None]] = {}
    for column, label in enumerate(labels):
        segments = [segment for segment in label.split("/") if segment]
        sources = [income_source(segment) for segment in segments]
        if segments and segments[-1] in _SUBTOTAL_LEAVES and any(sources[:-1]):
            sources = sources[:-1]
        named = [source for source in sources if source]
        if named and sources[-1]:
            found[column] = (named[-1], named[-2] if len(named) > 1 else None)
    lists_carry_over = any(source == "carry_over" for source, _ in found.values())
    resolved = {c: (resolve_total(s, lists_carry_over), p and resolve_total(p, lists_carry_over))
                for c, (s, p) in found.items()}  # fmt: skip
    total = next((source for source, _ in resolved.values() if source in _TOTALS), None)
    return {
        column: (source, parent or (None if source in _TOTALS else total))
        for column, (source, parent) in resolved.items()
    }


def income_subject_facts(table: Table, labels: list[str], header_rows: int, context: TableContext) -> list[Fact]:
    """A table with one amount column per source: coded rows by functional subject, the 合计 row for the
    whole document. In a table by 单位 (its first column headed 单位), a table listing one unit states the
    department's own amounts; a table listing several keeps each unit's rows under that unit (never the
    department's), and only its 合计 row states the department's."""
    sources = _column_sources(labels)
    facts: list[Fact] = []
    skipped: set[int] = set()
    rows = [index for index in range(header_rows, len(table.rows)) if not is_column_number_row(table.rows[index])]
    by_unit = bool(labels) and _UNIT_COLUMN in labels[0]
    for row_index in rows:
        row = table.rows[row_index]
        codes = find_row_codes(row)
        unit: tuple[str | None, str] | None = None
        is_total_row = any(SUBTOTAL_ROW.match(clean_cell(cell)) for cell in row[: codes.first_amount_column])
        if by_unit:
            subject, name = None, None
            if len(rows) > 1 and not is_total_row:
                unit = _unit_of(row, codes.first_amount_column)
                if unit is None:  # a row naming no unit: its amounts stay unread (amount_not_read)
                    continue
        elif codes.code and codes.code.startswith("2"):
            subject, name = codes.code, codes.name
        elif not codes.code and is_total_row:
            subject, name = None, None
        else:
            continue
        for column in range(codes.first_amount_column, len(row)):
            evidence = cell_evidence(table, row_index, column, context)
            if evidence is None:
                continue
            if column not in sources:
                skipped.add(column)
                continue
            source, parent = sources[column]
            kind = amount_kind(labels[column], context) if column < len(labels) else _kind(context)
            facts.append(
                IncomeFact(evidence, subject, name, source, parent, kind, context.title, *(unit or (None, None)))
            )
    return facts + [_column_issue(table, labels, header_rows, column, context) for column in sorted(skipped)]


def _unit_of(row: tuple[str, ...], first_amount_column: int) -> tuple[str | None, str] | None:
    """(单位代码, 单位名称) of a row of a table by unit: the code is a cell of digits, the name the text
    nearest the amounts; None when the row names no unit."""
    cells = [clean_cell(cell) for cell in row[:first_amount_column]]
    code = next((cell for cell in cells if cell.isdigit()), None)
    name = next((cell for cell in reversed(cells) if cell and not cell.isdigit()), None)
    return (code, name) if name else None


def _column_issue(table: Table, labels: list[str], header_rows: int, column: int, context: TableContext) -> Fact:
    label = labels[column] if column < len(labels) else ""
    return IssueFact(
        "column_not_extracted",
        f"income amounts under column '{label or '(no header)'}' of table '{context.title}' were left out: "
        "the column names no income source the warehouse models",
        table.cell_locator(header_rows, column),
        clean_row_text(table, max(header_rows - 1, 0)),
    )


# --- by label ------------------------------------------------------------------------------------


def income_label_facts(table: Table, header_rows: int, context: TableContext) -> list[Fact]:
    """One row per source: ``group | 小计 | amount`` states the group, ``(blank) | part | amount`` a part of
    the group above it, ``收入总计 | | amount`` the total. ``其中:`` lines are not parts of any sum; the
    parts of a group whose label names no source are not attributed to anything."""
    rows: list[tuple[int, int, str, str | None]] = []  # row, amount column, source, group source
    group: str | None = None
    lists_carry_over = False
    for row_index in range(header_rows, len(table.rows)):
        cells = [clean_cell(cell) for cell in table.rows[row_index]]
        if cells and cells[0] and parse_amount(cells[0]) is None:
            group = income_source(cells[0]) or _UNNAMED
            lists_carry_over = lists_carry_over or group == "carry_over"
        amount_column = next((c for c in range(len(cells) - 1, 0, -1) if parse_amount(cells[c]) is not None), None)
        if amount_column is None or group in (None, _UNNAMED):
            continue
        words = [cell for cell in cells[:amount_column] if cell and parse_amount(cell) is None]
        if not words or OF_WHICH.match(words[-1]):
            continue
        if cells[0] and (len(words) == 1 or words[-1] == "小计"):
            source, parent = group, None
        else:
            source, parent = income_source(words[-1]), group
        if source is not None:
            rows.append((row_index, amount_column, source, parent))
    total = next((resolve_total(s, lists_carry_over) for _, _, s, p in rows if p is None and _is_total(s)), None)
    facts: list[Fact] = []
    for row_index, column, source, parent in rows:
        evidence = cell_evidence(table, row_index, column, context)
        if evidence is None:
            continue
        source = resolve_total(source, lists_carry_over)
        parent = parent and resolve_total(parent, lists_carry_over)
        if parent is None and source not in _TOTALS:
            parent = total
        facts.append(IncomeFact(evidence, None, None, source, parent, _kind(context), context.title))
    return facts


_UNNAMED = "unnamed"


def _is_total(source: str) -> bool:
    return resolve_total(source, False) in _TOTALS


# --- the income side of a 收支总表 ---------------------------------------------------------------


def summary_income_facts(table: Table, labels: list[str], context: TableContext) -> list[Fact]:
    """Source lines under the 收入 header: ``一、`` lines are parts of the year's income (of the fiscal
    appropriation on a 财政拨款收支总表), ``1.`` lines parts of the ``一、`` line above. Totals and the
    carry-over (and the lines listed under it) are stated totals, read by :mod:`.summary`."""
    facts: list[Fact] = []
    top_parent = "fiscal_appropriation" if context.scope.fund_source == "fiscal_appropriation" else "total"
    for column in range(len(labels) - 1):
        if not _is_income_value_column(labels, column + 1):
            continue
        last_top: str | None = None
        for row_index, row in enumerate(table.rows):
            if column + 1 >= len(row):
                continue
            label = clean_cell(row[column])
            source = income_source(label) if label else None
            if source == "carry_over" or (label and ("结转" in label or "结余" in label)):
                break  # the carry-over and its parts close the year's income
            if source is None or _is_total(source):
                continue
            if SUB_NUMBER.match(label):
                parent = last_top
            else:
                parent, last_top = top_parent, source
            if top_parent == "fiscal_appropriation" and source not in FISCAL_PARTS:
                continue
            evidence = cell_evidence(table, row_index, column + 1, context)
            if evidence is not None and parent is not None:
                facts.append(IncomeFact(evidence, None, None, source, parent, _kind(context), context.title))
    return facts


def _is_income_value_column(labels: list[str], column: int) -> bool:
    """The amount column of the income side: its header path names 收入 and no 支出."""
    label = labels[column] if column < len(labels) else ""
    return "收入" in label and "支出" not in label and not TOP_NUMBER.match(label)
