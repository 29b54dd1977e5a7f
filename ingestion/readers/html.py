"""HTML page → :class:`~ingestion.document.Document`: text blocks and data tables in page order.

Government portals publish disclosures as pages, often in GB2312/GBK, often laid out with tables
nested in tables. So: the encoding comes from a BOM, then the ``<meta>`` charset, then UTF-8, then
detection among GB18030 (for GB2312/GBK too), Big5 and BOM-less UTF-16 (``ingestion.encodings``);
scripts, styles and hidden elements are dropped; a ``<table>`` that contains another table is layout
and is read as flowing content, while a table without nested tables is data and becomes a
:class:`~ingestion.document.Table`, with ``colspan``/``rowspan`` cells placed at their top-left
position and ``""`` in the cells they cover.
Running text is split into lines at block elements and ``<br>``.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment

from ingestion.document import Document, DocumentBuilder
from ingestion.encodings import decode
from ingestion.readers.textclean import clean_cell, clean_line

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_DROPPED = {"script", "style", "noscript", "template", "head", "iframe", "object", "svg", "select", "button"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MAX_SPAN = 200  # a colspan/rowspan beyond this is a typo, not a table 200 columns wide


def read_html(path: Path, sha256: str) -> Document:
    """Read an HTML page (any common Chinese encoding) into lines and tables."""
    path = Path(path)
    soup = BeautifulSoup(decode_html(path.read_bytes()), "lxml")
    builder = DocumentBuilder(path.name, "html", sha256)
    _Walker(builder).walk(soup.body or soup)
    return builder.build()


def decode_html(data: bytes) -> str:
    """Bytes → text: BOM, declared charset, UTF-8, then detection; never fails (undecodable → U+FFFD)."""
    return decode(data, declared=_declared_charset(data[:4096]))


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else None


class _Walker:
    """Depth-first walk that buffers inline text and flushes it as a line at every block boundary."""

    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self.buffer: list[str] = []

    def walk(self, root: Tag) -> None:
        self._visit(root)
        self._flush()

    def _visit(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child))
            elif isinstance(child, Tag):
                self._visit_tag(child)

    def _visit_tag(self, tag: Tag) -> None:
        name = tag.name.lower()
        if name in _DROPPED or _HIDDEN.search(tag.get("style", "")) or tag.has_attr("hidden"):
            return
        if name == "br":
            self._flush()
            return
        if name == "table" and tag.find("table") is None:
            self._flush()
            self.builder.add_table(table_grid(tag))
            return
        block = name in _BLOCKS
        if block:
            self._flush()
        self._visit(tag)
        if block:
            self._flush()

    def _flush(self) -> None:
        text = clean_line("".join(self.buffer))
        self.buffer = []
        if text:
            self.builder.add_line(text)


def table_grid(table: Tag) -> list[list[str]]:
    """Rows of cell texts with spans resolved: text at the top-left of a span, ``""`` where it extends."""
    grid: dict[tuple[int, int], str] = {}
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    for r, tr in enumerate(rows):
        column = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (r, column) in grid:
                column += 1
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, column + dc)] = ""
            grid[(r, column)] = clean_cell(_cell_text(cell))
            column += colspan
    if not grid:
        return []
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(height)]


def _span(cell: Tag, attribute: str) -> int:
    try:
        return min(max(int(str(cell.get(attribute, "1")).strip() or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


def _cell_text(cell: Tag) -> str:
    """A cell's text with a line break wherever the markup breaks a line (``<br>``, ``<p>``, ``<div>``)."""
    parts: list[str] = []
    for node in cell.descendants:
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            if not any(parent.name in _DROPPED for parent in node.parents if parent is not cell):
                parts.append(str(node))
        elif isinstance(node, Tag) and (node.name == "br" or node.name in _BLOCKS):
            parts.append("\n")
    return "".join(parts)
