"""三公 tables: overseas travel, official vehicles (purchase, operation) and reception, with their total,
and the 机关运行经费 column some print beside them.

The categories are printed either as columns (one agency row, a header per category) or as rows (one
column per year or amount kind); both forms are read here, by the category words of their labels.
"""

from __future__ import annotations

from ingestion.document import Table
from ingestion.extract.facts import Fact, ThreePublicFact, TotalFact
from ingestion.extract.tables.columns import amount_kind, column_meaning
from ingestion.extract.tables.context import TableContext, cell_evidence
from ingestion.extract.tables.layout import clean_cell
from ingestion.vocabulary.measures import TABLE_OFFICE_OPERATION, TABLE_THREE_PUBLIC
from ingestion.vocabulary.measures import THREE_PUBLIC_TOTAL_WORDS as _TOTAL_WORDS
from ingestion.vocabulary.table_titles import THREE_PUBLIC


def three_public_facts(table: Table, labels: list[str], header_rows: int, context: TableContext) -> list[Fact]:
    """三公 tables print categories either as columns (one agency row) or as rows (one column per year)."""
    facts: list[Fact] = []
    headed = any(THREE_PUBLIC in label for label in labels)
    column_categories = {column: _category_of_path(label, headed) for column, label in enumerate(labels)}
    column_categories = {column: category for column, category in column_categories.items() if category}
    office_columns = {
        column
        for column, label in enumerate(labels)
        if TABLE_OFFICE_OPERATION.search(label) and column not in column_categories
    }
    for row_index in range(header_rows, len(table.rows)):
        row = table.rows[row_index]
        row_category = _category(clean_cell(row[0])) if row else None
        for column in range(len(row)):
            if row_category:
                meaning = column_meaning(labels[column], context) if column < len(labels) else None
                category, kind = row_category, meaning.amount_kind if meaning else None
            else:
                category, kind = column_categories.get(column), amount_kind(labels[column], context)
            evidence = cell_evidence(table, row_index, column, context) if category and kind else None
            if evidence is not None:
                facts.append(ThreePublicFact(evidence=evidence, category=category, amount_kind=kind))
            elif not row_category and column in office_columns:
                facts += _office_operation(table, row_index, column, labels[column], context)
    return facts


def _office_operation(table: Table, row_index: int, column: int, label: str, context: TableContext) -> list[Fact]:
    """``部门“三公”经费和机关运行经费预算表``: its 机关运行经费 column is that stated total."""
    evidence = cell_evidence(table, row_index, column, context)
    if evidence is None:
        return []
    return [TotalFact(evidence, "office_operation_expense", amount_kind(label, context), "all")]


def _category(label: str) -> str | None:
    """The 三公 category a single label names; ``total`` for 合计/小计 rows and 三公 headings."""
    specific = next((category for pattern, category in TABLE_THREE_PUBLIC if pattern.search(label)), None)
    return specific or ("total" if _TOTAL_WORDS.search(label) else None)


def _category_of_path(label: str, table_has_three_public_heading: bool) -> str | None:
    """Category of a column from its header path, leaf first: ``公务用车…费/小计`` is the vehicle subtotal.

    A 合计 that is not under a 三公 heading (``合计`` of 三公 + 会议费 + 培训费) is not the 三公 total.
    """
    segments = [segment for segment in label.split("/") if segment]
    for depth in range(len(segments) - 1, -1, -1):
        specific = next((c for pattern, c in TABLE_THREE_PUBLIC if pattern.search(segments[depth])), None)
        if specific:
            return specific
    if any(THREE_PUBLIC in segment for segment in segments):
        return "total"
    is_total = any(_TOTAL_WORDS.search(segment) for segment in segments)
    return "total" if is_total and not table_has_three_public_heading else None
