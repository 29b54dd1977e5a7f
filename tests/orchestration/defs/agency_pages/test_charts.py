"""The hand-written SVG charts: bars and points where the figures say, escaped labels, valid and stable files."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from orchestration.defs.agency_pages import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg.encode("utf-8"))  # raises on anything that is not well-formed XML
    assert root.tag == f"{SVG}svg"
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {width:.0f} {height:.0f}" and width > 0 and height > 0
    return root


def bars(root: ET.Element, kind: str) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == kind]


def texts(root: ET.Element) -> list[str]:
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]


def width_of(rect: ET.Element) -> float:
    return float(rect.get("width"))


def test_bar_lengths_are_proportional_to_the_amounts_on_one_scale():
    lines = [
        {"label": "201 一般公共服务支出", "budget": 1_000_000, "actual": 500_000},
        {"label": "208 社会保障和就业支出", "budget": 2_000_000, "actual": 1_500_000},
        {"label": "210 卫生健康支出", "budget": 250_000, "actual": 0},
    ]
    root = parse(charts.budget_actual_bars("2023 支出功能分类", lines))
    budgets, actuals = bars(root, "budget"), bars(root, "actual")
    assert len(budgets) == 3 and len(actuals) == 3
    unit = width_of(budgets[0]) / 100  # px per 万元
    assert unit > 1
    for rect, wan in zip(budgets + actuals, [100, 200, 25, 50, 150, 0], strict=True):
        assert width_of(rect) == pytest.approx(wan * unit, abs=0.15)
    assert {rect.get("x") for rect in budgets + actuals} == {budgets[0].get("x")}  # all start at zero
    assert "201 一般公共服务支出" in texts(root) and "万元" in texts(root)
    assert {"0", "50", "100", "150", "200"} <= set(texts(root))  # x ticks at a step of 50 万元


def test_a_negative_amount_extends_left_of_zero_and_none_draws_no_bar():
    lines = [
        {"label": "冲减", "budget": -500_000, "actual": None},
        {"label": "201", "budget": 1_000_000, "actual": 1_000_000},
    ]
    root = parse(charts.budget_actual_bars("负数", lines))
    budgets, actuals = bars(root, "budget"), bars(root, "actual")
    assert len(budgets) == 2 and len(actuals) == 1  # no actual figure: no bar, not a zero bar
    negative, positive = budgets
    zero = float(positive.get("x"))
    assert float(negative.get("x")) + width_of(negative) == pytest.approx(zero, abs=0.15)
    assert width_of(negative) == pytest.approx(width_of(positive) / 2, abs=0.15)
    assert "-50" in texts(root)


@pytest.mark.parametrize(
    ("lines", "drawn"),
    [
        ([], 0),
        ([{"label": "201", "budget": 0, "actual": 0}], 2),
        ([{"label": "201", "budget": None, "actual": None}], 0),
    ],
)
def test_no_figures_or_only_zeros_still_give_a_chart(lines, drawn):
    root = parse(charts.budget_actual_bars("空", lines))
    rects = bars(root, "budget") + bars(root, "actual")
    assert len(rects) == drawn and all(width_of(rect) == 0 for rect in rects)


def test_labels_are_escaped_and_characters_xml_cannot_hold_dropped():
    label = '<script> & "quoted"\x07'
    svg = charts.budget_actual_bars('title <&> "x"', [{"label": label, "budget": 10_000, "actual": 20_000}])
    assert "<script>" not in svg and "&lt;script&gt; &amp;" in svg
    root = parse(svg)
    assert '<script> & "quoted"' in texts(root)
    assert root.find(f"{SVG}title").text == 'title <&> "x"'


def test_a_long_label_widens_the_margin_and_is_cut_past_its_cap():
    long = "2080505 机关事业单位基本养老保险缴费支出"
    too_long = "2130599 其他巩固脱贫攻坚成果衔接乡村振兴支出以及另外一些很长很长的说明文字"
    short = parse(charts.budget_actual_bars("t", [{"label": "201", "budget": 10_000, "actual": 10_000}]))
    root = parse(charts.budget_actual_bars("t", [{"label": long, "budget": 10_000, "actual": 10_000}]))
    zero = float(bars(root, "budget")[0].get("x"))
    assert zero >= charts.text_width(long) + 8  # the label fits left of the bars
    assert zero > float(bars(short, "budget")[0].get("x"))
    cut = parse(charts.budget_actual_bars("t", [{"label": too_long, "budget": 10_000, "actual": 10_000}]))
    (label,) = [text for text in cut.iter(f"{SVG}text") if text.find(f"{SVG}title") is not None]
    assert label.find(f"{SVG}title").text == too_long  # the whole label as a tooltip
    shown = "".join(label.itertext()).removeprefix(too_long)
    assert shown.endswith("…") and charts.text_width(shown, 1) <= charts.MAX_LABEL_EM


def test_text_width_counts_cjk_as_one_em_and_ascii_as_a_little_more_than_half():
    assert charts.text_width("一般", 12) == 24
    assert charts.text_width("ab", 10) == pytest.approx(11)
    assert charts.text_width("“三公”", 10) == 40  # full-width quotes in a CJK font


@pytest.mark.parametrize(
    ("low", "high", "ticks", "decimals"),
    [
        (0, 237, [0, 50, 100, 150, 200, 250], 0),
        (-50, 150, [-50, 0, 50, 100, 150], 0),
        (3, 7, [0, 2, 4, 6, 8], 0),
        (0, 0, [0, 0.2], 1),
        (0, 0.0003, [0, 0.0001, 0.0002, 0.0003], 4),
        (-40, -10, [-40, -30, -20, -10, 0], 0),
    ],
)
def test_nice_ticks_step_by_one_two_or_five_and_include_zero(low, high, ticks, decimals):
    found, places = charts.nice_ticks(low, high)
    assert found == pytest.approx(ticks) and places == decimals


THREE_PUBLIC = {
    "公务接待费 决算": {2021: 190_000, 2022: None, 2023: 170_000},
    "公务接待费 预算": {2021: 200_000, 2022: 250_000, 2023: 180_000},
    "“三公”经费合计 预算": {2021: 800_000, 2022: 900_000, 2023: 0},
}


def points(root: ET.Element) -> list[tuple[float, float]]:
    return [(float(dot.get("cx")), float(dot.get("cy"))) for dot in root.iter(f"{SVG}circle") if dot.get("class")]


def test_trend_has_a_point_per_figure_and_dashes_the_actual_series():
    root = parse(charts.trend_lines("“三公”经费", THREE_PUBLIC))
    assert len(points(root)) == 8  # nine figures, one of them None
    lines = [line for line in root.iter(f"{SVG}polyline") if line.get("class") == "series"]
    # the actual series breaks at its missing year (two single points, no line); the others are one line each
    assert len(lines) == 2 and all(line.get("stroke-dasharray") is None for line in lines)
    assert {"2021", "2022", "2023", "公务接待费 预算", "公务接待费 决算", "万元"} <= set(texts(root))
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1  # the legend's 决算 swatch


def test_trend_points_sit_at_their_year_and_amount():
    root = parse(charts.trend_lines("t", {"合计 预算": {2021: 0, 2022: 500_000, 2023: 1_000_000}}))
    (x0, zero), (x1, half), (x2, full) = points(root)
    assert x1 - x0 == pytest.approx(x2 - x1, abs=0.15)
    assert zero - half == pytest.approx((zero - full) / 2, abs=0.15) and zero > half > full


def test_trend_draws_a_dashed_line_for_an_actual_series():
    root = parse(charts.trend_lines("t", {"合计 决算": {2021: 10_000, 2022: 20_000}}))
    (line,) = [line for line in root.iter(f"{SVG}polyline") if line.get("class") == "series"]
    assert line.get("stroke-dasharray")


@pytest.mark.parametrize("series", [{}, {"合计 预算": {2023: 0}}, {"合计 预算": {2023: -30_000}}])
def test_one_year_zero_or_negative_amounts_or_nothing_still_give_a_chart(series):
    root = parse(charts.trend_lines("t", series))
    assert len(points(root)) == sum(len(values) for values in series.values())


def test_the_same_figures_give_the_same_bytes_whatever_their_order():
    reordered = {name: dict(reversed(THREE_PUBLIC[name].items())) for name in reversed(THREE_PUBLIC)}
    assert charts.trend_lines("t", THREE_PUBLIC) == charts.trend_lines("t", reordered)
    lines = [{"label": "201", "budget": 123_456.78, "actual": 100_000}]
    assert charts.budget_actual_bars("t", lines) == charts.budget_actual_bars("t", [dict(line) for line in lines])


def test_text_is_text_in_a_cjk_first_font_list():
    root = parse(charts.budget_actual_bars("t", [{"label": "201 一般公共服务支出", "budget": 1, "actual": 1}]))
    fonts = [font.strip("'") for font in root.get("font-family").split(",")]
    assert "Noto Sans CJK SC" in fonts[:3] and fonts[-1] == "sans-serif"
    assert not list(root.iter(f"{SVG}path"))  # no glyphs drawn as paths
