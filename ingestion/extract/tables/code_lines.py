"""Subject-code lists printed as prose lines rather than as table rows.

Some disclosures (mostly Word exports) print a table as text, ``2210201   住房公积金   79.53万元``: each
such line is one table row, with the heading above it as the table's title.
"""

from __future__ import annotations

import re

from ingestion.amounts import parse_amount
from ingestion.document import Document
from ingestion.extract.facts import Evidence, Fact, LineItemFact
from ingestion.extract.tables.context import title_scope
from ingestion.extract.tables.layout import clean_cell
from ingestion.vocabulary.numerals import LIST_HEADING
from ingestion.vocabulary.subject_levels import CODE_LIST_LINE

_CODE_LINE = re.compile(CODE_LIST_LINE)
_HEADING = re.compile(rf"^{LIST_HEADING}")


def extract_code_lines(document: Document, *, doc_kind: str, default_unit: str) -> list[Fact]:
    """Code lists printed as prose lines, ``2210201   住房公积金   79.53万元``: one line = one table row."""
    facts: list[Fact] = []
    heading = ""
    kind = "actual" if doc_kind == "final_account" else "budget"
    for line in document.text_lines():
        text = clean_cell(line.text)
        if _HEADING.match(text):
            heading = text
        match = _CODE_LINE.match(text)
        if not match:
            continue
        code = match.group("code")
        amount = parse_amount(match.group("amount"))
        if amount is None or code[0] not in "235":
            continue
        evidence = Evidence(
            reported_amount=match.group("amount") + (match.group("unit") or ""),
            value=amount.value,
            reported_unit=match.group("unit") or default_unit,
            locator=line.locator,
            source_text=text,
            method="table",
        )
        facts.append(
            LineItemFact(
                evidence=evidence,
                functional_subject_code=code if code[0] == "2" else None,
                economic_subject_code=code if code[0] in "35" else None,
                subject_name=match.group("name").strip(),
                fund_source=title_scope(heading).fund_source or "all",
                amount_kind=kind,
                table_title=heading or None,
            )
        )
    return facts
