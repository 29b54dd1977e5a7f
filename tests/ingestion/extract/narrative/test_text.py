"""The text layer: numbers are kept exactly as printed (separators, spaces)."""

from decimal import Decimal

from ingestion.extract.facts import TotalFact
from tests.ingestion.extract.narrative.support import read_prose


def test_thousands_separators_and_spaces_are_kept_as_printed():
    facts = read_prose("2023年度收入总计1,226.42万元。", "（一）收入预算：2020 年年初预算数 472.74 万元。")
    amounts = {f.evidence.reported_amount: f.evidence.amount_yuan for f in facts if isinstance(f, TotalFact)}
    assert amounts == {"1,226.42万元": Decimal("12264200.00"), "472.74 万元": Decimal("4727400.00")}
