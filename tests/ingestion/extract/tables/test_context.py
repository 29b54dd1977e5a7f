"""Table context: what a title restricts every amount of its table to."""

from ingestion.extract.tables import extract_tables
from tests.ingestion.extract.tables.support import line_items, table_document


def test_title_scope_sets_economic_class_of_detail_tables():
    document = table_document(
        "一般公共预算基本支出预算明细表—工资福利支出",
        [["功能科目代码", "", "", "单位代码", "功能科目", "总计"], ["201", "37", "01", "152001", "行政运行", "183.06"]],
    )
    items = line_items(extract_tables(document, doc_kind="budget", fiscal_year=2020, default_unit="万元"))
    assert [(f.functional_subject_code, f.economic_subject_code, f.expense_type, f.evidence.reported_amount)
            for f in items] == [("2013701", "301", "basic", "183.06")]  # fmt: skip
