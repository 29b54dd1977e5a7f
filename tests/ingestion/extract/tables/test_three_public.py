"""三公 tables on the samples (values read by hand): categories as columns and as rows."""

from ingestion.extract.facts import ThreePublicFact, TotalFact
from ingestion.readers import read_document
from tests.ingestion.extract.tables.support import sample_facts, table_document


def test_zhuzhou_three_public_columns(sample_path):
    facts = [f for f in sample_facts(read_document(sample_path("zhuzhou"))) if isinstance(f, ThreePublicFact)]
    assert {(f.category, f.evidence.reported_amount) for f in facts} == {
        ("total", "13.00"),
        ("official_reception", "10.00"),
        ("vehicle", "3.00"),
        ("vehicle_operation", "3.00"),
    }


def test_mancheng_three_public_rows_by_year(sample_path):
    facts = [f for f in sample_facts(read_document(sample_path("mancheng"))) if isinstance(f, ThreePublicFact)]
    this_year = {(f.category, f.evidence.reported_amount) for f in facts if f.amount_kind == "budget"}
    assert this_year == {("overseas_travel", "0"), ("vehicle_purchase", "0"), ("vehicle_operation", "2.5"),
                         ("official_reception", "0.16"), ("total", "2.66")}  # fmt: skip
    assert {f.amount_kind for f in facts} == {"budget", "prior_year"}  # 2019年度预算 is the prior year


def test_the_office_operation_column_beside_the_three_public_columns():
    rows = [
        ["2024年“三公”经费预算数", "", "", "", "", "", "2024年机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""],
        ["", "", "", "小计", "购置费", "运行费", ""],
        ["47.91", "0", "1.35", "46.56", "25", "21.56", "443.18"],
    ]
    facts = sample_facts(table_document("部门“三公”经费和机关运行经费预算表", rows))
    totals = [(f.measure, f.amount_kind, f.evidence.reported_amount) for f in facts if isinstance(f, TotalFact)]
    assert totals == [("office_operation_expense", "budget", "443.18")]
    assert ("total", "47.91") in {(f.category, f.evidence.reported_amount) for f in facts if hasattr(f, "category")}
