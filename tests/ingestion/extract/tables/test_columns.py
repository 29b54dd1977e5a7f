"""Column meanings: a column whose label names something the warehouse does not model is reported."""

from ingestion.extract.facts import IssueFact
from ingestion.extract.tables import extract_tables
from tests.ingestion.extract.tables.support import line_items, table_document


def test_unknown_column_is_left_out_with_an_issue():
    document = table_document(
        "部门支出总表",
        [["科目编码", "科目名称", "合计", "神秘列"], ["2013701", "行政运行", "10.00", "3.00"]],
    )
    facts = extract_tables(document, doc_kind="budget", fiscal_year=2021, default_unit="万元")
    assert [f.evidence.reported_amount for f in line_items(facts)] == ["10.00"]
    issues = [f for f in facts if isinstance(f, IssueFact)]
    assert issues and "神秘列" in issues[0].detail
