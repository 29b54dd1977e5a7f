"""The narrative extractor on prose read back from a generated PDF (lines as the PDF reader returns them)."""

from decimal import Decimal

from ingestion.extract.facts import TotalFact
from ingestion.extract.narrative import extract_narrative
from ingestion.readers import read_document
from tools.fixtures.disclosure_pdf import render_disclosure


def test_prose_totals_from_a_pdf(tmp_path):
    truth = render_disclosure(tmp_path / "prose.pdf", "yuan_tables_wanyuan_prose")
    document = read_document(truth.path)
    facts = extract_narrative(document.text_lines(), doc_kind="budget", fiscal_year=truth.year)
    totals = {f.measure: f.evidence for f in facts if isinstance(f, TotalFact)}
    assert set(totals) == {"income_total", "expenditure_total"}
    for evidence in totals.values():
        assert evidence.amount_yuan == Decimal(truth.grand_total)
        assert evidence.reported_unit == "万元" and evidence.locator.page == 1
        assert evidence.reported_amount in evidence.source_text
