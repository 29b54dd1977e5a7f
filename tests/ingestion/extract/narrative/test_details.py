"""Numbers in prose that are not amounts: changes, percentages, headcounts."""

from decimal import Decimal

from ingestion.extract.narrative import extract_narrative_details
from tests.ingestion.extract.narrative.support import prose_lines, read_prose, totals_of


def test_percentages_changes_thresholds_and_counts_are_not_amounts():
    result = extract_narrative_details(
        prose_lines(
            "与2019年相比，收入总计减少157.39万元，下降40.01%;支出总计减少148.94万元，下降40.01%。",
            "公务接待费支出决算比2019年增加（减少）0.14万元，增长（下降）0%。",
            "单价50万元以上通用设备0台（套），单价100万元（含）以上专用设备0台（套）。"
            "单位价值 200 万以上大型设备 0 套。",
            "本部门共有编制人数 18 人（其中行政编制 12 人、参公编制 6 人），实有在编在岗人数 13 人。",
            "国内公务接待8批次，80人次（不包括陪同人员）。",
        ),
        doc_kind="final_account",
    )
    assert result.facts == []
    assert [(c.direction, c.evidence.reported_amount) for c in result.changes] == [
        ("decrease", "157.39万元"),
        ("decrease", "148.94万元"),
        ("unspecified", "0.14万元"),
    ]
    assert [(p.kind, p.printed) for p in result.percentages] == [
        ("change", "40.01%"),
        ("change", "40.01%"),
        ("change", "0%"),
    ]
    assert [(s.label, s.count) for s in result.staffing] == [
        ("编制人数", 18),
        ("行政编制", 12),
        ("参公编制", 6),
        ("在编在岗人数", 13),
    ]


def test_a_change_word_before_the_label_makes_the_amount_a_change():
    # 012 p23 and 015 p24: 增加/减少 + label + amount is a year-on-year change, not the measure.
    result = extract_narrative_details(
        prose_lines(
            "主要原因是政策性增资、住房公积金和提租补贴调整等原因,增加基本支出 844.15 万元。",
            "主要原因是退休人员基本养老金由社保中心发放,这一因素较上年减少部门支出 1,653 万元。",
            "比上年增加的项目支出 40 万元。",
        ),
        doc_kind="budget",
    )
    assert result.facts == []
    assert [(c.direction, c.evidence.reported_amount) for c in result.changes] == [
        ("increase", "844.15 万元"),
        ("decrease", "1,653 万元"),
        ("increase", "40 万元"),
    ]
    stated = read_prose("此外,基本支出预算数为 13,994.31 万元。与上年相比增加 1,670.85 万元。")
    assert totals_of(stated) == {("basic_expenditure", "budget", "all"): "13,994.31 万元"}


def test_completion_rates_and_shares():
    result = extract_narrative_details(
        prose_lines("2020年“三公”经费财政拨款支出决算为0.8万元，完成预算100%，占本年支出合计的0.36%。"),
        doc_kind="final_account",
    )
    assert [(p.kind, p.value) for p in result.percentages] == [
        ("completion_rate", Decimal("100")),
        ("share", Decimal("0.36")),
    ]
