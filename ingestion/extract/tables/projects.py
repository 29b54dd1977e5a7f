"""Projects printed in tables: project lists (项目支出预算明细表) and performance-target forms (绩效目标表).

Two layouts, recognised by their labels only:

* a **list**: a header with 项目名称 and an amount column (总计/合计/金额/预算数…), one project per row;
* a **form**: label/value cells (``项目编码 | 224-0302-JXN-I8F2 | 项目名称 | 网络舆情监测``,
  ``预算数 | 6.00``, ``执行数: | 0.9万元``), one project per table.

Amounts are read with the table's unit; a form whose name or amount is missing yields nothing.
"""

from __future__ import annotations

import re

from ingestion.amounts import parse_amount
from ingestion.document import Table
from ingestion.extract.facts import Evidence, Fact, IssueFact, ProjectFact
from ingestion.extract.tables.layout import clean_cell
from ingestion.vocabulary.amount_kinds import ACTUAL, BUDGET, alternation
from ingestion.vocabulary.measures import SUBTOTAL_ROW

_NAME_LABEL = re.compile(r"^(?:项目名称|专项名称|单位专项支出名称|项目)[:：]?$")
_CODE_LABEL = re.compile(r"^(?:项目编码|项目代码|项目编号)[:：]?$")
_BUDGET_LABEL = re.compile(rf"^(?:其中-)?(?:{alternation('form', BUDGET)})[:：]?$")
_ACTUAL_LABEL = re.compile(rf"^(?:其中-)?(?:{alternation('form', ACTUAL)})[:：]?$")
_LIST_AMOUNT_LABEL = re.compile(r"总计|合计|金额|预算数|资金总额")


def _evidence(table: Table, row: int, column: int, unit: str, method: str = "table") -> Evidence | None:
    amount = parse_amount(table.rows[row][column])
    if amount is None:
        return None
    source = "\t".join(clean_cell(cell) for cell in table.rows[row]).strip()
    return Evidence(amount.printed, amount.value, amount.unit or unit, table.cell_locator(row, column), source, method)


def _value_after(table: Table, row: int, column: int) -> tuple[int, int] | None:
    """The first non-empty cell to the right of a label (same row)."""
    for next_column in range(column + 1, len(table.rows[row])):
        if clean_cell(table.rows[row][next_column]):
            return row, next_column
    return None


_LABEL_WORDS = re.compile(r"名称|性质|编码|代码|金额|预算数|执行数|资金|指标|目标")


def form_project(table: Table, unit: str) -> list[Fact]:
    """One project from a label/value form; the first budget and actual amounts after their labels."""
    found: dict[str, tuple[int, int]] = {}
    for row_index, row in enumerate(table.rows):
        for column, cell in enumerate(row):
            text = clean_cell(cell)
            for key, pattern in (("name", _NAME_LABEL), ("code", _CODE_LABEL), ("budget", _BUDGET_LABEL),
                                 ("actual", _ACTUAL_LABEL)):  # fmt: skip
                if key not in found and pattern.match(text) and (place := _value_after(table, row_index, column)):
                    found[key] = place
    if "name" not in found or not ({"budget", "actual"} & found.keys()):
        return []
    name_row, name_column = found["name"]
    if _LABEL_WORDS.search(clean_cell(table.rows[name_row][name_column])):
        return []  # a list's header row (名称 | 性质 | 金额 …), not a label/value form
    budget = _evidence(table, *found["budget"], unit) if "budget" in found else None
    actual = _evidence(table, *found["actual"], unit) if "actual" in found else None
    if budget is None and actual is None:
        return []
    code = clean_cell(table.rows[found["code"][0]][found["code"][1]]) if "code" in found else None
    return [
        ProjectFact(
            project_name=clean_cell(table.rows[name_row][name_column]),
            project_code=code,
            budget=budget,
            actual=actual,
            locator=table.cell_locator(name_row, name_column),
            source_text=(budget or actual).source_text,
            method="table",
        )
    ]


def list_projects(table: Table, labels: list[str], header_rows: int, unit: str, amount_kind: str) -> list[Fact]:
    """One project per row of a list whose header names 项目名称 and an amount column."""
    name_columns = [c for c, label in enumerate(labels) if re.search(r"项目名称|专项名称|支出名称", label)]
    amount_columns = [c for c, label in enumerate(labels) if _LIST_AMOUNT_LABEL.search(label.split("/")[0])]
    if not name_columns or not amount_columns:
        return []
    name_column, amount_column = name_columns[-1], amount_columns[0]
    facts: list[Fact] = []
    for row_index in range(header_rows, len(table.rows)):
        row = table.rows[row_index]
        name = clean_cell(row[name_column]) if name_column < len(row) else ""
        if not name or SUBTOTAL_ROW.match(name) or amount_column >= len(row):
            continue
        evidence = _evidence(table, row_index, amount_column, unit)
        if evidence is None:
            continue
        budget, actual = (evidence, None) if amount_kind == "budget" else (None, evidence)
        facts.append(
            ProjectFact(
                name, None, budget, actual, table.cell_locator(row_index, name_column), evidence.source_text, "table"
            )
        )
    return facts + _funding_columns_left_out(table, labels, header_rows, amount_column)


def _funding_columns_left_out(table: Table, labels: list[str], header_rows: int, amount_column: int) -> list[Fact]:
    """A project list's other amount columns (资金来源 breakdowns) are not modelled: say so once each."""
    issues: list[Fact] = []
    for column in range(amount_column + 1, len(labels)):
        rows = [row for row in table.rows[header_rows:] if column < len(row) and parse_amount(row[column])]
        if rows:
            issues.append(
                IssueFact(
                    "column_not_extracted",
                    f"project amounts under '{labels[column]}' (a funding-source breakdown) were left out; "
                    "the project's total is kept",
                    table.cell_locator(header_rows, column),
                    "\t".join(clean_cell(cell) for cell in rows[0]).strip(),
                )
            )
    return issues
