"""What a title says: table numbers are not titles; unmodelled funds and forms are recognised."""

from __future__ import annotations

import pytest

from ingestion.vocabulary.table_titles import SUMMARY_TITLE, TABLE_NUMBER, TITLE_LIKE, UNMODELLED_TITLE


@pytest.mark.parametrize("text", ["公开表四", "公开01表", "附件1", "附表2"])
def test_table_numbers(text):
    assert TABLE_NUMBER.match(text)


def test_titles():
    assert TITLE_LIKE.search("部门收支总表") and SUMMARY_TITLE.search("部门收支总表")
    assert not TABLE_NUMBER.match("部门收支总表")


@pytest.mark.parametrize(
    ("title", "unmodelled"),
    [
        ("部门政府性基金预算支出表", True),
        ("国有资本经营预算支出表", True),
        ("财政专户管理资金预算表", True),
        ("项目支出绩效目标表", True),
        ("一般公共预算支出表", False),
    ],
)
def test_unmodelled_titles_include_the_unmodelled_funds(title, unmodelled):
    assert bool(UNMODELLED_TITLE.search(title)) == unmodelled
