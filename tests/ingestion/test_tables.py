"""Table recognisers on the samples (values read by hand) and on small constructed tables."""

from decimal import Decimal

import pytest

from ingestion.document import Document, DocumentBuilder
from ingestion.extract.facts import IssueFact, LineItemFact, ThreePublicFact, TotalFact
from ingestion.extract.metadata import extract_metadata
from ingestion.extract.tables import document_unit, extract_code_lines, extract_tables
from ingestion.readers import read_document


def _facts(document: Document):
    metadata = extract_metadata(document)
    unit = document_unit(document)
    facts = extract_tables(document, doc_kind=metadata.doc_kind, fiscal_year=metadata.fiscal_year, default_unit=unit)
    return facts + extract_code_lines(document, doc_kind=metadata.doc_kind, default_unit=unit)


def _line_items(facts, **where):
    return [
        f
        for f in facts
        if isinstance(f, LineItemFact) and all(getattr(f, key) == value for key, value in where.items())
    ]


def test_zhuzhou_functional_items(sample_path):
    facts = _facts(read_document(sample_path("zhuzhou")))
    items = _line_items(facts, functional_subject_code="2013701", expense_type="total", fund_source="all")
    assert {(f.evidence.reported_amount, f.evidence.amount_yuan) for f in items} == {("292.74", Decimal("2927400.00"))}
    assert items[0].subject_name == "行政运行" and items[0].amount_kind == "budget"
    project = _line_items(facts, functional_subject_code="2013799", expense_type="project", fund_source="all")
    assert [f.evidence.amount_yuan for f in project] == [Decimal("1800000.00")]


def test_zhuzhou_economic_items(sample_path):
    facts = _facts(read_document(sample_path("zhuzhou")))
    allowance = _line_items(facts, economic_subject_code="30102", expense_type="personnel")
    assert [(f.evidence.reported_amount, f.subject_name) for f in allowance] == [("37.37", "津贴补贴")]
    assert allowance[0].fund_source == "general_public_budget"  # from the title 一般公共预算基本支出情况表
    # a local 7-digit extension is kept as printed
    assert (
        _line_items(facts, economic_subject_code="3011201", expense_type="basic")[0].evidence.reported_amount == "0.66"
    )


def test_zhuzhou_three_public_columns(sample_path):
    facts = [f for f in _facts(read_document(sample_path("zhuzhou"))) if isinstance(f, ThreePublicFact)]
    assert {(f.category, f.evidence.reported_amount) for f in facts} == {
        ("total", "13.00"),
        ("official_reception", "10.00"),
        ("vehicle", "3.00"),
        ("vehicle_operation", "3.00"),
    }


def test_zhuzhou_summary_table_totals(sample_path):
    facts = [f for f in _facts(read_document(sample_path("zhuzhou"))) if isinstance(f, TotalFact)]
    measures = {(f.measure, f.evidence.reported_amount) for f in facts}
    assert {("income_total", "472.74"), ("expenditure_total", "472.74"), ("basic_expenditure", "292.74"),
            ("project_expenditure", "180.00")} <= measures  # fmt: skip


def test_mancheng_three_public_rows_by_year(sample_path):
    facts = [f for f in _facts(read_document(sample_path("mancheng"))) if isinstance(f, ThreePublicFact)]
    this_year = {(f.category, f.evidence.reported_amount) for f in facts if f.amount_kind == "budget"}
    assert this_year == {("overseas_travel", "0"), ("vehicle_purchase", "0"), ("vehicle_operation", "2.5"),
                         ("official_reception", "0.16"), ("total", "2.66")}  # fmt: skip
    assert {f.amount_kind for f in facts} == {"budget", "prior_year"}  # 2019年度预算 is the prior year


def test_nagqu_code_list_in_prose(sample_path):
    facts = _facts(read_document(sample_path("nagqu")))
    housing = _line_items(facts, functional_subject_code="2210201")
    assert [(f.evidence.reported_amount, f.evidence.amount_yuan, f.amount_kind) for f in housing] == [
        ("79.53万元", Decimal("795300.00"), "actual")
    ]
    assert _line_items(facts, functional_subject_code="201")[0].evidence.reported_amount == "774.7万元"


