"""Which table form a table is, and an issue row for every printed amount no form took.

The choice depends on the title and header only (never on which document the table came from): a title
we cannot represent (绩效, 资产, 政府性基金…) is skipped with an issue, 三公 tables, project lists and
expenditure / summary tables each go to their own reader. Whatever is printed and not read is reported.
"""

from __future__ import annotations

from ingestion.amounts import parse_amount
from ingestion.document import Table
from ingestion.extract.facts import Fact, IncomeFact, IssueFact, ProjectFact
from ingestion.extract.tables.context import TableContext, clean_row_text
from ingestion.extract.tables.expenditure import subject_facts
from ingestion.extract.tables.income import income_label_facts, income_subject_facts, summary_income_facts
from ingestion.extract.tables.layout import (
    DECIMAL_AMOUNT,
    clean_cell,
    column_labels,
    find_row_codes,
    header_row_count,
)
from ingestion.extract.tables.procurement import procurement_facts, procurement_line_facts
from ingestion.extract.tables.projects import form_project, list_projects
from ingestion.extract.tables.summary import label_value_facts, summary_subject_facts
from ingestion.extract.tables.three_public import three_public_facts
from ingestion.vocabulary.income_sources import is_income_table
from ingestion.vocabulary.table_titles import (
    PERFORMANCE,
    PROCUREMENT,
    PROJECTS,
    SUMMARY_TITLE,
    THREE_PUBLIC,
    UNMODELLED_TITLE,
)


def interpret_table(table: Table, context: TableContext) -> list[Fact]:
    """All facts one table states; which recognisers apply depends on its title and header only."""
    header_rows = header_row_count(table)
    labels = column_labels(table, header_rows)
    title = context.title or ""
    if is_income_table(title) and not UNMODELLED_TITLE.search(title):
        return _income_table(table, labels, header_rows, context)
    if context.scope.is_unmodelled:
        projects = form_project(table, context.unit) if PERFORMANCE in title else []
        procurement = procurement_facts(table, context) if PROCUREMENT in title else []
        lines = procurement_line_facts(table, labels, header_rows, context) if PROCUREMENT in title else None
        facts = label_value_facts(table, context) + projects + procurement
        if lines is not None:  # an item table read line by line: what it still leaves out is listed
            return facts + lines + _amounts_left_unread(table, labels, header_rows, facts + lines, context)
        return facts + _not_modelled(table, context)
    header_text = " ".join(labels)
    if THREE_PUBLIC in title or THREE_PUBLIC in header_text:
        return three_public_facts(table, labels, header_rows, context)
    if PROJECTS in title and not any(find_row_codes(row).code for row in table.rows[header_rows:]):
        kind = "actual" if context.doc_kind == "final_account" else "budget"
        projects = list_projects(table, labels, header_rows, context.unit, kind)
        if projects:
            return projects
    facts = subject_facts(table, labels, header_rows, context)
    if SUMMARY_TITLE.search(title):
        facts += summary_subject_facts(table, context, labels) + summary_income_facts(table, labels, context)
    facts += label_value_facts(table, context)
    return facts + _amounts_left_unread(table, labels, header_rows, facts, context)


def _income_table(table: Table, labels: list[str], header_rows: int, context: TableContext) -> list[Fact]:
    """收入预算总表 / 收入决算表: by subject when its rows carry functional codes, else by label; a table
    read neither way (rows by 单位 only, say) is reported as not modelled, as before."""
    by_subject = any((find_row_codes(row).code or "").startswith("2") for row in table.rows[header_rows:])
    if by_subject or (labels and "单位" in labels[0]):
        facts = income_subject_facts(table, labels, header_rows, context)
    else:
        facts = income_label_facts(table, header_rows, context)
    facts += label_value_facts(table, context)
    if not any(isinstance(fact, IncomeFact) for fact in facts):
        return facts + _not_modelled(table, context)
    return facts + _amounts_left_unread(table, labels, header_rows, facts, context)


def _amounts_left_unread(
    table: Table, labels: list[str], header_rows: int, facts: list[Fact], context: TableContext
) -> list[Fact]:
    """An issue row for each printed amount no recogniser took, so nothing printed is silently dropped.

    Only cells that are unmistakably amounts (decimals or thousands separators) count; cells of a column
    already reported as not extracted are covered by that column's issue.
    """
    read = {str(fact.evidence.locator) for fact in facts if hasattr(fact, "evidence")}
    read |= {str(p.locator) for fact in facts if isinstance(fact, ProjectFact) for p in (fact.budget, fact.actual) if p}
    reported_columns = {
        fact.locator.column
        for fact in facts
        if isinstance(fact, IssueFact) and fact.issue_kind == "column_not_extracted"
    }
    issues: list[Fact] = []
    for row_index in range(header_rows, len(table.rows)):
        row = table.rows[row_index]
        for column, cell in enumerate(row):
            locator = table.cell_locator(row_index, column)
            text = clean_cell(cell)
            if str(locator) in read or column + 1 in reported_columns or not DECIMAL_AMOUNT.match(text):
                continue
            row_label = next((clean_cell(c) for c in row[:column] if clean_cell(c) and not parse_amount(c)), "")
            column_label = labels[column] if column < len(labels) else ""
            issues.append(
                IssueFact(
                    "amount_not_read",
                    f"{text} in row '{row_label}' under '{column_label}' of table '{context.title}': no measure the "
                    "warehouse models matches this row and column, so it was left out",
                    locator,
                    clean_row_text(table, row_index),
                )
            )
    return issues


def _not_modelled(table: Table, context: TableContext) -> list[Fact]:
    """One issue row per skipped table that prints amounts, so every amount left out is explained."""
    if not any(parse_amount(clean_cell(cell)) for row in table.rows for cell in row):
        return []
    return [
        IssueFact(
            "table_not_modelled",
            f"table '{context.title}' (performance targets, assets, procurement, income by subject or a fund "
            "the warehouse does not model) was not read for line items",
            table.locator,
            clean_row_text(table, 0),
        )
    ]
