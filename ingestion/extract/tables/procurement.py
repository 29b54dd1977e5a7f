"""政府采购预算表: the procurement total and its goods / works / services parts, as stated totals.

The table lists what will be bought (``采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 |
总计``); its ``合计`` row and its category rows (``一、货物A``, ``三、服务C``) state the procurement budget and
its parts, the same measures the prose states (``政府采购预算3.66万元``). The amount is the row's last
filled cell (the 总计 column). Item rows stay unmodelled (the table's ``table_not_modelled`` issue covers
them); a category row without an amount is not a zero.
"""

from __future__ import annotations

from ingestion.amounts import parse_amount
from ingestion.document import Table
from ingestion.extract.facts import Fact, TotalFact
from ingestion.extract.tables.context import TableContext, cell_evidence
from ingestion.extract.tables.layout import clean_cell
from ingestion.vocabulary.measures import TABLE_PROCUREMENT


def procurement_facts(table: Table, context: TableContext) -> list[Fact]:
    kind = "actual" if context.doc_kind == "final_account" else "budget"
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
            facts.append(TotalFact(evidence=evidence, measure=measure, amount_kind=kind, fund_source="all"))
    return facts
