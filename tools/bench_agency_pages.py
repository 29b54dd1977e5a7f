"""Benchmark: what the agency pages cost per agency, on synthetic mart rows (no warehouse needed).

    python -m tools.bench_agency_pages [--agencies 300] [--years 3] [--lines 10]

Builds, in memory, the rows ``write_agency_pages`` takes for ``--agencies`` agencies, each with
``--years`` years of budget and final account: ``--lines`` functional classes (budget against actual, one
bar chart per year), the stated totals, the 三公 categories of both kinds (one trend chart) and a
completeness grid. Writes every page into a temporary folder and prints the agencies, the charts written,
CPU and wall seconds in all and per agency, and the load average (the machine may be shared: CPU seconds
are the figure to compare).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from time import perf_counter, process_time

from orchestration.defs.agency_pages.pages import write_agency_pages

SUBJECTS = [
    ("201", "一般公共服务支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("221", "住房保障支出"),
    ("229", "其他支出"),
]
THREE_PUBLIC = [
    ("three_public_total", "“三公”经费合计"),
    ("three_public_overseas_travel", "因公出国（境）费"),
    ("three_public_vehicle", "公务用车购置及运行费"),
    ("three_public_official_reception", "公务接待费"),
]


def _execution(agency_id: str, year: int, lines: int, seed: int) -> list[dict]:
    rows = []
    for index in range(lines):
        code, name = SUBJECTS[index % len(SUBJECTS)]
        budget = Decimal(100000 + (seed * 7919 + index * 104729) % 9000000)
        rows.append(
            {"agency_id": agency_id, "fiscal_year": year, "subject_kind": "functional", "expense_type": "total",
             "functional_subject_code": code if index < len(SUBJECTS) else f"{code}{index:02d}",
             "subject_name": name, "fund_source": "all", "sides_present": "both", "measure": None,
             "reference_budget_yuan": budget, "actual_yuan": budget * Decimal("0.93"),
             "execution_rate": Decimal("0.93"), "missing_side_reason": None}
        )  # fmt: skip
    total = sum(row["reference_budget_yuan"] for row in rows)
    rows.append(
        {"agency_id": agency_id, "fiscal_year": year, "subject_kind": "measure", "expense_type": "total",
         "functional_subject_code": None, "subject_name": "本年支出合计", "fund_source": "all",
         "sides_present": "both", "measure": "expenditure_total", "reference_budget_yuan": total,
         "actual_yuan": total * Decimal("0.93"), "execution_rate": Decimal("0.93"), "missing_side_reason": None}
    )  # fmt: skip
    return rows


def synthetic_marts(agencies: int, years: int, lines: int) -> dict[str, list[dict]]:
    """The rows of the marts the pages read, for ``agencies`` made-up agencies."""
    marts: dict[str, list[dict]] = {name: [] for name in (
        "dim_agency", "fct_budget_execution", "fct_agency_year_measure", "audit_document_completeness",
        "audit_cross_document", "audit_agency_identity")}  # fmt: skip
    for number in range(agencies):
        agency_id = f"bench{number:05d}"
        marts["dim_agency"].append(
            {"agency_id": agency_id, "agency_name": f"某市第{number}局", "province": "某省", "city": "某市",
             "county": None, "document_count": 2 * years}
        )  # fmt: skip
        for year in range(2021, 2021 + years):
            marts["fct_budget_execution"] += _execution(agency_id, year, lines, number + year)
            for kind in ("budget", "final_account"):
                for order, (measure, label) in enumerate(THREE_PUBLIC):
                    marts["fct_agency_year_measure"].append(
                        {"agency_id": agency_id, "fiscal_year": year, "doc_kind": kind, "measure": measure,
                         "measure_label": label, "amount_yuan": Decimal(20000 + 1000 * order + 500 * year % 7)}
                    )  # fmt: skip
                marts["audit_document_completeness"].append(
                    {"agency_id": agency_id, "fiscal_year": year, "doc_kind": kind, "item_order": 0,
                     "item_key": "document", "item_kind": "document", "item_label": "部门预算",
                     "status": "present", "detail": None}
                )  # fmt: skip
    return marts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--lines", type=int, default=10, help="functional classes per year")
    arguments = parser.parse_args(argv)
    marts = synthetic_marts(arguments.agencies, arguments.years, arguments.lines)
    with tempfile.TemporaryDirectory() as folder:
        cpu, wall = process_time(), perf_counter()
        written = write_agency_pages(Path(folder), marts)
        cpu, wall = process_time() - cpu, perf_counter() - wall
        charts = len(list((Path(folder) / "charts").glob("*.svg")))
    pages = len(written) - 1
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"agencies             {pages} ({arguments.years} years × {arguments.lines} lines, 三公 of both kinds)")
    print(f"charts written       {charts}")
    print(f"CPU                  {cpu:.2f} s ({cpu / max(pages, 1) * 1000:.1f} ms/agency)")
    print(f"wall                 {wall:.2f} s ({wall / max(pages, 1) * 1000:.1f} ms/agency)")
    print(f"load average         {load}")


if __name__ == "__main__":
    main()
