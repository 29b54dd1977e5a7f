"""The cheap first pass over each PDF page with pypdfium2: its characters and whether it has rulings.

pdfminer (under pdfplumber) spends ~90 % of a read interpreting content streams; PDFium does the same
work 10–25× faster. So every page is scanned here first, and only pages that draw rulings (the lines
of a ruled table) or are rotated are handed to pdfplumber's table finder. Prose pages, and tables
printed without rulings, are read from these glyphs alone.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingestion.readers.pdf_lines import Glyph

# A grid of one row and two columns needs two horizontal and three vertical lines.
MIN_RULINGS_EACH_WAY = 2
_THIN = 3.0  # points: a path thinner than this in one direction draws a line
_LONG = 10.0  # points: shorter paths are glyph decoration, bullets, underline dashes
_ASCENT, _DESCENT = 0.88, 0.12  # share of the font size above and below the baseline


@dataclass
class PageScan:
    """What the first pass learnt about one page (1-based ``number``)."""

    number: int
    width: float
    height: float
    rotation: int
    glyphs: list[Glyph] = field(default_factory=list)
    rulings: tuple[int, int] = (0, 0)

    @property
    def needs_table_finder(self) -> bool:
        """Rulings both ways make a grid. Rotated pages go to pdfplumber too: it applies /Rotate."""
        return self.rotation != 0 or min(self.rulings) >= MIN_RULINGS_EACH_WAY


def scan_page(document: pdfium.PdfDocument, index: int) -> PageScan:
    """Glyphs (with tight boxes, page-top coordinates) and a count of visible rulings of one page."""
    page = document[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        scan = PageScan(index + 1, right - left, top - bottom, page.get_rotation())
        scan.glyphs = _glyphs(page, left, top, scan.width, scan.height)
        scan.rulings = _count_rulings(page)
        return scan
    finally:
        page.close()


def _glyphs(page: pdfium.PdfPage, left: float, top: float, width: float, height: float) -> list[Glyph]:
    textpage = page.get_textpage()
    try:
        glyphs = []
        count = textpage.count_chars()
        index = 0
        while index < count:
            text, used = _char_text(textpage, index, count)
            glyph = _glyph(textpage, index, text, left, top) if text else None
            if glyph and 0 <= glyph.centre_x <= width and 0 <= glyph.middle <= height:
                glyphs.append(glyph)  # drop text drawn outside the visible page (WPS leaves some)
            index += used
        return glyphs
    finally:
        textpage.close()


def _char_text(textpage: pdfium.PdfTextPage, index: int, count: int) -> tuple[str, int]:
    """The character at ``index`` ('' for characters PDFium generated itself), and how many it used."""
    if pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1:
        return "", 1
    code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
    if 0xD800 <= code < 0xDC00 and index + 1 < count:  # UTF-16 surrogate pair
        low = pdfium_c.FPDFText_GetUnicode(textpage.raw, index + 1)
        return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)), 2
    if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code < 0xE000:
        return "", 1
    return chr(code), 1


def _glyph(textpage: pdfium.PdfTextPage, index: int, text: str, left: float, top: float) -> Glyph:
    """Advance width from the loose box; height from the baseline and the effective font size.

    PDFium's boxes follow each glyph's outline (a flat "一" is 2 pt tall), which is useless for
    deciding which characters share a line; the baseline is shared exactly, whatever the font. The
    font size PDFium reports is the one set by ``Tf`` (WPS sets 360 and scales by 0.05), so it is
    multiplied by the vertical scale of the character's matrix.
    """
    x0, y0, x1, y1 = textpage.get_charbox(index, loose=True)
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage.raw, index, matrix)
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index) * math.hypot(matrix.b, matrix.d)
    if size < 1:
        size = y1 - y0
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, origin_x, origin_y)
    baseline = top - origin_y.value
    return Glyph(text, x0 - left, x1 - left, baseline - _ASCENT * size, baseline + _DESCENT * size, size)


def _count_rulings(page: pdfium.PdfPage) -> tuple[int, int]:
    """Visible horizontal and vertical table lines; a stroked outline (a cell, a whole grid) counts as both.

    Underlined prose draws many horizontal lines and no vertical ones, so it is not a table page.
    """
    horizontal = vertical = 0
    for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        try:
            x0, y0, x1, y1 = path.get_bounds()
        except pdfium.PdfiumError:
            continue
        width, height = x1 - x0, y1 - y0
        if max(width, height) < _LONG:
            continue
        stroked = _is_stroked(path)
        thin = min(width, height) <= _THIN
        if not (stroked or thin) or not _is_visible(path, stroked):
            continue
        horizontal += width >= _LONG and (height <= _THIN or not thin)
        vertical += height >= _LONG and (width <= _THIN or not thin)
    return horizontal, vertical


def _is_stroked(path: pdfium.PdfObject) -> bool:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path.raw, fill_mode, stroke):
        return True
    return bool(stroke.value)


def _is_visible(path: pdfium.PdfObject, stroked: bool) -> bool:
    """White paint on white paper draws nothing: Word fills every cell with a white rectangle."""
    read = pdfium_c.FPDFPageObj_GetStrokeColor if stroked else pdfium_c.FPDFPageObj_GetFillColor
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not read(path.raw, r, g, b, a):
        return True
    return a.value > 0 and min(r.value, g.value, b.value) < 242
