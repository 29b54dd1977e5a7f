"""Helpers shared by the table tests: facts of a whole sample, and one-table documents built in code."""

from ingestion.document import Document, DocumentBuilder
from ingestion.extract.facts import LineItemFact
from ingestion.extract.metadata import extract_metadata
from ingestion.extract.tables import document_unit, extract_code_lines, extract_tables


def sample_facts(document: Document):
    """All table and code-line facts of a document, read the way the pipeline reads them."""
    metadata = extract_metadata(document)
    unit = document_unit(document)
    facts = extract_tables(document, doc_kind=metadata.doc_kind, fiscal_year=metadata.fiscal_year, default_unit=unit)
    return facts + extract_code_lines(document, doc_kind=metadata.doc_kind, default_unit=unit)


def line_items(facts, **where):
    return [
        f
        for f in facts
        if isinstance(f, LineItemFact) and all(getattr(f, key) == value for key, value in where.items())
    ]


def table_document(title: str, rows: list[list[str]], unit_line: str = "单位：万元") -> Document:
    builder = DocumentBuilder("t.txt", "txt", "0" * 64)
    builder.add_line(title)
    builder.add_line(unit_line)
    builder.add_table(rows)
    builder.add_line("2021年部门预算")
    return builder.build()
