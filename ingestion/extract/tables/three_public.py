"""三公 tables: overseas travel, official vehicles (purchase, operation) and reception, with their total.

The categories are printed either as columns (one agency row, a header per category) or as rows (one
column per year or amount kind); both forms are read here, by the category words of their labels.
"""

from __future__ import annotations

import re

from ingestion.document import Table
from ingestion.extract.facts import Fact, ThreePublicFact
from ingestion.extract.tables.columns import amount_kind, column_meaning
from ingestion.extract.tables.context import TableContext, cell_evidence
from ingestion.extract.tables.layout import clean_cell

THREE_PUBLIC_LABELS = (
    (re.compile(r"因公出国"), "overseas_travel"),
    (re.compile(r"公务用车购置及运行|公务用车购置和运行"), "vehicle"),
    (re.compile(r"公务用车购置|^购置费$"), "vehicle_purchase"),
    (re.compile(r"公务用车运行|公车运行|^运行(?:维护)?费$"), "vehicle_operation"),
    (re.compile(r"公务接待"), "official_reception"),
)
_TOTAL_WORDS = re.compile(r"^(?:合计|小计|总计)$|三公")


def three_public_facts(table: Table, labels: list[str], header_rows: int, context: TableContext) -> list[Fact]:
    """三公 tables print categories either as columns (one agency row) or as rows (one column per year)."""
    facts: list[Fact] = []
    headed = any("三公" in label for label in labels)
    column_categories = {column: _category_of_path(label, headed) for column, label in enumerate(labels)}
    column_categories = {column: category for column, category in column_categories.items() if category}
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
    return facts


def _category(label: str) -> str | None:
    """The 三公 category a single label names; ``total`` for 合计/小计 rows and 三公 headings."""
    specific = next((category for pattern, category in THREE_PUBLIC_LABELS if pattern.search(label)), None)
    return specific or ("total" if _TOTAL_WORDS.search(label) else None)


def _category_of_path(label: str, table_has_three_public_heading: bool) -> str | None:
    """Category of a column from its header path, leaf first: ``公务用车…费/小计`` is the vehicle subtotal.

    A 合计 that is not under a 三公 heading (``合计`` of 三公 + 会议费 + 培训费) is not the 三公 total.
    """
    segments = [segment for segment in label.split("/") if segment]
    for depth in range(len(segments) - 1, -1, -1):
        specific = next((c for pattern, c in THREE_PUBLIC_LABELS if pattern.search(segments[depth])), None)
        if specific:
            return specific
    if any("三公" in segment for segment in segments):
        return "total"
    is_total = any(_TOTAL_WORDS.search(segment) for segment in segments)
    return "total" if is_total and not table_has_three_public_heading else None
