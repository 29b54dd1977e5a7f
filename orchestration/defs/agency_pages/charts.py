"""Static charts of an agency page (SVG, rendered at build time with matplotlib; nothing is fetched).

Labels are Chinese, so a CJK font is needed: the install step puts Debian's fonts-wqy-microhei in
place; any installed Noto/Source Han/WenQuanYi font works too. Without one the charts are still drawn,
with a warning (Chinese labels then show as boxes). Glyphs are embedded as paths in the SVG, so a page
reads the same on a machine without the font.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: files only

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

LOGGER = logging.getLogger(__name__)
CJK_FONT_FILES = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]
CJK_FONT_NAMES = [
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
]
BUDGET_COLOUR, ACTUAL_COLOUR = "#8fb3d9", "#d9822b"
_font_checked: str | None = None


def cjk_font() -> str | None:
    """The family name of an installed CJK font (registered with matplotlib), or None with a warning."""
    global _font_checked
    if _font_checked is not None:
        return _font_checked or None
    for path in CJK_FONT_FILES:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
    installed = {font.name for font in font_manager.fontManager.ttflist}
    found = next((name for name in CJK_FONT_NAMES if name in installed), None)
    if found is None:
        LOGGER.warning("no CJK font found (install fonts-wqy-microhei): chart labels in Chinese will not render")
    _font_checked = found or ""
    return found


def _figure(width: float, height: float):
    family = cjk_font()
    plt.rcParams["font.family"] = [family, "DejaVu Sans"] if family else ["DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.fonttype"] = "path"
    plt.rcParams["svg.hashsalt"] = "budget-warehouse"  # stable ids: the same data gives the same file
    return plt.subplots(figsize=(width, height))


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.tight_layout()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()


def _wan(value) -> float:
    return float(Decimal(str(value)) / Decimal(10000)) if value is not None else 0.0


def budget_actual_bars(title: str, lines: Iterable[Mapping]) -> str:
    """Grouped horizontal bars, budget against actual (万元), one pair per line ({label, budget, actual})."""
    lines = list(lines)
    figure, axes = _figure(8, max(2.2, 0.55 * len(lines) + 1.2))
    positions = range(len(lines))
    budgets = [_wan(line.get("budget")) for line in lines]
    actuals = [_wan(line.get("actual")) for line in lines]
    axes.barh([p + 0.2 for p in positions], budgets, height=0.4, color=BUDGET_COLOUR, label="预算 budget")
    axes.barh([p - 0.2 for p in positions], actuals, height=0.4, color=ACTUAL_COLOUR, label="决算 actual")
    axes.set_yticks(list(positions), [str(line["label"]) for line in lines])
    axes.invert_yaxis()
    axes.set_xlabel("万元")
    axes.set_title(title)
    axes.legend(loc="lower right", fontsize="small")
    return _svg(figure)


def trend_lines(title: str, series: Mapping[str, Mapping[int, object]]) -> str:
    """One line per series name over fiscal years ({name: {year: yuan}}), amounts in 万元."""
    figure, axes = _figure(8, 3.6)
    years = sorted({year for points in series.values() for year in points})
    for name, points in series.items():
        ordered = sorted(points)
        style = "--" if "决算" in name else "-"
        axes.plot(ordered, [_wan(points[year]) for year in ordered], style, marker="o", label=name)
    axes.set_xticks(years, [str(year) for year in years])
    axes.set_ylabel("万元")
    axes.set_title(title)
    axes.legend(fontsize="small", ncols=2)
    return _svg(figure)
