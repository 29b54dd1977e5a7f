"""Summary tables (收支总表) on the samples: totals printed as label / amount pairs."""

from ingestion.extract.facts import TotalFact
from ingestion.readers import read_document
from tests.ingestion.extract.tables.support import sample_facts


def test_zhuzhou_summary_table_totals(sample_path):
    facts = [f for f in sample_facts(read_document(sample_path("zhuzhou"))) if isinstance(f, TotalFact)]
    measures = {(f.measure, f.evidence.reported_amount) for f in facts}
    assert {("income_total", "472.74"), ("expenditure_total", "472.74"), ("basic_expenditure", "292.74"),
            ("project_expenditure", "180.00")} <= measures  # fmt: skip
