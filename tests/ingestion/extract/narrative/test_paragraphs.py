"""Sentences wrapped over lines are joined back; short lines are not."""

from ingestion.document import Locator, TextLine
from ingestion.extract.facts import TotalFact
from ingestion.extract.narrative import extract_narrative
from tests.ingestion.extract.narrative.support import read_prose, wrapped_lines


def test_a_sentence_wrapped_over_lines_keeps_labels_and_line_locators():
    lines = [TextLine("二、支出预算", Locator(page=1, line=1))] + [
        TextLine(line.text, Locator(page=1, line=line.locator.line + 1))
        for line in wrapped_lines(
            "2020年支出预算为1841.55万元。基本支出678.55万元，其中，人员支出559.22万元，公用支出119.33万元；"
            "项目支出1163万元，主要用于网络舆情监测和网络安全宣传等工作，确保各项工作顺利开展。",
            width=44,
        )
    ]
    facts = extract_narrative(lines, doc_kind="budget")
    found = {
        (f.measure, f.evidence.reported_amount, f.evidence.locator.line) for f in facts if isinstance(f, TotalFact)
    }
    # lines 2-4: "…基本支出678.55" / "万元，…公用支出119." / "33万元；项目支出1163万元…"
    assert found == {
        ("expenditure_total", "1841.55万元", 2),
        ("basic_expenditure", "678.55万元", 2),  # its unit is printed on line 3
        ("personnel_expenditure", "559.22万元", 3),
        ("public_expenditure", "119.33万元", 3),  # the number itself is cut by the line break
        ("project_expenditure", "1163万元", 4),
    }
    assert all(f.evidence.reported_amount in f.evidence.source_text for f in facts)


def test_short_lines_are_not_joined():
    facts = read_prose("其中：人员经费49.33万元", "日常公用经费8.3万元", "年初项目15万元")
    assert [f.measure for f in facts] == [
        "personnel_expenditure",
        "public_expenditure",
        "project_expenditure",
    ]
