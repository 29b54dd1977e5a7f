"""Table layout: code cells split over columns, and fragments printed without their leading zero."""

from ingestion.extract.tables import extract_tables
from tests.ingestion.extract.tables.support import line_items, table_document


def test_a_fragment_without_its_leading_zero_is_still_the_section():
    """005 p29 prints 款 '2' for 02 (a spreadsheet dropped the zero): 津贴补贴 is 30102, not class 301."""
    document = table_document(
        "一般公共预算基本支出部门预算经济分类预算表",
        [
            ["科目编码", "", "科目名称", "合计"],
            ["类", "款", "", ""],
            ["301", "", "工资福利支出", "88,282,511"],
            ["301", "2", "津贴补贴", "16,623,810"],
        ],  # fmt: skip
        unit_line="单位:元",
    )
    items = line_items(extract_tables(document, doc_kind="budget", fiscal_year=2024, default_unit="万元"))
    assert {(f.economic_subject_code, f.subject_name, f.evidence.reported_amount) for f in items} == {
        ("301", "工资福利支出", "88,282,511"),
        ("30102", "津贴补贴", "16,623,810"),
    }
