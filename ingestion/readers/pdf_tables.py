"""Ruled tables on one page → clean grids of cell texts with their column geometry.

pdfplumber's table finder finds the cells, from rulings PDFium read (``explicit`` strategy) or, on
rotated pages, from pdfminer's own objects (``lines`` strategy); everything else is decided here:

* only *visible* rulings reach the finder (see :mod:`~ingestion.readers.pdf_rulings` and
  :func:`~ingestion.readers.pdf_miner.visible_page`): Word paints a white rectangle a few points
  inside every cell, which taken as edges split 015's 6-column table into 18 columns;
* cell text is rebuilt from :class:`Glyph` objects with the same line logic as running text, then
  wrapped lines are joined and spaced-out characters closed up (``clean_cell``);
* merged cells become ``""`` in the columns they cover, so every row has one cell per column;
* rows inside the grid that are one cell spanning the full width *above* the header (a title or
  "单位：万元" drawn inside the border) are returned as captions, and below the body as notes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

import pdfplumber.page

from ingestion.document import Box
from ingestion.readers.pdf_lines import Glyph, glyph_box, glyph_text, group_lines
from ingestion.readers.textclean import clean_cell, clean_line

RULED_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass
class PageTable:
    """One table found on a page: its box, column boundaries (``len(rows[0]) + 1`` of them) and rows.

    ``cell_boxes`` is parallel to ``rows``: the box around each cell's printed characters (``None`` for
    a blank cell).
    """

    x0: float
    top: float
    x1: float
    bottom: float
    edges: tuple[float, ...]
    rows: list[list[str]]
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ruled: bool = True
    cell_boxes: list[list[Box | None]] = field(default_factory=list)

    @property
    def column_count(self) -> int:
        return len(self.edges) - 1


def ruled_tables(page: pdfplumber.page.Page, glyphs: list[Glyph]) -> tuple[list[PageTable], set[int]]:
    """Tables drawn with rulings, and the ids of the glyphs they consumed (so text is not doubled)."""
    return _grids(page.find_tables(RULED_SETTINGS), glyphs)


def tables_from_edges(
    page: pdfplumber.page.Page, edges: list[dict], glyphs: list[Glyph]
) -> tuple[list[PageTable], set[int]]:
    """The same, with the rulings supplied (read by PDFium) instead of parsed again by pdfminer.

    pdfplumber's ``explicit`` strategy runs exactly the snapping, joining and cell grouping of the
    ``lines`` strategy on the edges it is given, and never parses the page's content stream.
    """
    vertical = [edge for edge in edges if edge["orientation"] == "v"]
    horizontal = [edge for edge in edges if edge["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return [], set()
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical,
        "explicit_horizontal_lines": horizontal,
    }
    return _grids(page.find_tables(settings), glyphs)


def _grids(found_tables: list, glyphs: list[Glyph]) -> tuple[list[PageTable], set[int]]:
    tables, used = [], set()
    for found in found_tables:
        table, consumed = _Grid(found).build(glyphs)
        if table is not None:
            tables.append(table)
            used |= consumed
    return tables, used


class _Grid:
    """A pdfplumber table's cells addressed by (row, first column, last column + 1)."""

    def __init__(self, found: pdfplumber.table.Table) -> None:
        self.x0, self.top, self.x1, self.bottom = found.bbox
        xs = sorted({cell[0] for cell in found.cells})
        self.edges = tuple(xs) + (self.x1,)
        self.rows = [row for row in found.rows if any(row.cells)]
        self.row_tops = [row.bbox[1] for row in self.rows]

    def build(self, glyphs: list[Glyph]) -> tuple[PageTable | None, set[int]]:
        cell_glyphs, used = self._assign(glyphs)
        if len(self.edges) < 3 or not used:
            return None, set()  # one column is a framed paragraph, not a table
        texts = [
            [self._cell_lines(cell_glyphs.get((r, c), [])) for c in range(self.columns)] for r in range(len(self.rows))
        ]
        spans = [self._spans(row) for row in self.rows]
        table = PageTable(self.x0, self.top, self.x1, self.bottom, self.edges, [])
        body = [(r, self._row_texts(texts[r])) for r in range(len(self.rows))]
        while body and self._is_spanning(spans[body[0][0]]):
            table.captions.extend(clean_line(line) for line in texts[body.pop(0)[0]][0])
        while body and self._is_spanning(spans[body[-1][0]]):
            table.notes[:0] = [clean_line(line) for line in texts[body.pop()[0]][0]]
        table.rows = [cells for _, cells in body]
        table.cell_boxes = [[glyph_box(cell_glyphs.get((r, c), [])) for c in range(self.columns)] for r, _ in body]
        return table, used

    @property
    def columns(self) -> int:
        return len(self.edges) - 1

    def _assign(self, glyphs: Iterable[Glyph]) -> tuple[dict[tuple[int, int], list[Glyph]], set[int]]:
        """Put each glyph whose centre lies in a cell into that cell (keyed by row and first column)."""
        cells: dict[tuple[int, int], list[Glyph]] = {}
        used: set[int] = set()
        for glyph in glyphs:
            x, y = glyph.centre_x, glyph.middle
            if not (self.x0 <= x < self.x1 and self.top <= y < self.bottom):
                continue
            key = self._cell_at(x, y)
            if key is not None:
                cells.setdefault(key, []).append(glyph)
                used.add(id(glyph))
        return cells, used

    def _cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The cell containing the point; a cell merged downwards is found in the row it starts in."""
        for r in range(bisect.bisect_right(self.row_tops, y) - 1, -1, -1):
            for c, box in enumerate(self.rows[r].cells):
                if box is not None and box[0] <= x < box[2] and box[1] <= y < box[3]:
                    return r, c
        return None

    @staticmethod
    def _cell_lines(glyphs: list[Glyph]) -> list[str]:
        return [glyph_text(line.glyphs) for line in group_lines(glyphs)]

    @staticmethod
    def _row_texts(cells: list[list[str]]) -> list[str]:
        return [clean_cell("\n".join(lines)) for lines in cells]

    def _spans(self, row: pdfplumber.table.Row) -> list[tuple[int, int]]:
        """(first, last + 1) column of every real cell in the row."""
        spans = []
        for c, box in enumerate(row.cells):
            if box is not None:
                end = min(range(len(self.edges)), key=lambda i: abs(self.edges[i] - box[2]))
                spans.append((c, max(end, c + 1)))
        return spans

    def _is_spanning(self, spans: list[tuple[int, int]]) -> bool:
        return len(spans) == 1 and spans[0] == (0, self.columns)
