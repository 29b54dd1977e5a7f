"""Word (.docx) → :class:`~ingestion.document.Document`: paragraphs and tables in body order.

python-docx lists paragraphs and tables separately; here the body's XML children are walked in
order (descending into content controls, which wrap tables of contents and sometimes whole tables),
so a table stays between the paragraphs that introduce and explain it. Merged cells follow the PDF
convention: the text sits in the first row and column of the merge and the cells it covers are
``""`` (python-docx repeats a merged cell once per grid column and row it spans). A .docx has no
pages, so locators carry line and table numbers only.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from lxml import etree

from ingestion.document import Document, DocumentBuilder
from ingestion.errors import CorruptDocument
from ingestion.readers.textclean import clean_cell, clean_line


def read_docx(path: Path, sha256: str) -> Document:
    """Read a .docx; a damaged package is rejected with :class:`~ingestion.errors.CorruptDocument`."""
    path = Path(path)
    try:
        word = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as error:
        raise CorruptDocument(
            path.name,
            f"not a readable Word file ({type(error).__name__}: {error}); open it in Word or WPS, save it "
            "again as .docx (or export it to PDF) and add the new file.",
        ) from error
    builder = DocumentBuilder(path.name, "docx", sha256)
    for item in _body_items(word.element.body, word):
        if isinstance(item, Paragraph):
            for line in item.text.split("\n"):
                builder.add_line(clean_line(line))
        else:
            builder.add_table(table_rows(item))
    return builder.build()


def _body_items(parent, word: DocxDocument) -> Iterator[Paragraph | DocxTable]:
    """Paragraphs and tables in the order they appear, including those inside content controls."""
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, word)
        elif child.tag == qn("w:tbl"):
            yield DocxTable(child, word)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_items(content, word)


def table_rows(table: DocxTable) -> list[list[str]]:
    """The table as a grid of cleaned texts, each merged cell's text once, at its top-left position."""
    rows: list[list[str]] = []
    above: list = []
    for row in table.rows:
        cells = [None] * row.grid_cols_before + list(row.cells) + [None] * row.grid_cols_after
        elements = [cell._tc if cell is not None else None for cell in cells]
        texts = []
        for column, (cell, element) in enumerate(zip(cells, elements, strict=True)):
            repeated = element is not None and (
                (column > 0 and element is elements[column - 1]) or (column < len(above) and element is above[column])
            )
            texts.append("" if cell is None or repeated else clean_cell(cell.text))
        rows.append(texts)
        above = elements
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]