def _table_document(title: str, rows: list[list[str]], unit_line: str = "单位：万元") -> Document:
    builder = DocumentBuilder("t.txt", "txt", "0" * 64)
    builder.add_line(title)
    builder.add_line(unit_line)
    builder.add_table(rows)
    builder.add_line("2021年部门预算")
    return builder.build()


def test_split_codes_and_yuan_unit_are_converted_exactly():
    document = _table_document(
        "一般公共预算支出表",
        [
            ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
            ["类", "款", "项", "", "", "", ""],
            ["204", "06", "01", "行政运行", "1,234,567.89", "1,234,567.89", ""],
        ],  # fmt: skip
        unit_line="单位：元",
    )
    facts = extract_tables(document, doc_kind="budget", fiscal_year=2021, default_unit="万元")
    items = {(f.functional_subject_code, f.expense_type): f.evidence for f in _line_items(facts)}
    assert items[("2040601", "total")].amount_yuan == Decimal("1234567.89")
    assert items[("2040601", "total")].reported_unit == "元"
    assert items[("2040601", "basic")].amount_yuan == Decimal("1234567.89")
    assert ("2040601", "project") not in items  # a blank cell is not a zero


def test_unknown_column_is_left_out_with_an_issue():
    document = _table_document(
        "部门支出总表",
        [["科目编码", "科目名称", "合计", "神秘列"], ["2013701", "行政运行", "10.00", "3.00"]],
    )
    facts = extract_tables(document, doc_kind="budget", fiscal_year=2021, default_unit="万元")
    assert [f.evidence.reported_amount for f in _line_items(facts)] == ["10.00"]
    issues = [f for f in facts if isinstance(f, IssueFact)]
    assert issues and "神秘列" in issues[0].detail


def test_title_scope_sets_economic_class_of_detail_tables():
    document = _table_document(
        "一般公共预算基本支出预算明细表—工资福利支出",
        [["功能科目代码", "", "", "单位代码", "功能科目", "总计"], ["201", "37", "01", "152001", "行政运行", "183.06"]],
    )
    items = _line_items(extract_tables(document, doc_kind="budget", fiscal_year=2020, default_unit="万元"))
    assert [(f.functional_subject_code, f.economic_subject_code, f.expense_type, f.evidence.reported_amount)
            for f in items] == [("2013701", "301", "basic", "183.06")]  # fmt: skip


@pytest.mark.parametrize("blank", ["", "-", "—", "－"])
def test_blank_cells_yield_nothing(blank):
    document = _table_document("部门支出总表", [["科目编码", "科目名称", "合计"], ["2013701", "行政运行", blank]])
    assert _line_items(extract_tables(document, doc_kind="budget", fiscal_year=2021, default_unit="万元")) == []


def test_table_without_unit_declaration_is_flagged():
    document = _table_document(
        "部门支出总表", [["科目编码", "科目名称", "合计"], ["2013701", "行政运行", "5.00"]], unit_line=""
    )
    facts = extract_tables(document, doc_kind="budget", fiscal_year=2021, default_unit="万元")
    assert any(isinstance(f, IssueFact) and f.issue_kind == "unit_assumed" for f in facts)


def test_a_fragment_without_its_leading_zero_is_still_the_section():
    """005 p29 prints 款 '2' for 02 (a spreadsheet dropped the zero): 津贴补贴 is 30102, not class 301."""
    document = _table_document(
        "一般公共预算基本支出部门预算经济分类预算表",
        [
            ["科目编码", "", "科目名称", "合计"],
            ["类", "款", "", ""],
            ["301", "", "工资福利支出", "88,282,511"],
            ["301", "2", "津贴补贴", "16,623,810"],
        ],  # fmt: skip
        unit_line="单位:元",
    )
    items = _line_items(extract_tables(document, doc_kind="budget", fiscal_year=2024, default_unit="万元"))
    assert {(f.economic_subject_code, f.subject_name, f.evidence.reported_amount) for f in items} == {
        ("301", "工资福利支出", "88,282,511"),
        ("30102", "津贴补贴", "16,623,810"),
    }
