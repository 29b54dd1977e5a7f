"""政府采购: the total and its goods / works / services parts."""

from ingestion.extract.facts import TotalFact
from tests.ingestion.extract.narrative.support import read_prose

TOTAL_AND_PARTS = ("procurement_total", "procurement_goods", "procurement_works", "procurement_services")


def procurement_measures(*lines: str) -> list[tuple[str, str]]:
    """(measure, printed amount) of every total read from these prose lines, in order."""
    return [(f.measure, f.evidence.reported_amount) for f in read_prose(*lines) if isinstance(f, TotalFact)]


def test_procurement_total_and_parts():
    assert procurement_measures(
        "2020年厦门市委网信办政府采购预算总额245.26万元，其中：政府采购货物预算0.26万元，政府采购工程预算0万元,"
        "政府采购服务预算245万元。",
        "（二）政府采购预算：2020 年年初预算数为 75 万元。包含：货物 25 万元、工程 0 万元、服务 50 万元。",
    ) == [
        *zip(TOTAL_AND_PARTS, ("245.26万元", "0.26万元", "0万元", "245万元"), strict=True),
        *zip(TOTAL_AND_PARTS, ("75 万元", "25 万元", "0 万元", "50 万元"), strict=True),
    ]


def test_procurement_parts_printed_as_purchase_amounts():
    # 上海市普陀区财政局 2024 决算, p24: the parts as 货物采购金额 / 工程采购金额 / 服务采购金额, in 万元 and in 元.
    assert procurement_measures(
        "（二）政府采购支出情况",
        "上海市普陀区财政局2024年度政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元、"
        "工程采购金额0万元、服务采购金额246.47万元。",
        "本部门政府采购金额为33,500元，其中：货物采购金额12,000元、服务采购金额21,500元。",
    ) == [
        *zip(TOTAL_AND_PARTS, ("251.25万元", "4.79万元", "0万元", "246.47万元"), strict=True),
        ("procurement_total", "33,500元"),
        ("procurement_goods", "12,000元"),
        ("procurement_services", "21,500元"),  # no 工程 printed: no works part
    ]
