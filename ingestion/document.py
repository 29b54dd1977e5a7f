"""The one document model every reader produces and every extractor consumes.

A disclosure, whatever its format, is an ordered list of blocks: text lines and tables. Each block,
row and cell carries a :class:`Locator` so that every amount the warehouse holds can be traced back
to the page, line, table row and column it was printed in. Readers never interpret numbers; they
only preserve text and position. Extractors never look at the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# A printed box in PDF points, (x0, top, x1, bottom), ``top``/``bottom`` measured down from the page top.
Box = tuple[float, float, float, float]


def union_box(boxes) -> Box | None:
    """The smallest box holding every given box (``None`` entries ignored; ``None`` if none is left)."""
    present = [box for box in boxes if box is not None]
    if not present:
        return None
    return (
        min(box[0] for box in present),
        min(box[1] for box in present),
        max(box[2] for box in present),
        max(box[3] for box in present),
    )


def format_box(box: Box | None) -> str | None:
    """The staging form of a box: ``"x0,top,x1,bottom"`` in points, two decimals."""
    return None if box is None else ",".join(f"{value:.2f}" for value in box)


def placement(locator: Locator | None) -> dict:
    """The staging columns ``source_page`` / ``source_bbox`` of a source; null where there is none."""
    if locator is None:
        return {"source_page": None, "source_bbox": None}
    return {"source_page": locator.page, "source_bbox": format_box(locator.bbox)}


def sourced(locator: Locator, text: str) -> dict:
    """The staging columns every printed statement carries: where it stands and what it says."""
    return {"source_locator": str(locator), "source_text": text, **placement(locator)}


@dataclass(frozen=True)
class Locator:
    """Where something was printed. All positions are 1-based; ``None`` means "not applicable".

    ``page`` is the physical page for paginated formats (PDF) and ``None`` for flowing text.
    ``line`` counts text lines within the page (or within the document when there are no pages).
    ``table``/``row``/``column`` address a table cell; ``table`` counts tables within the document.
    ``bbox`` is where the line or cell is printed on ``page`` (PDF only): it points a reviewer at the
    spot, but is not part of the locator's identity (equality, hashing, ``str``), which stays textual.
    """

    page: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    bbox: Box | None = field(default=None, compare=False)

    def cell(self, row: int, column: int | None = None) -> Locator:
        """The locator of a row (or a cell) of the table this locator points at (its box unknown)."""
        return replace(self, row=row, column=column, bbox=None)

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"p{self.page}")
        if self.line is not None:
            parts.append(f"l{self.line}")
        if self.table is not None:
            parts.append(f"t{self.table}")
        if self.row is not None:
            parts.append(f"r{self.row}")
        if self.column is not None:
            parts.append(f"c{self.column}")
        return " ".join(parts) or "document"


@dataclass(frozen=True)
class TextLine:
    """One line of running text (a paragraph, a heading, a caption)."""

    text: str
    locator: Locator


@dataclass(frozen=True)
class Table:
    """A table as printed: rows of cell texts, top to bottom, left to right.

    Cells are kept as plain strings (empty string for a blank cell) so that extractors can reason about
    columns; the locator of cell ``(r, c)`` is ``locator.cell(r + 1, c + 1)``.
    """

    rows: tuple[tuple[str, ...], ...]
    locator: Locator
    # Page of each row, for tables merged across a page break (None when the format has no pages).
    row_pages: tuple[int | None, ...] = ()
    # Printed box of each cell, parallel to ``rows`` (PDF only; empty or None where unknown).
    cell_boxes: tuple[tuple[Box | None, ...], ...] = field(default=(), compare=False)

    def cell_locator(self, row_index: int, column_index: int | None = None) -> Locator:
        """Locator of a 0-based row (and optionally column), keeping the page the row was printed on.

        Its box is the cell's box, or for a whole row the box around the row's printed cells.
        """
        page = self.row_pages[row_index] if row_index < len(self.row_pages) else self.locator.page
        column = None if column_index is None else column_index + 1
        return replace(
            self.locator, page=page, row=row_index + 1, column=column, bbox=self.cell_box(row_index, column_index)
        )

    def cell_box(self, row_index: int, column_index: int | None = None) -> Box | None:
        boxes = self.cell_boxes[row_index] if row_index < len(self.cell_boxes) else ()
        if column_index is None:
            return union_box(boxes)
        return boxes[column_index] if column_index < len(boxes) else None

    def row_text(self, row_index: int) -> str:
        """The row as one tab-separated snippet, the form stored as ``source_text``."""
        return "\t".join(self.rows[row_index]).strip()


Block = TextLine | Table


@dataclass
class Document:
    """A parsed disclosure: identity of the file plus its blocks in reading order."""

    source_file: str
    source_format: str
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    page_count: int | None = None

    @property
    def document_id(self) -> str:
        """Stable identity: the content hash, so a renamed copy is the same document."""
        return self.sha256[:16]

    def text_lines(self) -> list[TextLine]:
        return [block for block in self.blocks if isinstance(block, TextLine)]

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]


class DocumentBuilder:
    """The shared mechanism all readers use to emit blocks with consistent locators.

    A reader adapts its format (text file, PDF page, DOCX body, HTML DOM) to three calls:
    :meth:`new_page`, :meth:`add_line` and :meth:`add_table`. The builder numbers lines per page and
    tables per document, drops blank lines, and merges a table that continues on the next page.
    """

    def __init__(self, source_file: str, source_format: str, sha256: str) -> None:
        self.document = Document(source_file=source_file, source_format=source_format, sha256=sha256)
        self._page: int | None = None
        self._line = 0
        self._table = 0

    def new_page(self, page_number: int) -> None:
        self._page = page_number
        self._line = 0
        self.document.page_count = max(self.document.page_count or 0, page_number)

    def add_line(self, text: str, line_number: int | None = None, bbox: Box | None = None) -> None:
        """Add a text line; ``line_number`` overrides the running count (formats that know it)."""
        self._line = line_number if line_number is not None else self._line + 1
        cleaned = text.strip()
        if cleaned:
            locator = Locator(page=self._page, line=self._line, bbox=bbox)
            self.document.blocks.append(TextLine(cleaned, locator))

    def add_table(
        self,
        rows: list[list[str]],
        continues_previous: bool = False,
        line_number: int | None = None,
        cell_boxes: list[list[Box | None]] | None = None,
    ) -> None:
        """Append a table; with ``continues_previous`` its rows extend the last table instead.

        ``cell_boxes``, parallel to ``rows``, gives each cell's printed box (PDF readers).
        """
        boxes = cell_boxes or [[] for _ in rows]
        kept = [
            (tuple((cell or "").strip() for cell in row), tuple(row_boxes))
            for row, row_boxes in zip(rows, boxes, strict=True)
        ]
        kept = [(row, row_boxes) for row, row_boxes in kept if any(row)]
        if not kept:
            return
        cleaned = tuple(row for row, _ in kept)
        kept_boxes = tuple(row_boxes for _, row_boxes in kept)
        previous = self.document.blocks[-1] if self.document.blocks else None
        if continues_previous and isinstance(previous, Table):
            pages = previous.row_pages + (self._page,) * len(cleaned)
            previous_boxes = previous.cell_boxes or ((),) * len(previous.rows)
            merged = Table(previous.rows + cleaned, previous.locator, pages, previous_boxes + kept_boxes)
            self.document.blocks[-1] = merged
            return
        self._table += 1
        self._line = line_number if line_number is not None else self._line + 1
        locator = Locator(
            page=self._page, line=self._line, table=self._table, bbox=union_box(map(union_box, kept_boxes))
        )
        self.document.blocks.append(Table(cleaned, locator, (self._page,) * len(cleaned), kept_boxes))

    def build(self) -> Document:
        return self.document
