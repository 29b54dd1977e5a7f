"""The pass over each PDF page with pypdfium2: its rulings, its fonts, and (mostly) its characters.

pdfminer (under pdfplumber) spends ~90 % of a read interpreting content streams; PDFium does the same
work 10–25× faster. So every page is read here first: the visible rulings as edges for pdfplumber's
table finder (only pages with rulings both ways have a grid), and glyphs with positions for text
and cells, unless the page is rotated or set in a non-embedded CJK font, where pdfminer reads the
characters instead (see :attr:`PageScan.pdfium_text`).
"""

from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingestion.readers.pdf_lines import Glyph
from ingestion.readers.pdf_rulings import page_edges

# A grid of one row and two columns needs two horizontal and three vertical lines.
MIN_RULINGS_EACH_WAY = 2
_LONG = 10.0  # points: shorter rulings are glyph decoration, bullets, underline dashes
_ASCENT, _DESCENT = 0.88, 0.12  # share of the font size above and below the baseline
_LATIN_FONT = re.compile(
    r"times|arial|helvetica|courier|symbol|zapf|calibri|cambria|verdana|georgia|tahoma|wingdings|segoe|"
    r"garamond|century|consolas|trebuchet|franklin|book ?antiqua",
    re.IGNORECASE,
)


@dataclass
class PageScan:
    """What the first pass learnt about one page (1-based ``number``)."""

    number: int
    width: float
    height: float
    rotation: int
    crop_origin: tuple[float, float] = (0.0, 0.0)  # left and top of the crop box, in PDF user space
    media_origin: tuple[float, float] = (0.0, 0.0)  # left and bottom of the media box (pdfminer's origin)
    glyphs: list[Glyph] = field(default_factory=list)  # only when PDFium's text can be trusted
    edges: list[dict] = field(default_factory=list)  # visible rulings, as pdfplumber edge objects
    rulings: tuple[int, int] = (0, 0)
    unembedded_fonts: bool = False  # PDFium may drop one-character strings in such fonts

    @property
    def has_grid(self) -> bool:
        """Rulings both ways make a grid; underlined prose has only horizontal ones."""
        return min(self.rulings) >= MIN_RULINGS_EACH_WAY

    @property
    def pdfium_text(self) -> bool:
        """Whether this page's glyphs come from PDFium (else pdfminer reads them)."""
        return self.rotation == 0 and not self.unembedded_fonts


def scan_page(document: pdfium.PdfDocument, index: int) -> PageScan:
    """Rulings, fonts and (where PDFium reads the text reliably) glyphs of one page."""
    page = document[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        media_left, media_bottom, _, _ = page.get_mediabox()
        scan = PageScan(index + 1, right - left, top - bottom, page.get_rotation(), (left, top))
        scan.media_origin = (media_left, media_bottom)
        paths, texts = _paths_and_texts(page)
        scan.edges = page_edges(paths, left, top, scan.width, scan.height)
        scan.rulings = _count_rulings(scan.edges)
        scan.unembedded_fonts = _uses_unembedded_fonts(texts)
        if scan.pdfium_text:
            scan.glyphs = _glyphs(page, left, top, scan.width, scan.height)
        return scan
    finally:
        page.close()


def _paths_and_texts(page: pdfium.PdfPage) -> tuple[list[pdfium.PdfObject], list[pdfium.PdfObject]]:
    """The page's path and text objects, in page order, from one walk of its objects.

    Each walk wraps every object of the page in a Python object whatever the filter, which made the
    two walks (rulings, then fonts) a fifth of the time spent reading a PDF.
    """
    paths: list[pdfium.PdfObject] = []
    texts: list[pdfium.PdfObject] = []
    for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=4):
        (paths if item.type == pdfium_c.FPDF_PAGEOBJ_PATH else texts).append(item)
    return paths, texts


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


def _uses_unembedded_fonts(texts: Iterable[pdfium.PdfObject]) -> bool:
    """Whether any text on the page relies on a non-Latin font the file does not carry.

    PDFium cannot measure such glyphs, and with a non-embedded CID font (STSong-Light, SimSun) it
    drops strings of a single character from its text page: the "类" "款" "项" of a header row, a
    lone "-" in a blank cell. Table pages in such fonts are therefore read by pdfminer. Non-embedded
    Latin fonts (Times New Roman digits in Word files) are single-byte and read correctly.
    """
    for text in texts:
        font = pdfium_c.FPDFTextObj_GetFont(text.raw)
        if font and not pdfium_c.FPDFFont_GetIsEmbedded(font) and not _LATIN_FONT.search(_font_name(font)):
            return True
    return False


def _font_name(font) -> str:
    buffer = ctypes.create_string_buffer(256)
    length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
    return buffer.value.decode("latin-1") if length else ""


def _count_rulings(edges: list[dict]) -> tuple[int, int]:
    """Long horizontal and vertical rulings. Underlined prose has many of the first, none of the second."""
    horizontal = sum(1 for edge in edges if edge["orientation"] == "h" and edge["width"] >= _LONG)
    vertical = sum(1 for edge in edges if edge["orientation"] == "v" and edge["height"] >= _LONG)
    return horizontal, vertical
