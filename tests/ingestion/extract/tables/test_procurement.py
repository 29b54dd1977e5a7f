"""政府采购预算表: the total, its goods / works / services parts, and the project and item lines under them
(generated and real tables)."""

from collections import defaultdict
from decimal import Decimal

import pytest

from ingestion.extract.facts import IssueFact, ProcurementLineFact, TotalFact
from ingestion.readers import read_document
from tests.corpus import corpus_file
from tests.ingestion.extract.tables.support import sample_facts, table_document

HEADER = ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"]
PROCUREMENT = [
    HEADER,
    ["合计", "", "", "", "", "2,247.85"],
    ["一、货物A", "", "", "", "", "59.00"],
    ["", "办公设备购置费", "办公设备购置", "", "", "59.00"],
    ["", "", "", "台式计算机", "分散自行组织", "10.00"],
    ["", "", "", "家具用具", "分散自行组织", "49.00"],
    ["二、工程B", "", "", "", "", ""],
    ["三、服务C", "", "", "", "", "2,188.85"],
    ["", "物业管理费", "维修(护)费", "", "", "1,838.85"],
    ["", "", "", "物业管理服务", "部门集中采购", "1,818.85"],
    ["", "", "", "", "分散自行组织", "20.00"],  # the item's name is a merged cell over both rows
    ["", "", "物业管理费", "", "", "350.00"],  # same project (merged cell), another economic subject
    ["", "", "", "其他服务", "分散自行组织", "350.00"],
]


def _procurement(facts):
    return {(f.measure, f.amount_kind, f.evidence.reported_amount) for f in facts if isinstance(f, TotalFact)}


def _lines(facts):
    return [
        (f.procurement_kind, f.line_level, f.project_name, f.economic_subject_name, f.item_name,
         f.organisation_form, f.evidence.reported_amount)
        for f in facts
        if isinstance(f, ProcurementLineFact)
    ]  # fmt: skip


def _issues(facts, kind):
    return [f for f in facts if isinstance(f, IssueFact) and f.issue_kind == kind]


def test_total_and_parts_are_read_and_a_blank_part_is_not_zero():
    facts = sample_facts(table_document("2021年政府采购预算表", PROCUREMENT))
    assert _procurement(facts) == {
        ("procurement_total", "budget", "2,247.85"),
        ("procurement_goods", "budget", "59.00"),
        ("procurement_services", "budget", "2,188.85"),
    }


def test_project_and_item_lines_are_read_under_their_kind_with_merged_names_carried_down():
    facts = sample_facts(table_document("2021年政府采购预算表", PROCUREMENT))
    assert _lines(facts) == [
        ("goods", "project", "办公设备购置费", "办公设备购置", None, None, "59.00"),
        ("goods", "item", "办公设备购置费", "办公设备购置", "台式计算机", "分散自行组织", "10.00"),
        ("goods", "item", "办公设备购置费", "办公设备购置", "家具用具", "分散自行组织", "49.00"),
        ("services", "project", "物业管理费", "维修(护)费", None, None, "1,838.85"),
        ("services", "item", "物业管理费", "维修(护)费", "物业管理服务", "部门集中采购", "1,818.85"),
        ("services", "item", "物业管理费", "维修(护)费", "物业管理服务", "分散自行组织", "20.00"),
        ("services", "project", "物业管理费", "物业管理费", None, None, "350.00"),
        ("services", "item", "物业管理费", "物业管理费", "其他服务", "分散自行组织", "350.00"),
    ]
    assert not _issues(facts, "table_not_modelled") and not _issues(facts, "amount_not_read")


def test_a_line_under_no_known_kind_or_project_is_left_out_with_an_issue():
    rows = [
        HEADER,
        ["合计", "", "", "", "", "30.00"],
        ["", "", "", "台式计算机", "分散自行组织", "5.00"],  # before any kind row
        ["四、其他D", "", "", "", "", "25.00"],  # a kind the warehouse does not know
        ["", "办公设备购置费", "办公设备购置", "", "", "25.00"],
        ["一、货物A", "", "", "", "", "5.00"],
        ["", "", "", "复印机", "分散自行组织", "5.00"],  # an item under no project
    ]
    facts = sample_facts(table_document("政府采购预算表", rows))
    assert _lines(facts) == []
    assert {f.source_text.split("\t")[-1] for f in _issues(facts, "amount_not_read")} == {"5.00", "25.00"}
    assert len(_issues(facts, "amount_not_read")) == 4


