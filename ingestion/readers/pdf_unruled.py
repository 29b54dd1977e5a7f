"""Tables printed without rulings, recovered from the x-positions of the text.

A spreadsheet exported without borders, or a Word table with borders switched off, is only text
aligned in columns. pdfplumber's ``text`` strategy finds such "tables" in every justified paragraph,
so this module clusters instead: a line whose text splits at wide gaps (:data:`CELL_GAP_EM`) into
several runs is a candidate row; a block of consecutive candidate rows with at least two
amount-like runs is a table. Column bands are the union of the x-extents of the runs on the rows
that carry amounts (headers may span several columns, so they do not define bands); every run is
then placed in the band it overlaps most. A one-run line inside a block is its own row (a label
whose amounts are blank) unless it follows the row above closer than the usual row pitch, in which
case it is the second line of a wrapped cell and joins the cell above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ingestion.document import Box, union_box
from ingestion.readers.pdf_lines import Glyph, GlyphLine, glyph_box, glyph_text
from ingestion.readers.pdf_tables import PageTable
from ingestion.readers.textclean import clean_cell, nfkc

_NUMERIC_RUN = re.compile(r"^[-+(]?[\d,.]+%?\)?$|^[-—–]{1,2}$")
_AMOUNT_LIKE = re.compile(r"\d{3,}|\d[.,]\d")
_UNIT_LINE = re.compile(r"单\s*位\s*[:：]")
_MAX_LINE_GAP = 2.5  # line heights: a wider vertical gap ends a block
_BAND_TOLERANCE = 2.0
_WRAP_SHARE = 0.75  # a line closer than this share of the row pitch continues the cell above


@dataclass
class _Row:
    line: GlyphLine
    runs: list[list[Glyph]]

    @property
    def texts(self) -> list[str]:
        return [nfkc(glyph_text(run)) for run in self.runs]

    @property
    def has_amount(self) -> bool:
        return any(_NUMERIC_RUN.match(t) and _AMOUNT_LIKE.search(t) for t in self.texts)

    @property
    def is_candidate(self) -> bool:
        return len(self.runs) >= 2 and not _UNIT_LINE.search(" ".join(self.texts))


def unruled_tables(lines: list[GlyphLine]) -> tuple[list[PageTable], list[GlyphLine]]:
    """Split a page's lines into tables without rulings and the lines that remain running text."""
    rows = [_Row(line, line.segments()) for line in lines]
    tables: list[PageTable] = []
    remaining: list[GlyphLine] = []
    index = 0
    while index < len(rows):
        end = _block_end(rows, index)
        block = rows[index:end]
        if end > index and sum(row.has_amount for row in block) >= 2:
            tables.append(_table(block))
            index = end
        else:
            remaining.append(rows[index].line)
            index += 1
    return tables, remaining


def _block_end(rows: list[_Row], start: int) -> int:
    """One past the last row of the block of candidate rows starting at ``start`` (``start`` if none).

    Single-run lines may sit inside a block (a label whose amounts are blank, or the second line of a
    wrapped cell) but never start or end one, so prose before and after a table stays prose.
    """
    if not rows[start].is_candidate:
        return start
    end = start + 1
    while end < len(rows):
        row, previous = rows[end], rows[end - 1]
        if _gap(previous, row) > _MAX_LINE_GAP * (previous.line.bottom - previous.line.top):
            break
        if not row.is_candidate and len(row.runs) > 1:
            break  # a unit line or other multi-run text that is not a row
        end += 1
    while end > start + 1 and not rows[end - 1].is_candidate:
        end -= 1
    return end


def _gap(upper: _Row, lower: _Row) -> float:
    return lower.line.top - upper.line.bottom


def _row_pitch(block: list[_Row]) -> float:
    """Median distance between the tops of consecutive candidate rows: the printed row height."""
    tops = [row.line.top for row in block if row.is_candidate]
    steps = sorted(b - a for a, b in pairwise(tops))
    return steps[len(steps) // 2] if steps else 0.0


def _table(block: list[_Row]) -> PageTable:
    bands = _bands([row for row in block if row.has_amount])
    pitch = _row_pitch(block)
    grid: list[list[list[str]]] = []
    boxes: list[list[Box | None]] = []
    previous_top = None
    for row in block:
        wrapped = previous_top is not None and row.line.top - previous_top < _WRAP_SHARE * pitch
        previous_top = row.line.top
        if not row.is_candidate and wrapped and grid:
            band = _append_wrapped(grid[-1], row, bands)
            boxes[-1][band] = union_box([boxes[-1][band], glyph_box(row.runs[0])])
            continue
        cells: list[list[str]] = [[] for _ in bands]
        cell_boxes: list[Box | None] = [None] * len(bands)
        for run, text in zip(row.runs, row.texts, strict=True):
            band = _band_of(run, bands)
            cells[band].append(text)
            cell_boxes[band] = union_box([cell_boxes[band], glyph_box(run)])
        grid.append(cells)
        boxes.append(cell_boxes)
    lines = [row.line for row in block]
    edges = tuple(band[0] for band in bands) + (bands[-1][1],)
    rows = [[clean_cell(" ".join(cell)) for cell in cells] for cells in grid]
    top, bottom = min(line.top for line in lines), max(line.bottom for line in lines)
    return PageTable(edges[0], top, edges[-1], bottom, edges, rows, ruled=False, cell_boxes=boxes)


def _append_wrapped(cells: list[list[str]], row: _Row, bands: list[tuple[float, float]]) -> int:
    """Join the line to the cell above in its band; returns the band."""
    band = _band_of(row.runs[0], bands)
    if cells[band]:
        cells[band][-1] += "\n" + row.texts[0]
    else:
        cells[band].append(row.texts[0])
    return band


def _bands(rows: list[_Row]) -> list[tuple[float, float]]:
    """Column bands: the union of overlapping run extents on the rows that carry amounts."""
    extents = sorted((run[0].x0, max(g.x1 for g in run)) for row in rows for run in row.runs)
    bands: list[list[float]] = []
    for x0, x1 in extents:
        if bands and x0 <= bands[-1][1] + _BAND_TOLERANCE:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    return [(x0, x1) for x0, x1 in bands]


def _band_of(run: list[Glyph], bands: list[tuple[float, float]]) -> int:
    """The band the run overlaps most; a run left of all bands goes to the first."""
    x0, x1 = run[0].x0, max(g.x1 for g in run)
    overlaps = [min(x1, b1) - max(x0, b0) for b0, b1 in bands]
    best = max(range(len(bands)), key=lambda i: overlaps[i])
    if overlaps[best] > 0:
        return best
    centre = (x0 + x1) / 2
    return min(range(len(bands)), key=lambda i: abs((bands[i][0] + bands[i][1]) / 2 - centre))
