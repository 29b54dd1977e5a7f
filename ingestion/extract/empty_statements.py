"""Sentences in which a disclosure says a table is empty or that it has no such funds.

A standard table with no figures is either missing or empty on purpose: 部门预算 templates require
every table to be published, and an agency without, say, 政府性基金 prints the table empty with a note
(注：本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表) or says so in prose
(2018 年本部门无国有资本经营预算收入). Each such line becomes an ``empty_table_statement`` issue with its
locator and text, so the completeness mart can tell "empty, and the document says why" from "missing".
The line is quoted, never interpreted further: it carries no amount.
"""

from __future__ import annotations

import re

from ingestion.document import Document
from ingestion.extract.facts import IssueFact

EMPTY_STATEMENT = re.compile(
    r"空表"
    r"|无[^。；;，,]{0,16}(?:政府性基金|国有资本经营|“?三公”?经费)[^。；;]{0,12}(?:收入|支出|收支|安排|预算|拨款)"
)

# Template instructions ("没有数据的表格也要列出空表并作出说明") tell the publisher what to do; they state nothing.
INSTRUCTION = re.compile(r"(?:要|应|须)[^。；;]{0,6}空表")


def extract_empty_statements(document: Document) -> list[IssueFact]:
    """One issue per text line or table row (notes are often a table's last row) that says so."""
    found: list[tuple] = [(line.locator, line.text) for line in document.text_lines()]
    for table in document.tables():
        found += [(table.cell_locator(index), table.row_text(index)) for index in range(len(table.rows))]
    return [
        IssueFact("empty_table_statement", "The document states that a table is empty or that it has no such funds.",
                  locator, text)
        for locator, text in found
        if EMPTY_STATEMENT.search(text) and not INSTRUCTION.search(text)
    ]  # fmt: skip
