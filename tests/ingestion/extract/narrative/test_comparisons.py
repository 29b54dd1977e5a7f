"""决算数大于/小于/等于预算数: each statement tied to the actual and the budget printed before it."""

from __future__ import annotations

import pandas as pd

from ingestion.extract.narrative.comparisons import read_comparisons, stated_comparison_row
from ingestion.schemas import StatedComparisonFrame


def _rows(text: str) -> list[dict]:
    return [stated_comparison_row("doc", fact) for fact in read_comparisons(text)]


def test_the_statement_takes_the_figures_of_the_sentence_before():
    # 上海市普陀区财政局 2024 决算, p22: the figures end one sentence, the wording opens the next.
    (row,) = _rows(
        "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费及公用经费等的基本支出。"
        "年初预算为 1560.05 万元，支出决算为1511.89万元。 决算数小于预算数的主要原因：人员进出及退休变化。"
    )
    assert (row["comparison"], row["wording"], row["actual_yuan"], row["budget_yuan"]) == (
        "less",
        "决算数小于预算数",
        "15118900.00",
        "15600500.00",
    )
    assert row["source_text"].startswith("年初预算为 1560.05 万元") and row["note"] is None
    StatedComparisonFrame.validate(pd.DataFrame([row]), lazy=True)


def test_greater_equal_and_a_rate_between():
    rows = _rows(
        "年初预算为120.00万元，支出决算为100.00万元。决算数大于预算数的主要原因是追加。\n"
        "年初预算为1012.86万元，支出决算为1012.86万元，完成年初预算的100%。决算数等于预算数。"
    )
    assert [(r["comparison"], r["actual_yuan"], r["budget_yuan"]) for r in rows] == [
        ("greater", "1000000.00", "1200000.00"),
        ("equal", "10128600.00", "10128600.00"),
    ]


def test_roughly_equal_is_not_a_claim_and_a_missing_budget_is_noted():
    rows = _rows(
        "年初预算为 10.00 万元，支出决算为10.00万元。决算数与预算数基本持平。\n"
        "1.一般公共服务（类）宣传事务（款）其他宣传事务支出（项）: 支出决算为106.13万元，完成预算90.12%，"
        "决算数小于预算数的主要原因是项目未实施完成。"
    )
    (row,) = rows
    assert (row["comparison"], row["actual_yuan"], row["budget_yuan"]) == ("less", "1061300.00", None)
    assert row["note"] == "the budget amount is not printed in this sentence or the one before"


def test_a_named_budget_stage_picks_its_figure():
    (row,) = _rows("年初预算为0万元，全年预算为120.00万元，支出决算为118.80万元。决算数小于全年预算数。")
    assert (row["actual_yuan"], row["budget_yuan"]) == ("1188000.00", "1200000.00")


def test_a_comparison_with_last_year_is_not_one_with_the_budget():
    # 巴中 2020 决算 l95: 与2019年决算数持平 compares two years, not the actual with the budget.
    assert _rows("2020年，市网信办机关运行经费支出0万元，与2019年决算数持平。主要原因是本单位是事业单位。") == []
    (row,) = _rows("年初预算为10.00万元，支出决算为10.00万元。决算数与预算数持平。")
    assert row["comparison"] == "equal"
