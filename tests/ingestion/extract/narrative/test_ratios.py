"""Stated ratios: each sentence form on small inputs, and golden values from the 巴中 and 那曲 samples.

Every figure asserted for the samples was read by hand from warehouse/samples/*.txt (the first column of
the golden tables is the file's line number); the arithmetic in the comments is what dbt's
int_ratio_checks_evaluated recomputes, worked out by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from ingestion.extract.narrative.ratio_labels import clean_label, labels_match
from ingestion.extract.narrative.ratios import extract_stated_ratios, read_ratios, stated_ratio_row
from ingestion.readers import read_document
from ingestion.schemas import StatedRatioFrame
from ingestion.vocabulary.percentages import rate_direction, ratio_kind


def _yuan(figure) -> str | None:
    return None if figure is None else f"{figure.yuan / 10000:.2f}"


def _one(text: str, **kwargs):
    (fact,) = read_ratios(text, **kwargs)
    return fact


# --- words before a percentage ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "kind"),
    [
        ("占", "share"),
        ("占本年支出合计的", "share"),
        ("占“三公”经费的", "share"),
        ("占比为", "share"),
        ("完成预算", "completion_rate"),
        ("完成年初预算的", "completion_rate"),
        ("支出", "completion_rate"),
        ("下降", "change"),
        ("增长/下降", "change"),
        ("增长(下降)", "change"),
        ("比2023年预算执行数减少", "change"),
        ("降幅 ", "change"),
        ("处置率到达", None),
        ("满意度≥", None),
    ],
)
def test_ratio_kind_from_the_words_before_the_percentage(before, kind):
    assert ratio_kind(before) == kind


@pytest.mark.parametrize(
    ("before", "direction"),
    [("下降", "decrease"), ("增长", "increase"), ("降幅 ", "decrease"), ("增长/下降", "unspecified"),
     ("增长(下降)", "unspecified"), ("比2023年预算执行数增加", "increase")],
)  # fmt: skip
def test_rate_direction(before, direction):
    assert rate_direction(before) == direction


def test_labels_match_ignores_years_and_reads_shou_zhi_as_both_sides():
    assert labels_match("收入总计", "2020年度收、支总计")
    assert labels_match("支出总计", "2020年度收、支总计")
    assert labels_match("公务接待费支出决算", "公务接待费支出")
    assert labels_match("因公出国(境)支出决算", "因公出国(境)经费支出")  # an abbreviation
    assert labels_match("收、支预算总计", "江苏省人大常委会办公厅2017年度收入、支出预算总计")
    assert not labels_match("财政拨款收入", "支出")
    assert not labels_match("辽宁省援藏资金", "2023年度财政拨款收入")


def test_clean_label_drops_numbering_intro_and_connectors():
    assert clean_label("其中：一般公共预算财政拨款收入") == "一般公共预算财政拨款收入"
    assert clean_label("3.公务接待费支出") == "公务接待费支出"
    assert clean_label("主要原因：一是辽宁省援藏资金增加") == "辽宁省援藏资金增加"
    assert clean_label("5.54060023T000000970247-两新组织党员活动经费") == "54060023T000000970247-两新组织党员活动经费"
    assert clean_label("年初预算为") == "年初预算"
    assert clean_label("收入总计") == "收入总计"  # 计 is part of the label, not a connector


# --- shares ----------------------------------------------------------------------------------------


def test_share_whole_is_the_sentences_first_amount():
    facts = read_ratios("本年支出合计223.34万元，其中：基本支出131.63万元，占58.94%；项目支出91.71万元，占41.06%。")
    assert [(f.kind, f.percent, _yuan(f.part), _yuan(f.whole), f.base_status) for f in facts] == [
        ("share", "58.94", "131.63", "223.34", "printed"),
        ("share", "41.06", "91.71", "223.34", "printed"),
    ]
    assert facts[0].subject_label == "基本支出"


def test_share_whole_named_by_zhan_x_de_is_looked_up_by_label():
    fact = read_ratios(
        "2020年，政府采购支出总额0万元，其中：政府采购货物支出0万元。授予中小企业合同金额0万元，占政府采购支出总额的0%。"
    )[0]
    assert (_yuan(fact.part), _yuan(fact.whole), fact.base_label, fact.base_status) == (
        "0.00",
        "0.00",
        "政府采购支出总额",
        "zero",
    )


def test_share_whole_named_but_not_printed_stays_null_with_a_reason():
    fact = _one("2020年一般公共预算财政拨款支出223.35万元，占本年支出合计的100%。")
    assert (_yuan(fact.part), fact.whole, fact.base_status) == ("223.35", None, "missing")
    assert fact.notes == ("the whole (本年支出合计) is not printed in this paragraph",)


def test_share_without_a_whole_in_the_sentence():
    facts = read_ratios(
        "2023年度“三公”经费支出决算中，因公出国（境）费支出决算0.00万元，占0%；公务接待费支出决算0.10万元，占1.02%。"
    )
    assert [(_yuan(f.part), f.whole) for f in facts] == [("0.00", None), ("0.10", None)]
    assert "the whole is not printed in this sentence" in facts[1].notes[0]


def test_share_whole_carried_from_a_list_introduction_and_from_the_previous_item():
    facts = read_ratios(
        "省检察院本年支出预算合计 21,955.35 万元,其中:\n基本支出 13,994.31万元,占 63.75%;\n"
        "项目支出 5,573 万元,占 25.38%;\n单位预留机动经费 2,388.04 万元,占 10.87%。"
    )
    assert [(_yuan(f.part), _yuan(f.whole)) for f in facts] == [
        ("13994.31", "21955.35"),
        ("5573.00", "21955.35"),
        ("2388.04", "21955.35"),
    ]
    assert "21,955.35" in facts[2].source_text and "10.87 %" not in facts[2].source_text


def test_share_amount_with_a_spaced_unit():
    fact = read_ratios("省检察院本年收入预算合计 21,955.35 万元,其中:一般公共预算收入 21,940.96 万 元 , 占 99.94 %;")[0]
    assert (_yuan(fact.part), _yuan(fact.whole), fact.printed_percent) == ("21940.96", "21955.35", "99.94 %")


# --- changes ---------------------------------------------------------------------------------------


def test_change_current_from_the_previous_sentence_of_the_paragraph():
    facts = read_ratios(
        "2020年度收、支总计236.01万元。与2019年相比，收入总计减少157.39万元，下降40.01%;支出总计减少148.94万元，下降40.01%。"
    )
    read = [(f.subject_label, _yuan(f.current), _yuan(f.change), f.base_label) for f in facts]
    assert read == [("收入总计", "236.01", "157.39", "2019年"), ("支出总计", "236.01", "148.94", "2019年")]
    assert {(f.change_direction, f.rate_direction) for f in facts} == {("decrease", "decrease")}
    assert facts[0].source_text.startswith("2020年度收、支总计236.01万元。")


def test_change_subjectless_comparison_takes_the_amount_before_it():
    fact = _one("机关运行经费支出184.65万元,比2023年度增加2.55万元,增长1.40%。主要原因是…")
    assert (_yuan(fact.current), _yuan(fact.change), fact.base_label, fact.base_status) == (
        "184.65",
        "2.55",
        "2023年度",
        "printed",
    )


def test_change_subjectless_sentence_opening_a_line_after_the_amount():
    text = "(一)收入预算总计13649.07万元。全部由省财政拨款。\n与上年相比增加844.15万元,增长6.59%。"
    fact = _one(text)
    assert (_yuan(fact.current), _yuan(fact.change)) == ("13649.07", "844.15")


def test_change_prior_and_current_printed_without_the_change_amount():
    fact = _one(
        "2023年当年预算执行数为60.13万元,2024年预算安排25.77万元,比2023年预算执行数减少57.14%。主要原因是:项目调整。"
    )
    assert (_yuan(fact.prior), _yuan(fact.current), fact.change, fact.rate_direction) == (
        "60.13",
        "25.77",
        None,
        "decrease",
    )
    assert fact.base_label == "2023年预算执行数"


def test_change_from_a_zero_prior():
    fact = _one("2023年当年预算执行数为0.00万元,2024年预算安排25.00万元,比2023年预算执行数增加100.00%。")
    assert (_yuan(fact.prior), _yuan(fact.current), fact.base_status) == ("0.00", "25.00", "zero")


def test_change_whose_current_figure_is_not_printed():
    fact = read_ratios(
        "与2022年度相比，财政拨款收入增加66.83万元，增长6.19%，"
        "主要原因：一是辽宁省援藏资金增加63.18万元，用于管网治网能力提升，较上年增长100%；"
    )[1]
    assert (fact.subject_label, fact.current, _yuan(fact.change), fact.base_status, fact.base_label) == (
        "辽宁省援藏资金",
        None,
        "63.18",
        "missing",
        "上年",
    )
    assert fact.notes == ("the current amount of 辽宁省援藏资金 is not printed in this paragraph",)


def test_change_with_template_directions_left_in():
    fact = _one("与2022年度相比，公务接待费支出增加（减少）0.14万元，下降59.56%，主要原因是…")
    assert (fact.change_direction, fact.rate_direction, _yuan(fact.change), fact.base_status) == (
        "unspecified",
        "decrease",
        "0.14",
        "missing",
    )


def test_change_zero_with_both_words_has_a_zero_base_when_the_item_is_zero():
    facts = read_ratios(
        "公务用车购置及运行维护费支出0万元,完成预算0%。公务用车购置及运行维护费支出决算比2019年增加/减少0万元，增长/下降0%。"
    )
    change = facts[1]
    assert (change.change_direction, change.rate_direction, _yuan(change.current), change.base_status) == (
        "unspecified",
        "unspecified",
        "0.00",
        "zero",
    )


# --- completion rates ------------------------------------------------------------------------------


def test_completion_budget_and_actual_of_the_clause_group():
    fact = _one(
        "2023年度一般公共预算财政拨款支出年初预算为1012.86万元，支出决算为1012.86万元，完成年初预算的100%。其中："
    )
    assert (_yuan(fact.actual), _yuan(fact.budget), fact.base_status) == ("1012.86", "1012.86", "printed")
    assert fact.subject_label == "2023年度一般公共预算财政拨款支出"


@pytest.mark.parametrize(
    ("rate_words", "budget", "status"),
    [
        # 完成年初预算 of a clause that prints 年初预算 0 and 全年预算 120: the rate is of the 年初预算 (zero base)
        ("完成年初预算的99.00%", "0.00", "zero"),
        ("完成全年预算的99.00%", "120.00", "printed"),
        ("完成调整预算的99.00%", "120.00", "printed"),
        ("完成预算的99.00%", "120.00", "printed"),  # no stage named: the last budget printed
    ],
)
def test_completion_takes_the_budget_its_words_name(rate_words, budget, status):
    fact = _one(f"一般公共预算财政拨款支出年初预算为0万元，全年预算为120.00万元，支出决算为118.80万元，{rate_words}。")
    assert (_yuan(fact.actual), _yuan(fact.budget), fact.base_status) == ("118.80", budget, status)


def test_completion_without_a_budget_names_the_subject_before_the_colon():
    fact = _one(
        "1.一般公共服务（类）宣传事务（款）其他宣传事务支出（项）: 支出决算为106.13万元，完成预算90.12%，"
        "决算数小于预算数的主要原因是项目未实施完成。"
    )
    assert (_yuan(fact.actual), fact.budget, fact.base_status) == ("106.13", None, "missing")
    assert fact.subject_label == "一般公共服务(类)宣传事务(款)其他宣传事务支出(项)"
    assert "the budget amount is not printed in this clause" in fact.notes


def test_completion_in_a_project_list():
    fact = _one(
        "5.54060023T000000970247-两新组织党员活动经费，用于两新组织党员活动等费用，年初预算1.7万元，支出1.7万元，支出100%。"
    )
    assert (_yuan(fact.actual), _yuan(fact.budget), fact.subject_label) == (
        "1.70",
        "1.70",
        "54060023T000000970247-两新组织党员活动经费",
    )


def test_unit_less_figure_is_read_in_the_document_unit_and_noted():
    fact = _one("2020年一般公共预算支出决算数为223.34，完成预算100%。")
    assert _yuan(fact.actual) == "223.34"
    assert "223.34 is printed without a unit; read as 万元" in fact.notes


def test_percentages_that_are_not_ratios_of_amounts_are_left_out():
    assert read_ratios("做好互联网重大突发事件应急处置工作，处置率到达90%。群众满意度≥90%。") == []


# --- the staging row -------------------------------------------------------------------------------


def test_rows_validate_against_the_staging_schema():
    facts = read_ratios(
        "2020年度收、支总计236.01万元。与2019年相比，收入总计减少157.39万元，下降40.01%。\n"
        "本年支出合计223.34万元，其中：基本支出131.63万元，占58.94%。\n"
        "项目全年预算数75万元，执行数为63.38万元，完成预算的84.51%。"
    )
    rows = [stated_ratio_row("a" * 16, fact) for fact in facts]
    frame = StatedRatioFrame.validate(pd.DataFrame(rows), lazy=True)
    assert list(frame["ratio_kind"]) == ["change", "share", "completion_rate"]
    change = rows[0]
    assert (change["current_yuan"], change["change_yuan"], change["part_yuan"], change["percent"]) == (
        "2360100.00",
        "1573900.00",
        None,
        "40.01",
    )
    assert change["figures_locator"] == "l1" and change["source_locator"] == "l1"
    assert len({row["stated_ratio_id"] for row in rows}) == 3


# --- golden values from the bundled samples --------------------------------------------------------


@pytest.fixture(scope="module")
def bazhong(sample_path):
    return _golden_rows(read_document(sample_path("bazhong")))


@pytest.fixture(scope="module")
def nagqu(sample_path):
    return _golden_rows(read_document(sample_path("nagqu")))


def _golden_rows(document) -> list[tuple]:
    return [
        (
            fact.locator.line,
            fact.kind,
            fact.printed_percent,
            *(
                _yuan(getattr(fact, name))
                for name in ("part", "whole", "current", "prior", "change", "actual", "budget")
            ),
            fact.base_status,
        )
        for fact in extract_stated_ratios(document.text_lines())
    ]


# (line, kind, printed, part, whole, current, prior, change, actual, budget, base status), hand-read.
BAZHONG_GOLDEN = [
    # 2020年度收、支总计236.01万元。与2019年相比，收入总计减少157.39万元，下降40.01%;
    # 支出总计减少148.94万元，下降40.01%。
    # 157.39 ÷ (236.01 + 157.39 = 393.40) = 40.0076% → 40.01 ✓; 148.94 ÷ 384.95 = 38.6907% ≠ 40.01 ✗
    (22, "change", "40.01%", None, None, "236.01", None, "157.39", None, None, "printed"),
    (22, "change", "40.01%", None, None, "236.01", None, "148.94", None, None, "printed"),
    # 本年支出合计223.34万元: 131.63 ÷ 223.34 = 58.9370% ✓, 91.71 ÷ 223.34 = 41.0630% ✓
    (31, "share", "58.94%", "131.63", "223.34", None, None, None, None, None, "printed"),
    (31, "share", "41.06%", "91.71", "223.34", None, None, None, None, None, "printed"),
    # 一般公共预算财政拨款支出223.35万元，占本年支出合计的100% — 本年支出合计 is not in the paragraph
    (43, "share", "100%", "223.35", None, None, None, None, None, None, "missing"),
    # 148.94 ÷ (223.35 + 148.94 = 372.29) = 40.0064% ✓
    (43, "change", "40.01%", None, None, "223.35", None, "148.94", None, None, "printed"),
    # 198.78 ÷ 223.35 = 88.9993% → 89 ✓; 8.8 → 3.9400% ✓; 5.2 → 2.3282% ✓; 10.57 → 4.7325% ✓
    (48, "share", "89%", "198.78", "223.35", None, None, None, None, None, "printed"),
    (48, "share", "3.94%", "8.80", "223.35", None, None, None, None, None, "printed"),
    (48, "share", "2.33%", "5.20", "223.35", None, None, None, None, None, "printed"),
    (48, "share", "4.73%", "10.57", "223.35", None, None, None, None, None, "printed"),
    # 公务接待费支出0.8万元 … 比2019年减少0.2万元，下降20%: 0.2 ÷ 1.0 = 20% ✓
    (80, "change", "20%", None, None, "0.80", None, "0.20", None, None, "printed"),
    # 项目全年预算数75万元，执行数为63.38万元，完成预算的84.51%: 63.38 ÷ 75 = 84.5067% ✓
    (120, "completion_rate", "84.51%", None, None, None, None, None, "63.38", "75.00", "printed"),
]

NAGQU_GOLDEN = [
    # 收入总计1,226.42万元 … 收入增加增长104.27万元，增长9.29%: 104.27 ÷ 1122.15 = 9.2920% ✓
    (63, "change", "9.29%", None, None, "1226.42", None, "104.27", None, None, "printed"),
    # 1163.24 ÷ 1226.42 = 94.8484% ✓; 63.19 ÷ 1226.42 = 5.1524% ✓
    (75, "share", "94.85%", "1163.24", "1226.42", None, None, None, None, None, "printed"),
    (75, "share", "5.15%", "63.19", "1226.42", None, None, None, None, None, "printed"),
    # 1012.86 ÷ 1226.42 = 82.5867% ✓; 213.56 ÷ 1226.42 = 17.4133% ✓
    (79, "share", "82.59%", "1012.86", "1226.42", None, None, None, None, None, "printed"),
    (79, "share", "17.41%", "213.56", "1226.42", None, None, None, None, None, "printed"),
    # 财政拨款收入1226.42万元 … 增加66.83万元，增长6.19%: 66.83 ÷ 1159.59 = 5.7632% ✗
    (83, "change", "6.19%", None, None, "1226.42", None, "66.83", None, None, "printed"),
    # 辽宁省援藏资金增加63.18万元 … 较上年增长100%: neither current nor prior printed
    (83, "change", "100%", None, None, None, None, "63.18", None, None, "missing"),
    # 1012.86万元，占本年支出合计的82.59% (whole not in the paragraph);
    # 下降66.92万元，下降6.2%: 66.92 ÷ 1079.78 = 6.1976% ✓
    (91, "share", "82.59%", "1012.86", None, None, None, None, None, None, "missing"),
    (91, "change", "6.2%", None, None, "1012.86", None, "66.92", None, None, "printed"),
    # of 1226.42: 986.76 → 80.4586% ✓, 98.65 → 8.0437% ✓, 79.53 → 6.4847% ✓, 59.98 → 4.8907% ≠ 5.02 ✗
    (95, "share", "80.46%", "986.76", "1226.42", None, None, None, None, None, "printed"),
    (95, "share", "8.04%", "98.65", "1226.42", None, None, None, None, None, "printed"),
    (95, "share", "6.48%", "79.53", "1226.42", None, None, None, None, None, "printed"),
    (95, "share", "5.02%", "59.98", "1226.42", None, None, None, None, None, "printed"),
    # 年初预算为1012.86万元，支出决算为1012.86万元，完成年初预算的100% ✓
    (99, "completion_rate", "100%", None, None, None, None, None, "1012.86", "1012.86", "printed"),
    # “三公” 预算9.78 / 决算9.78 → 100% ✓; 减少34.06万元，下降77.7%: 34.06 ÷ 43.84 = 77.6916% → 77.7 ✓
    (169, "completion_rate", "100%", None, None, None, None, None, "9.78", "9.78", "printed"),
    (169, "change", "77.7%", None, None, "9.78", None, "34.06", None, None, "printed"),
    # 公务接待费支出增加（减少）0.14万元，下降59.56%: current not in the paragraph
    (184, "change", "59.56%", None, None, None, None, "0.14", None, None, "missing"),
    # 机关运行经费73.07万元，比年初预算增加0.00万元，增长0% ✓
    (223, "change", "0%", None, None, "73.07", None, "0.00", None, None, "printed"),
]


@pytest.mark.parametrize("row", BAZHONG_GOLDEN, ids=lambda row: f"l{row[0]}-{row[2]}")
def test_bazhong_golden(bazhong, row):
    assert row in bazhong


@pytest.mark.parametrize("row", NAGQU_GOLDEN, ids=lambda row: f"l{row[0]}-{row[2]}")
def test_nagqu_golden(nagqu, row):
    assert row in nagqu


def test_golden_arithmetic_by_hand():
    """The comments above, as numbers: what passes and what does not at the printed precision."""

    def rounds_to(numerator: str, base: str, printed: str) -> bool:
        value = Decimal(numerator) * 100 / Decimal(base)
        places = Decimal(1).scaleb(-len(printed.partition(".")[2]))
        return value.quantize(places) == Decimal(printed)

    assert rounds_to("157.39", "393.40", "40.01")  # 巴中 收入总计
    assert not rounds_to("148.94", "384.95", "40.01")  # 巴中 支出总计: 38.69%
    assert rounds_to("131.63", "223.34", "58.94") and rounds_to("198.78", "223.35", "89")
    assert rounds_to("0.2", "1.0", "20") and rounds_to("63.38", "75", "84.51")
    assert rounds_to("104.27", "1122.15", "9.29")  # 那曲 收入
    assert not rounds_to("66.83", "1159.59", "6.19")  # 那曲 财政拨款收入: 5.76%
    assert not rounds_to("59.98", "1226.42", "5.02")  # 那曲 卫生健康支出: 4.89%
    assert rounds_to("34.06", "43.84", "77.7") and rounds_to("66.92", "1079.78", "6.2")


def test_every_sample_percentage_row_validates(bazhong, nagqu, sample_path):
    for key in ("bazhong", "nagqu"):
        facts = extract_stated_ratios(read_document(sample_path(key)).text_lines())
        frame = pd.DataFrame([stated_ratio_row("b" * 16, fact) for fact in facts])
        StatedRatioFrame.validate(frame, lazy=True)
        for fact in facts:
            for figure in fact.figures:
                assert figure.printed in fact.source_text or "‖" in fact.source_text
