"""Subject paths that title a numbered item, wrapped over lines or cut from their figures by a full stop,
and the two budget stages a final account may print for one subject (generated text, real wordings)."""

import pytest

from ingestion.extract.narrative import extract_narrative
from ingestion.extract.narrative.ratios import read_ratios
from tests.ingestion.extract.narrative.support import issues_of, items_of, read_prose, wrapped_lines

PENSION_ITEM = (
    "4.社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于离退休人员的支出，"
    "年初预算为10.00万元，支出决算为12.34万元，完成年初预算的123.40%。"
)


# Prose lines, the document's kind and year, and the (code, expense type, amount kind) stored.
STORED_ITEMS = {
    "a path whose item is on the next line is not stored under the kuan": (
        [
            "4.社会保障和就业支出（类）行政事业单位养老支出（款）",
            "行政单位离退休（项）。主要用于离退休人员的支出，支出决算为12.34万元，完成年初预算的100.00%。",
        ],
        {"doc_kind": "final_account", "fiscal_year": 2024},
        {("2080501", "total", "actual")},
    ),
    "a heading class followed by a kuan line is not joined": (
        ["（二）社会保障和就业支出（类）", "行政事业单位离退休（款）：2018年预算支出合计1,836.22万元。"],
        {"fiscal_year": 2018},
        {("20805", "total", "budget")},
    ),
    "a budget document's full-year budget is its budget": (
        ["1.一般公共服务支出（类）财政事务（款）行政运行（项）全年预算为25.00万元。"],
        {"fiscal_year": 2024},
        {("2010601", "total", "budget")},
    ),
    "a name cut before its mark joins the next line": (
        [
            "5、社会保障和就业支出(类)行政事业单位养老支出(款)行政单位离退休",
            "(项)。主要用于:退休人员经费支出。年初预算为85.55万元,支出决算为84.65万元。",
        ],
        {"doc_kind": "final_account", "fiscal_year": 2024},
        {("2080501", "total", "budget"), ("2080501", "total", "actual")},
    ),
}


@pytest.mark.parametrize(("lines", "document", "expected"), STORED_ITEMS.values(), ids=STORED_ITEMS.keys())
def test_the_subject_path_decides_the_stored_item(lines, document, expected):
    assert set(items_of(read_prose(*lines, **document))) == expected


@pytest.mark.parametrize("width", [40, 50, 60, 70, 80])
def test_a_path_wrapped_anywhere_keeps_its_item(width):
    facts = extract_narrative(wrapped_lines(PENSION_ITEM, width), doc_kind="final_account", fiscal_year=2024)
    assert items_of(facts) == {
        ("2080501", "total", "budget"): ("10.00万元", pytest.approx(100000)),
        ("2080501", "total", "actual"): ("12.34万元", pytest.approx(123400)),
    }
    assert not issues_of(facts)


def test_the_item_path_outranks_the_heading_above():
    facts = read_prose(
        "（一）一般公共服务支出",
        "1.一般公共服务支出（类）财政事务（款）行政运行（项）。支出决算为 100.00 万元。完成年初预算的100.00%。",
        doc_kind="final_account",
        fiscal_year=2024,
    )
    assert items_of(facts) == {("2010601", "total", "actual"): ("100.00 万元", pytest.approx(1000000))}


def test_a_rate_after_a_stray_full_stop_takes_the_figures_before_it():
    [rate] = read_ratios("年初预算为80.00万元，支出决算为 100.00 万元。完成年初预算的125.00%。")
    assert (rate.actual.printed, rate.budget.printed, rate.base_status) == ("100.00 万元", "80.00万元", "printed")


def test_a_rate_sentence_with_words_before_the_rate_stays_in_its_sentence():
    [rate] = read_ratios("支出决算为 100.00 万元。项目完成年初预算的125.00%。")
    assert rate.actual is None and rate.budget is None


@pytest.mark.parametrize("adjusted", ["全年预算", "调整预算", "调整后预算"])
def test_initial_and_adjusted_budgets_are_different_measures(adjusted):
    facts = read_prose(
        f"1.一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为0万元，{adjusted}为25.00万元，"
        "支出决算为20.00万元，完成全年预算的80.00%。",
        doc_kind="final_account",
        fiscal_year=2024,
    )
    assert {key: printed for key, (printed, _) in items_of(facts).items()} == {
        ("2010601", "total", "budget"): "0万元",
        ("2010601", "total", "budget_adjusted"): "25.00万元",
        ("2010601", "total", "actual"): "20.00万元",
    }


def test_the_adjusted_budget_of_a_completion_rate_is_its_base():
    [rate] = read_ratios("年初预算为0万元，全年预算为25.00万元，支出决算为20.00万元，完成全年预算的80.00%。")
    assert (rate.actual.printed, rate.budget.printed) == ("20.00万元", "25.00万元")
