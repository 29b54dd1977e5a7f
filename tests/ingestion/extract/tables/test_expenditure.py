"""Expenditure tables by subject code: the samples' values read by hand, and small constructed tables."""

from decimal import Decimal

import pytest

from ingestion.extract.tables import extract_tables
from ingestion.readers import read_document
from tests.ingestion.extract.tables.support import line_items, sample_facts, table_document


def test_zhuzhou_functional_items(sample_path):
    facts = sample_facts(read_document(sample_path("zhuzhou")))
    items = line_items(facts, functional_subject_code="2013701", expense_type="total", fund_source="all")
    assert {(f.evidence.reported_amount, f.evidence.amount_yuan) for f in items} == {("292.74", Decimal("2927400.00"))}
    assert items[0].subject_name == "行政运行" and items[0].amount_kind == "budget"
    project = line_items(facts, functional_subject_code="2013799", expense_type="project", fund_source="all")
    assert [f.evidence.amount_yuan for f in project] == [Decimal("1800000.00")]


def test_zhuzhou_economic_items(sample_path):
    facts = sample_facts(read_document(sample_path("zhuzhou")))
    allowance = line_items(facts, economic_subject_code="30102", expense_type="personnel")
    assert [(f.evidence.reported_amount, f.subject_name) for f in allowance] == [("37.37", "津贴补贴")]
    assert allowance[0].fund_source == "general_public_budget"  # from the title 一般公共预算基本支出情况表
    # a local 7-digit extension is kept as printed
    assert (
        line_items(facts, economic_subject_code="3011201", expense_type="basic")[0].evidence.reported_amount == "0.66"
    )


def test_split_codes_and_yuan_unit_are_converted_exactly():
    document = table_document(
        "一般公共预算支出表",
        [
            ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
            ["类", "款", "项", "", "", "", ""],
            ["204", "06", "01", "行政运行", "1,234,567.89", "1,234,567.89", ""],
        ],  # fmt: skip
        unit_line="单位：元",
    )
    facts = extract_tables(document, doc_kind="budget", fiscal_year=2021, default_unit="万元")
    items = {(f.functional_subject_code, f.expense_type): f.evidence for f in line_items(facts)}
    assert items[("2040601", "total")].amount_yuan == Decimal("1234567.89")
    assert items[("2040601", "total")].reported_unit == "元"
    assert items[("2040601", "basic")].amount_yuan == Decimal("1234567.89")
    assert ("2040601", "project") not in items  # a blank cell is not a zero


@pytest.mark.parametrize("blank", ["", "-", "—", "－"])
def test_blank_cells_yield_nothing(blank):
    document = table_document("部门支出总表", [["科目编码", "科目名称", "合计"], ["2013701", "行政运行", blank]])
    assert line_items(extract_tables(document, doc_kind="budget", fiscal_year=2021, default_unit="万元")) == []
