"""Static charts of an agency page: SVG written by hand, a few milliseconds a chart.

Two kinds only — grouped horizontal bars (budget against actual by functional class) and lines over the
fiscal years (the 三公 series) — so a plotting library is not worth its cost: rendering them with
matplotlib took a quarter of a second per agency, forty minutes of a build at ten thousand agencies.

Text stays text (``<text>`` elements, XML-escaped: labels come from the documents) in a font-family list
with CJK fonts first and ``sans-serif`` last, so the reader's browser draws the Chinese with whatever CJK
font it has and the build needs no font at all. The layout estimates a label's width by its characters
(a CJK character about 1 em, others about 0.55 em) and sizes the margins from it. Amounts arrive in 元
and are drawn in 万元; ``None`` is no figure (no bar, no point), not zero; negative amounts extend left of
(or below) the zero line. Coordinates are printed at a fixed precision and nothing depends on the input's
order, so the same figures give the same bytes and an unchanged agency keeps its files.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from xml.sax.saxutils import escape

FONT_FAMILY = (
    "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',"
    "'Hiragino Sans GB','SimHei',sans-serif"
)
BUDGET_COLOUR, ACTUAL_COLOUR = "#8fb3d9", "#d9822b"
SERIES_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
TEXT_COLOUR, GRID_COLOUR, AXIS_COLOUR = "#222", "#e3e3e3", "#888"
FONT_SIZE, TITLE_SIZE = 12, 14
MAX_LABEL_EM = 26  # a longer functional-class label is cut with "…" (the whole label stays in a tooltip)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimated drawn width: wide and ambiguous (CJK, full-width punctuation, “ ” ·) 1 em, others 0.55 em."""
    return size * sum(1.0 if unicodedata.east_asian_width(char) in "WFA" else 0.55 for char in text)


def _shorten(text: str, em: float) -> str:
    if text_width(text, 1) <= em:
        return text
    while text and text_width(text + "…", 1) > em:
        text = text[:-1]
    return text + "…"


def _clean(text: object) -> str:
    """Text for the SVG: characters XML cannot hold (control characters from a document) dropped."""
    return _NOT_XML.sub("", "" if text is None else str(text))


def _attr(text: str) -> str:
    return escape(_clean(text), {'"': "&quot;"})


def _n(value: float) -> str:
    """A coordinate at fixed precision, never "-0.0"."""
    return f"{round(value, 1) + 0.0:.1f}"


def _wan(value) -> float | None:
    """元 to 万元, exactly until the float (a Decimal from the marts, an int or a string in tests)."""
    return None if value is None else float(Decimal(str(value)) / Decimal(10000))


def nice_ticks(low: float, high: float, target: int = 5) -> tuple[list[float], int]:
    """Ticks at a step of 1, 2 or 5 × 10^k spanning [low, high] and zero, and the decimals to print them with."""
    low, high = min(low, 0.0), max(high, 0.0)
    span = high - low or abs(high) or 1.0
    raw = span / target
    exponent = math.floor(math.log10(raw))
    step = next(factor for factor in (1, 2, 5, 10) if raw <= factor * 10**exponent * (1 + 1e-9)) * 10.0**exponent
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    if last <= first:
        last = first + 1
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return [k * step for k in range(first, last + 1)], decimals


def _amount(value: float, decimals: int) -> str:
    """万元 with thousands separators at fixed decimals, never "-0"."""
    text = f"{value:,.{decimals}f}"
    return text.removeprefix("-") if text.strip("-0.,") == "" else text