def test_a_table_whose_header_names_no_item_columns_stays_not_modelled():
    rows = [["项目", "金额"], ["合计", "30.00"], ["一、货物", "30.00"], ["办公设备", "30.00"]]
    facts = sample_facts(table_document("政府采购预算表", rows))
    assert _lines(facts) == []
    assert _issues(facts, "table_not_modelled")
    assert ("procurement_goods", "budget", "30.00") in _procurement(facts)


PROJECT_015 = "网络、电子检务、实验室、机要通道、档案数字化系统运行维护费"
# The printed totals of each real 政府采购预算表: the kind rows and the 合计 (read off the page), and a few
# lines each. The project lines of a kind and its item lines both add up to the kind's total.
REAL = {
    # 012 p20 2017年政府采购预算表: 合计 2,247.85, 一、货物A 59.00; p21 三、服务C 2,188.85;
    # p21 办公设备购置费 | 办公设备购置 59.00; p22 江苏省第十二届人代会五次会议经费 | 会议费 950.00, 会议服务 950.00
    "012": (
        {"procurement_total": "2,247.85", "procurement_goods": "59.00", "procurement_services": "2,188.85"},
        [
            ("goods", "project", "办公设备购置费", "办公设备购置", None, None, "59.00"),
            ("services", "project", "江苏省第十二届人代会五次会议经费", "会议费", None, None, "950.00"),
            ("services", "item", "江苏省第十二届人代会五次会议经费", "会议费", "会议服务", "分散自行组织", "950.00"),
        ],
    ),
    # 014 p12 2019年政府采购预算表: 合计 2,416.43, 一、货物A 233.10, 三、服务C 2,183.33;
    # 信息化建设经费 | 其他商品和服务支出 180.00, 图书和档案 2.78
    "014": (
        {"procurement_total": "2,416.43", "procurement_goods": "233.10", "procurement_services": "2,183.33"},
        [
            ("goods", "project", "信息化建设经费", "其他商品和服务支出", None, None, "180.00"),
            ("goods", "item", "办公设备购置费", "办公设备购置", "图书和档案", "分散自行组织", "2.78"),
        ],
    ),
    # 015 p20 公开12表:政府采购支出预算表: 合计 3,096.24, 一、货物A 268.00; p21 三、服务C 2,828.24,
    # 专用设备购置 40.00 under the project printed on p20 (merged cell); p22 物业管理服务 printed once
    # over 部门集中采购 330.00 and 分散自行组织 20.00
    "015": (
        {"procurement_total": "3,096.24", "procurement_goods": "268.00", "procurement_services": "2,828.24"},
        [
            ("goods", "project", PROJECT_015, "专用设备购置", None, None, "40.00"),
            ("services", "item", "物业管理费", "物业管理费", "物业管理服务", "部门集中采购", "330.00"),
            ("services", "item", "物业管理费", "物业管理费", "物业管理服务", "分散自行组织", "20.00"),
        ],
    ),
    # 019 p12 2018年政府采购预算表: 合计 1,281.76, 一、货物A 355.67, 三、服务C 926.09;
    # 省政协专项会议 | 会议费 55.67 (goods), 印刷品 15.16
    "019": (
        {"procurement_total": "1,281.76", "procurement_goods": "355.67", "procurement_services": "926.09"},
        [
            ("goods", "project", "省政协专项会议", "会议费", None, None, "55.67"),
            ("goods", "item", "省政协专项会议", "会议费", "印刷品", "分散自行组织", "15.16"),
        ],
    ),
}


@pytest.fixture(scope="module", params=sorted(REAL))
def real(request):
    return request.param, sample_facts(read_document(corpus_file(request.param)))


def test_real_procurement_totals_and_lines(real):
    number, facts = real
    totals, lines = REAL[number]
    table_totals = {(f.measure, f.evidence.reported_amount) for f in facts if isinstance(f, TotalFact)}
    assert set(totals.items()) <= table_totals
    assert set(lines) <= set(_lines(facts))
    assert not [f for f in _issues(facts, "table_not_modelled") if "采购" in f.detail]


def test_real_procurement_lines_add_up_to_their_kind_at_each_level(real):
    number, facts = real
    totals, _ = REAL[number]
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for fact in facts:
        if isinstance(fact, ProcurementLineFact):
            sums[(fact.procurement_kind, fact.line_level)] += fact.evidence.value
    for kind in ("goods", "services"):
        printed = Decimal(totals[f"procurement_{kind}"].replace(",", ""))
        assert sums[(kind, "project")] == sums[(kind, "item")] == printed, (number, kind)
