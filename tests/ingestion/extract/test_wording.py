"""Flagged spots of prose sentences: what is found, where, and what is deliberately not flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.document import DocumentBuilder
from ingestion.extract.structure import extract_sections
from ingestion.extract.wording import extract_sentence_flags, sentence_flag_row
from ingestion.readers import read_document


def flags_of(*lines: str):
    builder = DocumentBuilder("x.txt", "txt", "0" * 64)
    for line in lines:
        builder.add_line(line)
    return [(fact.flag, fact.matched_text, fact.value) for fact in extract_sentence_flags(builder.build())]


def test_each_flag_and_its_value():
    assert flags_of(
        "公务接待费支出决算数比预算数增加（减少）0万元，主要原因是。",
        "本年支出1,226.42万元,其中基本支出1012.86，项目支出213.56万元。",
        "一般公共预算支出比上年增长12.5，占本年支出合计的82.59%。",
        "注:本部门2024年无政府性基金预算财政拨款安排的预算,故本表为空表。",
    ) == [
        ("placeholder", "增加(减少)", None),
        ("truncated_explanation", "主要原因是。", None),
        ("amount_without_unit", "其中基本支出1012.86", "1012.86"),
        ("rate_without_percent", "一般公共预算支出比上年增长12.5", "12.5"),
        ("year", "2024年", "2024"),
        ("empty_statement", "无政府性基金预算财政拨款安排的预算", "government_fund_expenditure"),
    ]


def test_a_subject_printed_with_its_code_is_flagged_with_or_without_an_amount():
    assert flags_of(
        "1、2010301 一般行政管理事务：主要用于机关日常运转。", "公共安全支出（204类）司法（06款）5万元。"
    ) == [
        ("subject_mention", "一般行政管理事务", "2010301"),
        ("subject_mention", "公共安全支出", "204"),
        ("subject_mention", "司法", "20406"),
    ]


def test_comparisons_periods_dates_and_cut_off_figures_are_not_flagged():
    assert (
        flags_of(
            "比2023年预算执行数减少57.14%。",
            "《上海市2021-2025年规划》已于2025年1月印发。",
            "较上年减少0.03万元，人员18人。",
            "收入合计1234.56",  # the excerpt stops here: its unit may follow
        )
        == []
    )


def test_sample_004_prints_an_amount_without_its_unit_and_template_residue(sample_path):
    """那曲 2023 final account (sample 004) l72 and l184, checked by hand."""
    facts = extract_sentence_flags(read_document(sample_path("nagqu")))
    found = {(fact.flag, str(fact.locator)) for fact in facts if fact.flag != "year"}
    assert ("amount_without_unit", "l72") in found
    assert ("placeholder", "l184") in found
    row = sentence_flag_row("doc", next(fact for fact in facts if fact.flag == "amount_without_unit"))
    assert row["value"] == "1012.86" and row["source_page"] is None


CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "pdf"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="real PDF corpus not found beside the checkout")
def test_wanli_2024_says_its_three_public_table_is_empty_beside_47_91():
    """005 p31: the 三公 table prints 合计 47.91 (万元) and the note below it says
    "注:本部门2024年无“三公”经费和机关运行经费预算,故本表为空表。" — the statement the warehouse contradicts."""
    document = read_document(CORPUS / "005_sh_putuo_wanlijiedao_2024_yusuan.pdf")
    statements = [fact for fact in extract_sentence_flags(document) if fact.flag == "empty_statement"]
    three_public = [fact for fact in statements if fact.value == "three_public"]
    assert [str(fact.locator) for fact in three_public] == ["p31 l4"]
    assert "故本表为空表" in three_public[0].source_text
    table = next(s for s in extract_sections(document) if s.kind == "table" and s.standard_table == "three_public")
    assert str(table.locator) == "p31 l1" and table.nonzero_figures >= 4


@pytest.mark.skipif(not CORPUS.is_dir(), reason="real PDF corpus not found beside the checkout")
def test_putuo_justice_2026_prints_its_subjects_with_codes():
    """010 p8-p9: 13 numbered paths such as "1、公共安全支出(204类)司法(06款)行政运行(01项)1672.67万元。",
    each level with its code (39 mentions); item 11 names 210 by its pre-2018 name."""
    document = read_document(CORPUS / "010_sh_putuo_sifaju_2026_bumen_yusuan.pdf")
    flags = extract_sentence_flags(document)
    mentions = [(fact.value, fact.matched_text) for fact in flags if fact.flag == "subject_mention"]
    assert len(mentions) == 39
    assert mentions[:3] == [("204", "公共安全支出"), ("20406", "司法"), ("2040601", "行政运行")]
    assert ("210", "医疗卫生与计划生育支出") in mentions and ("2101101", "行政单位医疗") in mentions