class _Svg:
    """The parts of one SVG document, in drawing order."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def rect(self, x: float, y: float, width: float, height: float, fill: str, kind: str, tooltip: str) -> None:
        self.parts.append(
            f'<rect class="{kind}" x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}" '
            f'fill="{fill}"><title>{_attr(tooltip)}</title></rect>'
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> None:
        self.parts.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}"{extra}/>')

    def text(
        self, x: float, y: float, text: str, anchor: str = "start", size: int = FONT_SIZE, extra: str = ""
    ) -> None:
        size_attr = "" if size == FONT_SIZE else f' font-size="{size}"'
        anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
        self.parts.append(f'<text x="{_n(x)}" y="{_n(y)}"{anchor_attr}{size_attr}{extra}>{_attr(text)}</text>')

    def document(self, width: float, height: float, title: str) -> str:
        width, height = math.ceil(width), math.ceil(height)
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" '
            f'fill="{TEXT_COLOUR}"><title>{_attr(title)}</title>'
            f'<rect width="{width}" height="{height}" fill="#fff"/>' + "\n".join(self.parts) + "</svg>\n"
        )


def _legend(svg: _Svg, x: float, y: float, right: float, items: list[tuple[str, str]]) -> float:
    """Legend entries (label, swatch markup at 0,0) from ``x``, wrapping before ``right``; returns the next y."""
    left = x
    for label, swatch in items:
        width = 28 + text_width(label) + 16
        if x > left and x + width > right:
            x, y = left, y + 18
        svg.parts.append(f'<g transform="translate({_n(x)},{_n(y)})">{swatch}</g>')
        svg.text(x + 28, y + 4, label)
        x += width
    return y + 18


def _x_axis(svg: _Svg, ticks, decimals: int, scale, top: float, bottom: float) -> None:
    for tick in ticks:
        x = scale(tick)
        svg.line(x, top, x, bottom, AXIS_COLOUR if tick == 0 else GRID_COLOUR)
        svg.text(x, bottom + 15, _amount(tick, decimals), "middle")


def budget_actual_bars(title: str, lines: Iterable[Mapping]) -> str:
    """Grouped horizontal bars, budget against actual (万元), one pair per line ({label, budget, actual})."""
    lines = list(lines)
    labels = [_clean(line.get("label")) for line in lines]
    shown = [_shorten(label, MAX_LABEL_EM) for label in labels]
    pairs = [(_wan(line.get("budget")), _wan(line.get("actual"))) for line in lines]
    figures = [value for pair in pairs for value in pair if value is not None]
    ticks, decimals = nice_ticks(min(figures, default=0.0), max(figures, default=0.0))
    left = 16 + max((text_width(label) for label in shown), default=0.0)
    right_margin = 16 + text_width(_amount(ticks[-1], decimals)) / 2
    width = max(720.0, left + 360 + right_margin)
    plot_left, plot_right = left, width - right_margin
    svg = _Svg()
    svg.text(width / 2, 22, title, "middle", TITLE_SIZE, ' font-weight="bold"')
    top = _legend(
        svg,
        plot_left,
        42,
        plot_right,
        [
            ("预算 budget", f'<rect x="0" y="-6" width="20" height="10" fill="{BUDGET_COLOUR}"/>'),
            ("决算 actual", f'<rect x="0" y="-6" width="20" height="10" fill="{ACTUAL_COLOUR}"/>'),
        ],
    )
    band, bar = 30.0, 11.0
    bottom = top + band * max(len(lines), 1)

    def scale(value: float) -> float:
        return plot_left + (value - ticks[0]) / (ticks[-1] - ticks[0]) * (plot_right - plot_left)

    _x_axis(svg, ticks, decimals, scale, top, bottom)
    zero = scale(0.0)
    for index, (label, short, (budget, actual)) in enumerate(zip(labels, shown, pairs, strict=True)):
        y = top + index * band + (band - 2 * bar) / 2
        tooltip = f"<title>{_attr(label)}</title>" if short != label else ""
        svg.parts.append(
            f'<text x="{_n(plot_left - 8)}" y="{_n(y + bar + 4)}" text-anchor="end">{tooltip}{_attr(short)}</text>'
        )
        for offset, value, kind, colour in (
            (0, budget, "budget", BUDGET_COLOUR),
            (bar, actual, "actual", ACTUAL_COLOUR),
        ):
            if value is None:
                continue
            end = scale(value)
            side = "预算" if kind == "budget" else "决算"
            svg.rect(
                min(zero, end),
                y + offset,
                abs(end - zero),
                bar,
                colour,
                kind,
                f"{label} {side} {_amount(value, 2)} 万元",
            )
    svg.line(zero, top, zero, bottom, AXIS_COLOUR)
    svg.text(plot_right, bottom + 32, "万元", "end")
    return svg.document(width, bottom + 42, title)


def _category(name: str) -> str:
    return name.removesuffix("预算").removesuffix("决算").strip()


def _series_order(name: str) -> tuple[str, bool, str]:
    """By category, then the budget (预算) before the actual (决算)."""
    return _category(name), "决算" in name, name


def _series_colours(names: list[str]) -> dict[str, str]:
    """One colour per category: a category's budget (预算) and actual (决算) lines share it."""
    categories = list(dict.fromkeys(_category(name) for name in names))
    return {name: SERIES_COLOURS[categories.index(_category(name)) % len(SERIES_COLOURS)] for name in names}


