"""Code lists printed as prose lines (那曲): each line is one table row."""

from decimal import Decimal

from ingestion.readers import read_document
from tests.ingestion.extract.tables.support import line_items, sample_facts


def test_nagqu_code_list_in_prose(sample_path):
    facts = sample_facts(read_document(sample_path("nagqu")))
    housing = line_items(facts, functional_subject_code="2210201")
    assert [(f.evidence.reported_amount, f.evidence.amount_yuan, f.amount_kind) for f in housing] == [
        ("79.53万元", Decimal("795300.00"), "actual")
    ]
    assert line_items(facts, functional_subject_code="201")[0].evidence.reported_amount == "774.7万元"
