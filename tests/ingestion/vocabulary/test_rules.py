"""The shared row of the word tables: settings filter, table order is kept."""

from __future__ import annotations

from ingestion.vocabulary.rules import keyed, word

ROWS = (word("决算", "actual", "prose", "column"), word("预计", "budget", "prose"), word("执行数", "actual", "column"))


def test_keyed_keeps_the_rows_of_a_setting_in_order():
    assert keyed(ROWS, "prose") == {"决算": "actual", "预计": "budget"}
    assert list(keyed(ROWS, "column", "actual")) == ["决算", "执行数"]
    assert keyed(ROWS, "project") == {}
