"""The narrative extractor on prose read back from a generated PDF (lines as the PDF reader returns them)."""

from decimal import Decimal

from ingestion.extract.facts import LineItemFact, TotalFact
from ingestion.extract.narrative import extract_narrative
from ingestion.extract.narrative.ratios import extract_stated_ratios
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


def test_path_titled_items_of_a_final_account_from_a_pdf(tmp_path):
    truth = render_disclosure(tmp_path / "paths.pdf", "final_account_item_paths")
    document = read_document(truth.path)
    assert any("（类）" in line and "（项）" not in line for line in truth.prose)  # a path wraps over lines
    facts = extract_narrative(document.text_lines(), doc_kind=truth.kind, fiscal_year=truth.year)
    read = {}
    for fact in facts:
        if isinstance(fact, LineItemFact):
            read.setdefault(fact.functional_subject_code, {})[fact.amount_kind] = int(fact.evidence.amount_yuan)
    assert read == truth.prose_items
    ratios = [r for r in extract_stated_ratios(document.text_lines()) if r.kind == "completion_rate"]
    assert len(ratios) == len(truth.prose_items) and all(r.actual is not None and r.budget is not None for r in ratios)
