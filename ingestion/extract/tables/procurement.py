"""政府采购预算表: the procurement total, its goods / works / services parts, and the lines under them.

The table lists what will be bought (``采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 |
总计``). Its ``合计`` row and its kind rows (``一、货物A``, ``三、服务C``) state the procurement budget and its
parts, the same measures the prose states (``政府采购预算3.66万元``): stated totals, the amount being the
row's last filled cell. Under each kind, a row naming a 专项 and/or a 经济科目 states that project's
procurement under that economic subject (``line_level`` project), and the rows under it naming a
采购物品 state its items (``item``). Names printed once over several rows (merged cells) are carried down
to the rows they span; a line whose kind or project is not established is left to the table's
``amount_not_read`` issues, never guessed. A blank amount cell is not a zero.
"""

from __future__ import annotations

from ingestion.amounts import parse_amount
from ingestion.document import Table
from ingestion.extract.facts import Fact, ProcurementLineFact, TotalFact
from ingestion.extract.tables.context import TableContext, cell_evidence
from ingestion.extract.tables.layout import clean_cell
from ingestion.vocabulary.measures import TABLE_PROCUREMENT
from ingestion.vocabulary.procurement import REQUIRED_ROLES, column_roles, procurement_kind


def _kind(context: TableContext) -> str:
    return "actual" if context.doc_kind == "final_account" else "budget"


def procurement_facts(table: Table, context: TableContext) -> list[Fact]:
    """The 合计 and kind rows as stated totals (the first row of each measure)."""
    facts: list[Fact] = []
    seen: set[str] = set()
    for row_index, row in enumerate(table.rows):
        label = clean_cell(row[0]) if row else ""
        measure = next((name for pattern, name in TABLE_PROCUREMENT if pattern.match(label)), None)
        if measure is None or measure in seen:
            continue
        column = next((c for c in range(len(row) - 1, 0, -1) if parse_amount(clean_cell(row[c])) is not None), None)
        evidence = cell_evidence(table, row_index, column, context) if column is not None else None
        if evidence is not None:
            seen.add(measure)
            facts.append(TotalFact(evidence=evidence, measure=measure, amount_kind=_kind(context), fund_source="all"))
    return facts


def procurement_line_facts(
    table: Table, labels: list[str], header_rows: int, context: TableContext
) -> list[Fact] | None:
    """The project and item lines under each kind, or None when the header does not name the columns a
    line needs (kind, project, economic subject, item, amount): such a table stays not modelled."""
    roles = column_roles(labels)
    if not REQUIRED_ROLES <= roles.keys():
        return None
    facts: list[Fact] = []
    kind: str | None = None
    project = economic = item = None
    for row_index in range(header_rows, len(table.rows)):
        row = table.rows[row_index]
        cell = {role: clean_cell(row[column]) if column < len(row) else "" for role, column in roles.items()}
        if cell["kind"]:  # 合计 or a kind row: a stated total, and a new kind (or none) for what follows
            kind, project, economic, item = procurement_kind(cell["kind"]), None, None, None
            continue
        if kind is None:
            continue
        organisation = cell.get("organisation", "")
        if cell["project"] or cell["economic"]:
            project = cell["project"] or project
            economic, item, level = cell["economic"] or None, None, "project"
            if project is None:
                continue
        elif cell["item"] or (organisation and item is not None):
            item, level = cell["item"] or item, "item"  # an item printed over two 组织形式 rows: carried down
            if project is None:
                continue
        else:
            continue
        evidence = cell_evidence(table, row_index, roles["amount"], context)
        if evidence is None:
            continue
        facts.append(
            ProcurementLineFact(
                evidence,
                kind,
                level,
                project,
                economic,
                item if level == "item" else None,
                (organisation or None) if level == "item" else None,
                _kind(context),
                context.title,
            )
        )
    return facts
