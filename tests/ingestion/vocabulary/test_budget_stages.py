"""Budget stages: 年初预算 is the budget as passed, 全年预算/调整预算 the adjusted budget of a final account."""

import pytest

from ingestion.vocabulary.amount_kinds import column_kind, for_document, prose_kind


@pytest.mark.parametrize(
    "label, kind",
    [
        ("年初预算为", "budget"),
        ("全年预算为", "budget_adjusted"),
        ("调整预算为", "budget_adjusted"),
        ("调整后预算数为", "budget_adjusted"),
        ("全年预算执行数为", "actual"),
        ("支出决算为", "actual"),
        ("上年预算数", "prior_year"),
    ],
)
def test_prose_kind_tells_the_budget_stages_apart(label, kind):
    assert prose_kind(label) == kind


@pytest.mark.parametrize(
    "label, kind",
    [("年初预算数", "budget"), ("全年预算数", "budget_adjusted"), ("预算执行数", "actual"), ("决算数", "actual")],
)
def test_column_kind_tells_the_budget_stages_apart(label, kind):
    assert column_kind(label) == kind


def test_a_budget_document_has_one_budget_stage():
    assert for_document("budget_adjusted", "budget") == "budget"
    assert for_document("budget_adjusted", "final_account") == "budget_adjusted"
    assert for_document("actual", "budget") == "actual"
    assert for_document(None, "final_account") is None
