"""The web-page excerpts of ``../shared/corpus/web`` (search-index copies of disclosure pages: titles cut
off, agencies unnamed, traditional script, ``|`` tables): each is kept, identified as far as the page
allows, and its figures are the ones its README row and its text state.

Every expected value below was read off the excerpt named in its comment.
"""

from __future__ import annotations

from functools import cache

import pytest

from ingestion.pipeline import ingest_document
from tests.corpus import WEB_DIR, corpus_file


@cache
def _ingested(number: str):
    return ingest_document(corpus_file(number, WEB_DIR))


def _figures(number: str, frame: str, key: str) -> set[tuple[str, str, str]]:
    rows = _ingested(number).frames.get(frame)
    return {(row[key], row["amount_kind"], row["reported_amount"]) for row in rows.to_dict("records")}


@pytest.mark.parametrize(
    ("number", "year", "kind"),
    [
        ("101", 2024, "final_account"),  # 繁體: "教育部公布2024年度部門決算"
        ("104", 2025, "budget"),  # "2025年部门预算信息公开" over a pipe table
        ("107", None, "budget"),  # title and year cut off: "本年度预算总收入为376.59万元"
        ("108", 2018, "final_account"),  # no title: "2018年龙泉市…“三公”经费)决算总额2771万元"
        ("109", 2021, "final_account"),  # 繁體 pipe table "2021年度…“三公”經(jīng)費支出決算表"
        ("111", 2022, "final_account"),  # "2022年一般公共预算“三公”经费决算执行情况说明"
        ("113", 2022, "budget"),  # 繁體: "2022年本部門財政撥款安排“三公”經(jīng)費502.4 萬元"
        ("119", 2023, "final_account"),  # "云县2023“三公”经费决算情况说明"
        ("120", 2018, "final_account"),  # "“三公”经费财政拨款支出与年初预算对比情况"
    ],
)
def test_pages_are_kept_and_identified_as_far_as_they_allow(number, year, kind):
    row = _ingested(number).document_row
    assert row["status"] == "parsed"
    assert (row["fiscal_year"], row["doc_kind"]) == (year, kind)


def test_a_page_without_its_agency_says_what_is_missing():
    issues = _ingested("107").frames["extraction_issues"]
    [detail] = issues.loc[issues.issue_kind == "document_identity_incomplete", "detail"]
    assert detail.startswith("the agency and fiscal year of this document")


def test_traditional_page_figures_in_simplified_snippets():
    # 101 l4: "教育部2024年度收入總計64,999,264.21萬元"; l5: "其中:財政撥款17,229,526.68萬元"
    totals = _figures("101", "reported_totals", "measure")
    assert ("grand_total", "actual", "64,999,264.21万元") in totals
    assert ("fiscal_appropriation_income", "actual", "17,229,526.68万元") in totals


def test_pipe_table_three_public_figures_keep_blank_cells_blank():
    # 109: "合 計 | 49.9 | 7.69 | 因公出國(境)費 | 20 | | 公務接待費 | 14.9 | 5.21 |"
    figures = _figures("109", "three_public_expenses", "category")
    assert {("total", "budget", "49.9"), ("total", "actual", "7.69")} <= figures
    assert ("overseas_travel", "budget", "20") in figures
    assert {("official_reception", "budget", "14.9"), ("official_reception", "actual", "5.21")} <= figures
    assert not any(category == "overseas_travel" and printed == "" for category, _, printed in figures)


def test_pipe_summary_table_totals():
    # 104: "本年收入合计 | 675.82 | 本年支出合计 | 690.36 |" … "收入总计 | 690.36 | 支出总计 | |"
    totals = _figures("104", "reported_totals", "measure")
    assert {
        ("income_total", "budget", "675.82"),
        ("expenditure_total", "budget", "690.36"),
        ("grand_total", "budget", "690.36"),
    } <= totals


def test_a_missing_word_leaves_the_change_out():
    # 119: "较2022年决算数688.84万元131.49万元,增长19.09%": 131.49 is the change, its word lost
    figures = _figures("119", "three_public_expenses", "category")
    assert ("total", "budget", "832.05万元") in figures and ("total", "actual", "820.33万元") in figures
    assert not any(printed == "131.49万元" for _, _, printed in figures)


def test_spending_against_the_initial_budget():
    # 120 l3: "…安排的“三公”经费支出2.05万元"; l11: "…“三公\"经费支出2.05万元,年初预算为2.95万元"
    figures = _figures("120", "three_public_expenses", "category")
    assert {("total", "actual", "2.05万元"), ("total", "budget", "2.95万元")} <= figures
    assert ("total", "budget", "2.05万元") not in figures
