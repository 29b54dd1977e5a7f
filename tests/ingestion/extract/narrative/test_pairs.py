"""Two figures stated in one phrase for two labels (``收、支总计各是A,B万元``)."""

from ingestion.extract.facts import TotalFact
from ingestion.extract.narrative.pairs import distributed_labels
from tests.ingestion.extract.narrative.support import issues_of, read_prose


def _totals(facts):
    return [
        (f.measure, f.evidence.reported_amount, str(f.evidence.amount_yuan)) for f in facts if isinstance(f, TotalFact)
    ]


def test_income_and_expenditure_totals_each_get_their_figure():
    facts = read_prose("2023年本部门收、支总计各是4125.49,4143.91万元。", fiscal_year=2023)
    assert _totals(facts) == [("grand_total", "4125.49", "41254900.00"), ("grand_total", "4143.91万元", "41439100.00")]
    [unit] = issues_of(facts, "narrative_unit_assumed")
    assert "4125.49" in unit.detail


def test_two_full_labels_with_respectively():
    facts = read_prose("2023年基本支出、项目支出分别为120.50万元、300.00万元。", fiscal_year=2023)
    assert _totals(facts) == [
        ("basic_expenditure", "120.50万元", "1205000.00"),
        ("project_expenditure", "300.00万元", "3000000.00"),
    ]


def test_labels_of_different_shapes_are_not_guessed():
    assert distributed_labels("收、支总计") == ["收入总计", "支出总计"]
    assert distributed_labels("本部门基本支出、项目支出") == ["基本支出", "项目支出"]
    assert distributed_labels("一般公共预算、政府性基金预算拨款收入") is None
