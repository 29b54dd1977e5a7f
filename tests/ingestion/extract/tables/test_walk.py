"""The document walk: a table whose unit is declared nowhere is read with the usual unit, and flagged."""

from ingestion.extract.facts import IssueFact
from ingestion.extract.tables import document_unit, extract_tables
from tests.ingestion.extract.tables.support import table_document


def test_table_without_unit_declaration_is_flagged():
    document = table_document(
        "部门支出总表", [["科目编码", "科目名称", "合计"], ["2013701", "行政运行", "5.00"]], unit_line=""
    )
    facts = extract_tables(document, doc_kind="budget", fiscal_year=2021, default_unit="万元")
    assert any(isinstance(f, IssueFact) and f.issue_kind == "unit_assumed" for f in facts)


def test_the_document_unit_is_the_one_its_declarations_use():
    header = [["科目编码", "科目名称", "合计"]]
    assert document_unit(table_document("部门支出总表", header, unit_line="单位：元")) == "元"
    assert document_unit(table_document("部门支出总表", header, unit_line="")) == "万元"  # none declared
