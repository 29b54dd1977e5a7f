"""Characters with positions → text lines, the same way whichever PDF engine supplied the characters.

Both engines (pypdfium2 for prose pages, pdfplumber for pages with rulings) hand over
:class:`Glyph` objects, so reading order, spacing and de-duplication are decided in one place.
Lines are formed by vertical *overlap*, not by equal ``top``: producers such as ONLYOFFICE place
Latin digits ~5 pt lower than the Chinese around them, and a fixed tolerance would tear
"总计 2995.39 万元" into a line of words and a line of numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ingestion.document import Box
from ingestion.readers.textclean import clean_line

# A gap wider than this share of the font size is a space between words.
SPACE_GAP_EM = 0.3
# A gap wider than this separates two cells of a table printed without rulings.
CELL_GAP_EM = 1.2
_LINE_OVERLAP = 0.5
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?[-—–\s]*$")


@dataclass(frozen=True, slots=True)
class Glyph:
    """One printed character; coordinates in points, ``top`` measured down from the page top."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class GlyphLine:
    """Glyphs that share a baseline band, left to right."""

    glyphs: list[Glyph] = field(default_factory=list)
    core_top: float = 0.0
    core_bottom: float = 0.0

    @property
    def top(self) -> float:
        return min(glyph.top for glyph in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(glyph.bottom for glyph in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return max(glyph.x1 for glyph in self.glyphs)

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    def text(self) -> str:
        return clean_line(glyph_text(self.glyphs))

    def segments(self) -> list[list[Glyph]]:
        """Runs of glyphs separated by gaps wide enough to be table columns."""
        runs: list[list[Glyph]] = [[self.glyphs[0]]]
        for previous, glyph in pairwise(self.glyphs):
            if glyph.x0 - previous.x1 > CELL_GAP_EM * _em(previous, glyph):
                runs.append([])
            runs[-1].append(glyph)
        return runs


def _em(a: Glyph, b: Glyph) -> float:
    size = min(a.size, b.size) or min(a.bottom - a.top, b.bottom - b.top)
    return max(size, 1.0)


def group_lines(glyphs: list[Glyph]) -> list[GlyphLine]:
    """Cluster glyphs into lines, top to bottom, each sorted left to right.

    A glyph joins the open line whose *core* (the band of the first glyph placed on it) it overlaps by
    at least half of the smaller height; only the last few lines can qualify, which keeps this linear.
    """
    lines: list[GlyphLine] = []
    for glyph in sorted((g for g in glyphs if g.text.strip()), key=lambda g: (g.middle, g.x0)):
        line = _best_line(lines[-4:], glyph)
        if line is None:
            line = GlyphLine(core_top=glyph.top, core_bottom=glyph.bottom)
            lines.append(line)
        line.glyphs.append(glyph)
    for line in lines:
        line.glyphs = _dedupe(sorted(line.glyphs, key=lambda g: g.x0))
    return sorted(lines, key=lambda line: (line.core_top, line.x0))


def _best_line(candidates: list[GlyphLine], glyph: Glyph) -> GlyphLine | None:
    best, best_share = None, _LINE_OVERLAP
    for line in candidates:
        overlap = min(line.core_bottom, glyph.bottom) - max(line.core_top, glyph.top)
        height = min(line.core_bottom - line.core_top, glyph.bottom - glyph.top) or 1.0
        if overlap / height >= best_share:
            best, best_share = line, overlap / height
    return best


def _dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop the second copy of a character printed twice at almost the same place (fake bold)."""
    kept: list[Glyph] = []
    for glyph in glyphs:
        if kept and glyph.text == kept[-1].text and glyph.x0 - kept[-1].x0 < 0.4 * (glyph.x1 - glyph.x0):
            continue
        kept.append(glyph)
    return kept


def glyph_box(glyphs: list[Glyph]) -> Box | None:
    """The box around the printed glyphs (blank ones ignored), ``None`` when nothing is printed."""
    printed = [glyph for glyph in glyphs if glyph.text.strip()]
    if not printed:
        return None
    return (
        min(glyph.x0 for glyph in printed),
        min(glyph.top for glyph in printed),
        max(glyph.x1 for glyph in printed),
        max(glyph.bottom for glyph in printed),
    )


def glyph_text(glyphs: list[Glyph]) -> str:
    """Concatenate glyphs of one line, with a single space wherever the gap is a word gap."""
    parts: list[str] = []
    previous: Glyph | None = None
    for glyph in glyphs:
        if previous is not None and glyph.x0 - previous.x1 > SPACE_GAP_EM * _em(previous, glyph):
            parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    return "".join(parts)


def is_page_number(text: str) -> bool:
    """Page furniture ("13", "- 13 -", "第 3 页"): dropped so a table can continue across the break."""
    return bool(_PAGE_NUMBER.match(text))
