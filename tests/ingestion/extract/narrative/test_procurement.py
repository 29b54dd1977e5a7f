"""政府采购: the total and its goods / works / services parts."""

from ingestion.extract.facts import TotalFact
from tests.ingestion.extract.narrative.support import read_prose


def test_procurement_total_and_parts():
    facts = read_prose(
        "2020年厦门市委网信办政府采购预算总额245.26万元，其中：政府采购货物预算0.26万元，政府采购工程预算0万元,"
        "政府采购服务预算245万元。",
        "（二）政府采购预算：2020 年年初预算数为 75 万元。包含：货物 25 万元、工程 0 万元、服务 50 万元。",
    )
    measures = [(f.measure, f.evidence.reported_amount) for f in facts if isinstance(f, TotalFact)]
    assert measures == [
        ("procurement_total", "245.26万元"),
        ("procurement_goods", "0.26万元"),
        ("procurement_works", "0万元"),
        ("procurement_services", "245万元"),
        ("procurement_total", "75 万元"),
        ("procurement_goods", "25 万元"),
        ("procurement_works", "0 万元"),
        ("procurement_services", "50 万元"),
    ]