def trend_lines(title: str, series: Mapping[str, Mapping[int, object]]) -> str:
    """One line per series name over fiscal years ({name: {year: yuan}}), amounts in 万元; 决算 lines dashed.

    Series are drawn by category, 预算 before 决算, whatever the mapping's order (which follows the order
    the marts' rows were read in), so the same figures give the same file."""
    names = sorted(series, key=_series_order)
    points = {name: {int(year): _wan(value) for year, value in series[name].items()} for name in names}
    years = sorted({year for values in points.values() for year in values})
    figures = [value for values in points.values() for value in values.values() if value is not None]
    ticks, decimals = nice_ticks(min(figures, default=0.0), max(figures, default=0.0))
    width = 720.0
    plot_left = 16 + max(text_width("万元"), *(text_width(_amount(tick, decimals)) for tick in ticks))
    plot_right = width - 24
    colours = _series_colours(names)
    svg = _Svg()
    svg.text(width / 2, 22, title, "middle", TITLE_SIZE, ' font-weight="bold"')
    legend = []
    for name in names:
        dash = ' stroke-dasharray="5 3"' if "决算" in name else ""
        legend.append(
            (name, f'<line x1="0" y1="0" x2="22" y2="0" stroke="{colours[name]}" stroke-width="2"{dash}/>'
                   f'<circle cx="11" cy="0" r="3" fill="{colours[name]}"/>')
        )  # fmt: skip
    top = _legend(svg, plot_left, 42, plot_right, legend) + 12
    bottom = top + 200.0
    svg.text(plot_left - 8, top - 10, "万元", "end")

    def y_of(value: float) -> float:
        return bottom - (value - ticks[0]) / (ticks[-1] - ticks[0]) * (bottom - top)

    pad = 40.0
    span = (years[-1] - years[0]) if years else 0

    def x_of(year: int) -> float:
        if span == 0:
            return (plot_left + plot_right) / 2
        return plot_left + pad + (year - years[0]) / span * (plot_right - plot_left - 2 * pad)

    for tick in ticks:
        svg.line(plot_left, y_of(tick), plot_right, y_of(tick), AXIS_COLOUR if tick == 0 else GRID_COLOUR)
        svg.text(plot_left - 6, y_of(tick) + 4, _amount(tick, decimals), "end")
    for year in years:
        svg.line(x_of(year), bottom, x_of(year), bottom + 4, AXIS_COLOUR)
        svg.text(x_of(year), bottom + 18, str(year), "middle")
    svg.line(plot_left, top, plot_left, bottom, AXIS_COLOUR)
    for name in names:
        colour, dash = colours[name], ' stroke-dasharray="5 3"' if "决算" in name else ""
        runs: list[list[tuple[float, float]]] = [[]]
        for year in years:
            if year not in points[name]:
                continue
            value = points[name][year]
            if value is None:  # no figure that year: the line breaks
                runs.append([])
                continue
            runs[-1].append((x_of(year), y_of(value)))
        for run in runs:
            if len(run) > 1:
                path = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
                svg.parts.append(
                    f'<polyline class="series" points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
                )
        for year in years:
            value = points[name].get(year)
            if value is not None:
                svg.parts.append(
                    f'<circle class="point" cx="{_n(x_of(year))}" cy="{_n(y_of(value))}" r="3" fill="{colour}">'
                    f"<title>{_attr(name)} {year}: {_amount(value, 2)} 万元</title></circle>"
                )
    return svg.document(width, bottom + 30, title)
