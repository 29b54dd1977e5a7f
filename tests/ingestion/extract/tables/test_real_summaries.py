"""Class rows of the 收支总表 of the real PDFs (values read off the pages with pdfplumber)."""

from functools import cache

import pytest

from ingestion.extract.facts import TotalFact
from ingestion.readers import read_document
from tests.corpus import corpus_file
from tests.ingestion.extract.tables.support import line_items, sample_facts


@cache
def _items(number: str):
    path = corpus_file(number)
    return {
        (str(f.evidence.locator), f.functional_subject_code, f.fund_source, f.evidence.reported_amount)
        for f in line_items(sample_facts(read_document(path)))
        if f.functional_subject_code and len(f.functional_subject_code) == 3
    }


def test_001_shouru_zhichu_juesuan_zongbiao_class_rows():
    # p6 收入支出决算总表: "一、一般公共预算财政拨款收入 2,940.05 一、一般公共服务支出 2,106.66",
    # "八、其他收入 6.20 八、社会保障和就业支出 326.71"
    assert {
        ("p6 l4 t2 r3 c4", "201", "all", "2,106.66"),
        ("p6 l4 t2 r10 c4", "208", "all", "326.71"),
        ("p6 l4 t2 r21 c4", "221", "all", "445.69"),
    } <= _items("001")


def test_001_fiscal_summary_class_rows_per_fund():
    # p12 财政拨款收入支出决算总表: "八、社会保障和就业支出 326.71 326.71" under 合计 and 一般公共预算财政拨款
    assert {
        ("p12 l3 t5 r10 c4", "208", "fiscal_appropriation", "326.71"),
        ("p12 l3 t5 r10 c5", "208", "general_public_budget", "326.71"),
    } <= _items("001")


def test_010_income_fund_line_is_not_an_expenditure_class():
    # p14 "三、国有资本经营预算 0.00" is the income side of 2026年部门财政拨款收支预算总表
    assert not any(code == "223" for _, code, _, _ in _items("010"))


@pytest.mark.parametrize(
    ("number", "locator", "printed"),
    [
        # 005 p31 部门“三公”经费和机关运行经费预算表 "47.91 0 1.35 46.56 25 21.56 443.18";
        # p32 l10 "…机关运行经费预算为443.18万元"
        ("005", "p31 l3 t9 r4 c7", "443.18"),
        # 010 p21 "10.81 0 0.83 9.98 0 9.98 217.83"
        ("010", "p21 l3 t9 r4 c7", "217.83"),
    ],
)
def test_office_operation_column_of_the_three_public_table(number, locator, printed):
    path = corpus_file(number)
    found = [
        (str(f.evidence.locator), f.evidence.reported_amount)
        for f in sample_facts(read_document(path))
        if isinstance(f, TotalFact) and f.measure == "office_operation_expense"
    ]
    assert found == [(locator, printed)]
