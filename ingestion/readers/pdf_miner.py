"""pdfminer (through pdfplumber) as the second source of characters and page objects.

PDFium reads most pages. pdfminer is used where PDFium cannot be trusted: the characters of pages
set in fonts the file does not embed, and rotated pages, whose /Rotate pdfplumber applies. This
module turns pdfminer's output into the same :class:`~ingestion.readers.pdf_lines.Glyph` objects,
in the same crop-box frame, so everything downstream is engine-agnostic.
"""

from __future__ import annotations

from collections.abc import Iterator

import pdfplumber.page
from pdfminer.layout import LTChar, LTContainer, LTPage

from ingestion.readers.pdf_lines import Glyph
from ingestion.readers.pdf_scan import PageScan

_WHITE_LEVEL = 0.95


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
