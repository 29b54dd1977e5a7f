"""Table rulings read with PDFium, as the edge objects pdfplumber's table finder works with.

pdfplumber finds a ruled table from the page's edges: it snaps and joins them, intersects them and
groups the cells. Getting those edges through pdfminer means interpreting the whole page (text
included), which is 90 % of the cost of a read. PDFium already has every path object; this module
turns their straight, axis-aligned segments into the same edge dictionaries (``x0``, ``x1``,
``top``, ``bottom``, ``orientation`` …), in page-top coordinates, and pdfplumber's finder then runs
unchanged through its public ``explicit`` strategy.

Only paint that can be seen counts: white fills (Word paints one behind every cell, a few points
inside its borders) and white strokes would otherwise split every column in three.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_AXIS = 0.5  # points: a segment this close to level is horizontal (or vertical)
_MIN_EDGE = 1.0  # points: shorter segments are dots, not rulings
_WHITE = 242  # 0–255 channel value from which paint counts as white
Point = tuple[float, float]


def page_edges(paths: Iterable[pdfium.PdfObject], left: float, top: float, width: float, height: float) -> list[dict]:
    """Visible horizontal and vertical segments of the page's path objects, clipped to its box."""
    edges: list[dict] = []
    box = (left, top, width, height)
    for path in paths:
        stroked = _is_stroked(path)
        if _is_visible(path, stroked):
            edges.extend(_path_edges(path, _page_matrix(path), box))
    return edges


def _page_matrix(obj: pdfium.PdfObject) -> pdfium.PdfMatrix:
    """The object's matrix composed with those of the form XObjects that contain it."""
    matrix = obj.get_matrix()
    container = obj.container
    while container is not None:
        matrix = matrix.multiply(container.get_matrix())
        container = container.container
    return matrix


def _path_edges(path: pdfium.PdfObject, matrix: pdfium.PdfMatrix, box: tuple[float, ...]) -> list[dict]:
    edges: list[dict] = []
    start = previous = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(path.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path.raw, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = _to_page(matrix.on_point(x.value, y.value), box)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or previous is None:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            _add_edge(edges, previous, point, box)
        previous = point  # a Bezier curve is three segments; only its end point matters
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            _add_edge(edges, previous, start, box)
            previous = start
    return edges


def _to_page(point: Point, box: tuple[float, ...]) -> Point:
    left, top, _, _ = box
    return point[0] - left, top - point[1]


def _add_edge(edges: list[dict], a: Point, b: Point, box: tuple[float, ...]) -> None:
    _, _, width, height = box
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    if x1 < 0 or x0 > width or y1 < 0 or y0 > height:
        return  # drawn outside the visible page
    if y1 - y0 <= _AXIS and x1 - x0 >= _MIN_EDGE:
        edges.append(_edge("h", max(x0, 0.0), min(x1, width), (y0 + y1) / 2, (y0 + y1) / 2))
    elif x1 - x0 <= _AXIS and y1 - y0 >= _MIN_EDGE:
        edges.append(_edge("v", (x0 + x1) / 2, (x0 + x1) / 2, max(y0, 0.0), min(y1, height)))


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {
        "object_type": "ruling_edge",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _is_stroked(path: pdfium.PdfObject) -> bool:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path.raw, fill_mode, stroke):
        return True
    return bool(stroke.value)


def _is_visible(path: pdfium.PdfObject, stroked: bool) -> bool:
    """White paint on white paper draws nothing."""
    read = pdfium_c.FPDFPageObj_GetStrokeColor if stroked else pdfium_c.FPDFPageObj_GetFillColor
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not read(path.raw, r, g, b, a):
        return True
    return a.value > 0 and min(r.value, g.value, b.value) < _WHITE
