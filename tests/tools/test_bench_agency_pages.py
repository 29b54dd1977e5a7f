"""The agency-pages benchmark's synthetic rows are what the pages read, and the command prints its figures."""

from __future__ import annotations

from orchestration.defs.agency_pages.pages import subject_lines, three_public_series
from tools import bench_agency_pages


def test_synthetic_marts_give_each_agency_its_bar_charts_and_three_public_series():
    marts = bench_agency_pages.synthetic_marts(agencies=2, years=3, lines=10)
    assert [row["agency_id"] for row in marts["dim_agency"]] == ["bench00000", "bench00001"]
    first = [row for row in marts["fct_budget_execution"] if row["agency_id"] == "bench00000"]
    assert [len(subject_lines(first, year)) for year in (2021, 2022, 2023, 2024)] == [10, 10, 10, 0]
    series = three_public_series(row for row in marts["fct_agency_year_measure"] if row["agency_id"] == "bench00000")
    assert len(series) == 8 and all(sorted(points) == [2021, 2022, 2023] for points in series.values())


def test_the_command_prints_pages_charts_and_cpu_per_agency(capsys):
    bench_agency_pages.main(["--agencies", "2", "--years", "2", "--lines", "3"])
    out = capsys.readouterr().out
    assert "agencies             2 (2 years × 3 lines" in out
    assert "charts written       6" in out  # per agency: a bar chart per year and the 三公 trend
    assert "ms/agency" in out and "load average" in out
