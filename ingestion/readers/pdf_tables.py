"""Ruled tables on one page → clean grids of cell texts with their column geometry.

pdfplumber's table finder finds the cells, from rulings PDFium read (``explicit`` strategy) or, on
rotated pages, from pdfminer's own objects (``lines`` strategy); everything else is decided here:

* only *visible* rulings count. Word paints every cell with a white rectangle a few points inside
  its borders; taken as edges, those split each real column into three and each row into several
  (015 gave 18 columns for a 6-column table). Paint that cannot be seen is dropped before the
  table finder runs, and so is anything outside the page (WPS leaves whole tables off-page);
* cell text is rebuilt from :class:`Glyph` objects with the same line logic as running text, then
  wrapped lines are joined and spaced-out characters closed up (``clean_cell``);
* merged cells become ``""`` in the columns they cover, so every row has one cell per column;
* rows inside the grid that are one cell spanning the full width *above* the header (a title or
  "单位：万元" drawn inside the border) are returned as captions, and below the body as notes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pdfplumber.page
from pdfminer.layout import LTChar, LTContainer, LTPage

from ingestion.readers.pdf_lines import Glyph, glyph_text, group_lines
from ingestion.readers.pdf_scan import PageScan
from ingestion.readers.textclean import clean_cell, clean_line

RULED_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_WHITE_LEVEL = 0.95


@dataclass
class PageTable:
    """One table found on a page: its box, column boundaries (``len(rows[0]) + 1`` of them) and rows."""

    x0: float
    top: float
    x1: float
    bottom: float
    edges: tuple[float, ...]
    rows: list[list[str]]
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ruled: bool = True

    @property
    def column_count(self) -> int:
        return len(self.edges) - 1


def visible_page(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    """The page without invisible paint (white fills) and without objects lying outside its box."""
    x0, top, x1, bottom = page.bbox

    def keep(obj: dict) -> bool:
        if obj.get("x1", x0) < x0 or obj.get("x0", x1) > x1:
            return False
        if obj.get("bottom", top) < top or obj.get("top", bottom) > bottom:
            return False
        return obj.get("object_type") != "rect" or _paints_visibly(obj)

    return page.filter(keep)


def _paints_visibly(rect: dict) -> bool:
    stroke = rect.get("stroke") and not _is_white(rect.get("stroking_color"))
    fill = rect.get("fill") and not _is_white(rect.get("non_stroking_color"))
    return bool(stroke or fill)


def _is_white(color: object) -> bool:
    """Gray 1, RGB (1, 1, 1) or CMYK (0, 0, 0, 0); patterns and unknown spaces count as visible."""
    if color is None:
        return False
    values = color if isinstance(color, (tuple, list)) else (color,)
    try:
        values = tuple(float(value) for value in values)
    except (TypeError, ValueError):
        return False
    if len(values) in (1, 3):
        return min(values) >= _WHITE_LEVEL
    if len(values) == 4:
        return max(values) <= 1 - _WHITE_LEVEL
    return False


def plumber_glyphs(page: pdfplumber.page.Page) -> list[Glyph]:
    """pdfplumber's characters as :class:`Glyph` objects (already in page-top coordinates)."""
    return [
        Glyph(char["text"], char["x0"], char["x1"], char["top"], char["bottom"], char.get("size") or 0.0)
        for char in page.chars
    ]


def layout_glyphs(layout: LTPage, scan: PageScan) -> list[Glyph]:
    """pdfminer's characters straight from its layout, moved into the crop-box frame PDFium uses.

    Going through ``page.chars`` would also turn every rectangle and line into a dictionary, a third
    of the cost of a pdfminer read; only the characters are needed here. pdfminer shifts
    coordinates by the media box origin, which is added back before measuring from the crop box.
    """
    (crop_left, crop_top), (media_left, media_bottom) = scan.crop_origin, scan.media_origin
    dx, dy = media_left - crop_left, crop_top - media_bottom
    glyphs = []
    for char in _chars(layout):
        glyph = Glyph(char.get_text(), char.x0 + dx, char.x1 + dx, dy - char.y1, dy - char.y0, char.size)
        if 0 <= glyph.centre_x <= scan.width and 0 <= glyph.middle <= scan.height:
            glyphs.append(glyph)
    return glyphs


def _chars(container: LTContainer) -> Iterator[LTChar]:
    for item in container:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            yield from _chars(item)


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
            [self._cell_lines(cell_glyphs.get((r, c), [])) for c in range(self.columns)]
            for r in range(len(self.rows))
        ]
        spans = [self._spans(row) for row in self.rows]
        table = PageTable(self.x0, self.top, self.x1, self.bottom, self.edges, [])
        body = [(r, self._row_texts(texts[r])) for r in range(len(self.rows))]
        while body and self._is_spanning(spans[body[0][0]]):
            table.captions.extend(clean_line(line) for line in texts[body.pop(0)[0]][0])
        while body and self._is_spanning(spans[body[-1][0]]):
            table.notes[:0] = [clean_line(line) for line in texts[body.pop()[0]][0]]
        table.rows = [cells for _, cells in body]
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
