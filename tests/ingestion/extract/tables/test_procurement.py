"""政府采购预算表: the total and its goods / works / services parts (generated and real tables)."""

import pytest

from ingestion.extract.facts import TotalFact
from ingestion.readers import read_document
from tests.corpus import corpus_file
from tests.ingestion.extract.tables.support import sample_facts, table_document

PROCUREMENT = [
    ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"],
    ["合计", "", "", "", "", "2,247.85"],
    ["一、货物A", "", "", "", "", "59.00"],
    ["", "办公设备购置费", "办公设备购置", "", "", "59.00"],
    ["", "", "", "台式计算机", "分散自行组织", "10.00"],
    ["二、工程B", "", "", "", "", ""],
    ["三、服务C", "", "", "", "", "2,188.85"],
]


def _procurement(facts):
    return {(f.measure, f.amount_kind, f.evidence.reported_amount) for f in facts if isinstance(f, TotalFact)}


def test_total_and_parts_are_read_and_a_blank_part_is_not_zero():
    facts = sample_facts(table_document("2021年政府采购预算表", PROCUREMENT))
    assert _procurement(facts) == {
        ("procurement_total", "budget", "2,247.85"),
        ("procurement_goods", "budget", "59.00"),
        ("procurement_services", "budget", "2,188.85"),
    }
    assert any(getattr(f, "issue_kind", None) == "table_not_modelled" for f in facts)  # the item rows


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        # 015 p20-21 公开12表:政府采购支出预算表: "合计 3,096.24", "一、货物A 268.00", "三、服务C 2,828.24"
        (
            "015",
            {("procurement_total", "3,096.24"), ("procurement_goods", "268.00"), ("procurement_services", "2,828.24")},
        ),
        # 019 p12 2018年政府采购预算表: "合计 1,281.76", "一、货物A 355.67", "三、服务C 926.09"
        (
            "019",
            {("procurement_total", "1,281.76"), ("procurement_goods", "355.67"), ("procurement_services", "926.09")},
        ),
    ],
)
def test_real_procurement_tables(number, expected):
    path = corpus_file(number)
    found = {(m, printed) for m, _, printed in _procurement(sample_facts(read_document(path))) if m.startswith("proc")}
    assert expected <= found
