"""Which form a table is read as, and an issue row for every printed amount no form took."""

from ingestion.extract.facts import IssueFact, LineItemFact
from ingestion.extract.tables import extract_tables
from tests.ingestion.extract.tables.support import table_document


def _read(title: str, rows: list[list[str]]):
    return extract_tables(table_document(title, rows), doc_kind="budget", fiscal_year=2021, default_unit="万元")


def test_a_table_the_warehouse_does_not_model_is_one_issue_row():
    facts = _read("2021年资产情况表", [["资产名称", "金额"], ["房屋", "12.50"]])
    [issue] = facts
    assert issue.issue_kind == "table_not_modelled" and "'2021年资产情况表'" in issue.detail
    assert issue.locator.table == 1 and issue.locator.row is None


def test_an_amount_no_form_takes_is_reported_with_its_row_and_column():
    rows = [["科目编码", "科目名称", "合计"], ["2013701", "行政运行", "5.00"], ["", "备注", "1.25"]]
    facts = _read("部门支出总表", rows)
    assert [f.evidence.reported_amount for f in facts if isinstance(f, LineItemFact)] == ["5.00"]
    [issue] = [f for f in facts if isinstance(f, IssueFact)]
    assert issue.issue_kind == "amount_not_read"
    assert issue.detail.startswith("1.25 in row '备注' under '合计' of table '部门支出总表'")
    assert (issue.locator.row, issue.locator.column) == (3, 3)
