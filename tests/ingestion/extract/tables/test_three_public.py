"""三公 tables on the samples (values read by hand): categories as columns and as rows."""

from ingestion.extract.facts import ThreePublicFact
from ingestion.readers import read_document
from tests.ingestion.extract.tables.support import sample_facts


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
