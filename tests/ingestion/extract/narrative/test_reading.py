"""Reading one amount: an amount whose label is not recognised is an issue, never a guess."""

from ingestion.document import Locator
from tests.ingestion.extract.narrative.support import read_prose


def test_an_amount_without_a_recognisable_label_is_an_issue():
    facts = read_prose("（三）预算收支增减变化情况说明：2020 年度本部门年初预算数为 472.74 万元。")
    [issue] = facts
    assert issue.issue_kind == "narrative_amount_unlabelled" and "472.74 万元" in issue.detail
    assert issue.locator == Locator(line=1)
