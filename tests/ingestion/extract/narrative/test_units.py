"""Units per sentence: a bare number takes its sentence's unit; a printed unit is overruled only on the
evidence of the sums."""

from decimal import Decimal

from ingestion.extract.facts import LineItemFact, TotalFact
from tests.ingestion.extract.narrative.support import issues_of, read_prose, totals_of


def test_a_bare_number_takes_the_sentence_unit_and_is_flagged():
    facts = read_prose("2020年一般公共预算支出决算数为223.34，完成预算100%。", doc_kind="final_account")
    [total] = [f for f in facts if isinstance(f, TotalFact)]
    assert (total.measure, total.evidence.reported_amount, total.evidence.reported_unit) == (
        "general_public_budget_expenditure",
        "223.34",
        "万元",
    )
    assert total.evidence.amount_yuan == Decimal("2233400.00")
    assert len(issues_of(facts, "narrative_unit_assumed")) == 1
    mixed = read_prose("本年支出1,226.42万元,其中基本支出1012.86，项目支出213.56万元。", doc_kind="final_account")
    assert totals_of(mixed)[("basic_expenditure", "actual", "all")] == "1012.86"


_XIAMEN_LIST = (
    "2020年度一般公共预算支出1841.55万元。支出项目(按项级科目分类统计)包括：",
    "（1） 行政运行1183.39元。主要用于机关在职人员支出（工资及津补贴奖金等）274.66万元，"
    "公用支出80.73万元和项目支出828万元。",
    "（2） 事业运行291.79万元。",
    "（3） 其他网信事务支出320万元。",
    "（4） 行政单位医疗5.66万元。",
    "（5） 事业单位医疗6.21万元。",
    "（6） 公务员医疗补助2.09万元。",
    "（二）事业单位离退休1.4万元。",
    "（三）机关事业单位基本养老保险缴费支出31.01万元。",
)


def test_unit_anomaly_is_converted_on_the_evidence_of_the_sums_and_flagged():
    facts = read_prose(*_XIAMEN_LIST)
    item = next(f for f in facts if isinstance(f, LineItemFact) and f.functional_subject_code == "2013701")
    evidence = item.evidence
    assert (evidence.reported_amount, evidence.reported_unit, evidence.amount_yuan) == (
        "1183.39元",
        "万元",
        Decimal("11833900.00"),
    )
    assert "1183.39元" in evidence.source_text
    [anomaly] = issues_of(facts, "unit_anomaly")
    assert "add up to the stated 1841.55万元" in anomaly.detail
    assert "(274.66万元 + 80.73万元 + 828万元) add up to 1183.39万元" in anomaly.detail


def test_an_odd_unit_without_supporting_sums_is_kept_as_printed():
    facts = read_prose(_XIAMEN_LIST[1].split("。")[0] + "。", *_XIAMEN_LIST[2:5])
    item = next(f for f in facts if isinstance(f, LineItemFact) and f.functional_subject_code == "2013701")
    assert (item.evidence.reported_unit, item.evidence.amount_yuan) == ("元", Decimal("1183.39"))
    assert len(issues_of(facts, "unit_suspect")) == 1
