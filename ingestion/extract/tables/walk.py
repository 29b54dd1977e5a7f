"""A document's tables in reading order, each with the title and unit printed above it.

Titles and unit declarations (``单位：万元``) come as text lines before a table, as one-cell tables (an
export artefact), or inside a table's own top rows; the walk keeps the latest of each so every table is
read with the title and unit a reader of the page would give it, and says so when it had to assume one.
"""

from __future__ import annotations

from collections import Counter

from ingestion.amounts import find_unit_declaration
from ingestion.document import Document, Table, TextLine
from ingestion.extract.facts import Fact, IssueFact
from ingestion.extract.tables.context import TableContext, clean_row_text
from ingestion.extract.tables.interpret import interpret_table
from ingestion.extract.tables.layout import clean_cell
from ingestion.vocabulary.table_titles import TABLE_NUMBER, TITLE_LIKE


def extract_tables(document: Document, *, doc_kind: str, fiscal_year: int | None, default_unit: str) -> list[Fact]:
    """Walk the document once, tracking the latest title and unit declaration before each table."""
    facts: list[Fact] = []
    title: str | None = None
    unit: str | None = None
    for block in document.blocks:
        text = _as_title_text(block)
        if text is not None:
            unit = find_unit_declaration(text) or unit
            if _is_title(text):
                title, unit = text, find_unit_declaration(text)
            continue
        table_unit = _unit_inside(block) or unit
        context = TableContext(title, table_unit or default_unit, table_unit is not None, doc_kind, fiscal_year)
        table_facts = interpret_table(block, context)
        if table_unit is None and any(not isinstance(fact, IssueFact) for fact in table_facts):
            facts.append(
                IssueFact(
                    "unit_assumed",
                    f"table '{title}' declares no unit; the document's usual unit {default_unit} was applied",
                    block.locator,
                    clean_row_text(block, 0),
                )
            )
        facts.extend(table_facts)
    return facts


def _is_title(text: str) -> bool:
    return (
        bool(TITLE_LIKE.search(text))
        and len(text) <= 60
        and not text.endswith(("。", "；", "，"))
        and not TABLE_NUMBER.match(text.replace(" ", ""))
    )


def _as_title_text(block: TextLine | Table) -> str | None:
    """Text lines, and one-cell tables (exports often box a table's title in its own cell)."""
    if isinstance(block, TextLine):
        return clean_cell(block.text)
    cells = [cell for row in block.rows for cell in row if cell.strip()]
    return clean_cell(cells[0]) if len(cells) == 1 else None


def _unit_inside(table: Table) -> str | None:
    """A ``单位：万元`` printed in the table's own top rows (a common export artefact)."""
    for row in table.rows[:3]:
        for cell in row:
            unit = find_unit_declaration(clean_cell(cell))
            if unit:
                return unit
    return None


def document_unit(document: Document) -> str:
    """The unit most declarations in the document use (万元 when none is printed, flagged by callers)."""
    units: Counter[str] = Counter()
    for block in document.blocks:
        texts = [block.text] if isinstance(block, TextLine) else [cell for row in block.rows[:3] for cell in row]
        for text in texts:
            unit = find_unit_declaration(clean_cell(text))
            if unit:
                units[unit] += 1
    return units.most_common(1)[0][0] if units else "万元"
