"""Golden tests: what the narrative extractor reads from the prose of each bundled sample.

The tables below were checked line by line against the sample texts (warehouse/samples/*.txt; the first
column is the file's line number). Rows are (line, measure/category/code, …, amount as printed).
"""

from collections import Counter
from decimal import Decimal

import pytest

from ingestion.extract.facts import IssueFact, LineItemFact, ProjectFact, ThreePublicFact, TotalFact
from ingestion.extract.metadata import extract_metadata
from ingestion.extract.narrative import extract_narrative_details, is_table_line
from ingestion.extract.narrative.text import normalize, scan_numbers
from ingestion.readers import read_document

XIAMEN_TOTALS = [
    (55, "income_total", "budget", "all", "1841.55万元"),
    (58, "fiscal_appropriation_income", "budget", "all", "1841.55万元"),
    (58, "general_public_budget_income", "budget", "general_public_budget", "1841.55万元"),
    (58, "income_total", "budget", "government_fund", "0万元"),
    (60, "expenditure_total", "budget", "all", "1841.55万元"),
    (62, "basic_expenditure", "budget", "all", "678.55万元"),
    (62, "personnel_expenditure", "budget", "all", "559.22万元"),
    (62, "public_expenditure", "budget", "all", "119.33万元"),
    (64, "project_expenditure", "budget", "all", "1163万元"),
    (68, "general_public_budget_expenditure", "budget", "general_public_budget", "1841.55万元"),
    (105, "office_operation_expense", "budget", "all", "68.73万元"),
    (108, "procurement_total", "budget", "all", "245.26万元"),
    (108, "procurement_goods", "budget", "all", "0.26万元"),
    (108, "procurement_works", "budget", "all", "0万元"),
    (108, "procurement_services", "budget", "all", "245万元"),
    (114, "performance_target_total", "budget", "all", "1100万元"),
]

XIAMEN_THREE_PUBLIC = [
    (90, "total", "budget", "2万元"),
    (90, "official_reception", "budget", "2万元"),
    (93, "overseas_travel", "budget", "0万元"),
    (97, "official_reception", "budget", "2万元"),
    (100, "vehicle", "budget", "0万元"),
]

XIAMEN_LINE_ITEMS = [
    (70, "2013701", "total", "budget", "1183.39元"),
    (70, "2013701", "personnel", "budget", "274.66万元"),
    (70, "2013701", "public", "budget", "80.73万元"),
    (70, "2013701", "project", "budget", "828万元"),
    (72, "2013750", "total", "budget", "291.79万元"),
    (74, "2013799", "total", "budget", "320万元"),
    (76, "2101101", "total", "budget", "5.66万元"),
    (78, "2101102", "total", "budget", "6.21万元"),
    (80, "2101103", "total", "budget", "2.09万元"),
    (82, "2080502", "total", "budget", "1.4万元"),
    (84, "2080505", "total", "budget", "31.01万元"),
]

XIAMEN_PROJECTS = []

XIAMEN_ISSUES = [
    (70, "unit_anomaly"),
    (70, "subject_resolved_from_context"),
    (72, "subject_resolved_from_context"),
]

MANCHENG_TOTALS = [
    (35, "income_total", "budget", "all", "72.63万元"),
    (35, "general_public_budget_income", "budget", "general_public_budget", "72.63万元"),
    (37, "expenditure_total", "budget", "all", "72.63万元"),
    (38, "personnel_expenditure", "budget", "all", "49.33万元"),
    (39, "public_expenditure", "budget", "all", "8.3万元"),
    (40, "project_expenditure", "budget", "all", "15万元"),
    (49, "office_operation_expense", "budget", "all", "8.3万元"),
]

MANCHENG_THREE_PUBLIC = []

MANCHENG_LINE_ITEMS = [
    (49, "30201", "public", "budget", "0.3万元"),
    (49, "30207", "public", "budget", "2.4万元"),
    (49, "30231", "public", "budget", "2.5万元"),
    (49, "30217", "public", "budget", "0.16万元"),
    (49, "30239", "public", "budget", "2.94万元"),
]

MANCHENG_PROJECTS = []

MANCHENG_ISSUES = [
    (344, "narrative_amount_without_measure"),
    (49, "subject_resolved_from_context"),
]

BAZHONG_TOTALS = [
    (22, "grand_total", "actual", "all", "236.01万元"),
    (26, "income_total", "actual", "all", "215.04万元"),
    (26, "general_public_budget_income", "actual", "general_public_budget", "215.04万元"),
    (26, "income_total", "actual", "government_fund", "0万元"),
    (31, "expenditure_total", "actual", "all", "223.34万元"),
    (31, "basic_expenditure", "actual", "all", "131.63万元"),
    # 2020年财政拨款收、支总计236.01万元: the grand total of the fiscal appropriation.
    (36, "grand_total", "actual", "fiscal_appropriation", "236.01万元"),
    (31, "project_expenditure", "actual", "all", "91.71万元"),
    (43, "general_public_budget_expenditure", "actual", "general_public_budget", "223.35万元"),
    (48, "general_public_budget_expenditure", "actual", "general_public_budget", "223.35万元"),
    (52, "general_public_budget_expenditure", "actual", "general_public_budget", "223.34"),
    (61, "basic_expenditure", "actual", "general_public_budget", "131.63万元"),
    (63, "personnel_expenditure", "actual", "general_public_budget", "113.84万元"),
    (64, "public_expenditure", "actual", "general_public_budget", "17.8万元"),
    (87, "government_fund_expenditure", "actual", "government_fund", "0万元"),
    (91, "expenditure_total", "actual", "state_capital", "0万元"),
    (95, "office_operation_expense", "actual", "all", "0万元"),
    (99, "procurement_total", "actual", "all", "0万元"),
    (99, "procurement_goods", "actual", "all", "0万元"),
    (99, "procurement_works", "actual", "all", "0万元"),
    (99, "procurement_services", "actual", "all", "0万元"),
]

BAZHONG_THREE_PUBLIC = [
    (69, "total", "actual", "0.8万元"),
    (72, "overseas_travel", "actual", "0万元"),
    (72, "vehicle", "actual", "0万元"),
    (72, "official_reception", "actual", "0.8万元"),
    (75, "overseas_travel", "actual", "0万元"),
    (76, "vehicle", "actual", "0万元"),
    (77, "vehicle_purchase", "actual", "0万元"),
    (78, "vehicle_operation", "actual", "0万元"),
    (80, "official_reception", "actual", "0.8万元"),
]

BAZHONG_LINE_ITEMS = [
    (48, "201", "total", "actual", "198.78万元"),
    (48, "205", "total", "actual", "0万元"),
    (48, "206", "total", "actual", "0万元"),
    (48, "207", "total", "actual", "0万元"),
    (48, "208", "total", "actual", "8.8万元"),
    (48, "210", "total", "actual", "5.2万元"),
    (48, "221", "total", "actual", "10.57万元"),
    (53, "2013302", "total", "actual", "3.5万元"),
    (53, "2013350", "total", "actual", "72.71万元"),
    (53, "2013399", "total", "actual", "106.13万元"),
    (54, "2013799", "total", "actual", "16.43万元"),
    (56, "2080505", "total", "actual", "8.8万元"),
    (57, "2101102", "total", "actual", "5.2万元"),
    (58, "2210201", "total", "actual", "10.57万元"),
]

BAZHONG_PROJECTS = [
    (113, None, "接待费", "0.8万元", "0.8万元"),
    (115, None, "脱贫攻坚工作经费", "0.9万元", "0.9万元"),
    (117, None, "党建工作经费", "0.9万元", "0.9万元"),
    (118, None, "资料印刷费", "1.3万元", "1.3万元"),
    (120, None, "互联网维护与整治经费", "75万元", "63.38万元"),
]

BAZHONG_ISSUES = [
    (26, "narrative_amount_without_measure"),
    (26, "narrative_amount_without_measure"),
    (26, "narrative_amount_without_measure"),
    (26, "narrative_amount_without_measure"),
    (26, "narrative_amount_without_measure"),
    (31, "narrative_amount_without_measure"),
    (31, "narrative_amount_without_measure"),
    (31, "narrative_amount_without_measure"),
    (52, "narrative_unit_assumed"),
    (77, "narrative_amount_without_measure"),
    (77, "narrative_amount_without_measure"),
    (77, "narrative_amount_without_measure"),
    (82, "narrative_amount_without_measure"),
    (82, "narrative_amount_without_measure"),
    (82, "narrative_amount_unlabelled"),
    (84, "narrative_amount_without_measure"),
    (84, "narrative_amount_without_measure"),
    (99, "narrative_amount_without_measure"),
    (99, "narrative_amount_without_measure"),
]

ZHUZHOU_TOTALS = [
    (131, "income_total", "budget", "all", "472.74 万元"),
    (131, "general_public_budget_income", "budget", "general_public_budget", "472.74 万元"),
    (133, "expenditure_total", "budget", "all", "472.74 万元"),
    (139, "general_public_budget_income", "budget", "general_public_budget", "472.74 万元"),
    (143, "basic_expenditure", "budget", "general_public_budget", "292.74 万元"),
    (143, "public_expenditure", "budget", "general_public_budget", "109.68 万元"),
    (147, "project_expenditure", "budget", "general_public_budget", "180 万元"),
    (159, "office_operation_expense", "budget", "all", "109.68 万元"),
    (161, "procurement_total", "budget", "all", "75 万元"),
    (161, "procurement_goods", "budget", "all", "25 万元"),
    (161, "procurement_works", "budget", "all", "0 万元"),
    (161, "procurement_services", "budget", "all", "50 万元"),
    (165, "performance_target_total", "budget", "all", "472.74 万元"),
    (165, "basic_expenditure", "budget", "all", "292.74 万元"),
    (165, "project_expenditure", "budget", "all", "180 万元"),
]

ZHUZHOU_THREE_PUBLIC = [
    (167, "total", "budget", "13 万元"),
    (167, "official_reception", "budget", "10 万元"),
    (167, "vehicle_purchase", "budget", "0 万元"),
    (167, "vehicle_operation", "budget", "3 万元"),
    (167, "overseas_travel", "budget", "0 万元"),
]

ZHUZHOU_LINE_ITEMS = [
    (133, "201", "total", "budget", "472.74 万元"),
    (143, "30101", "personnel", "budget", "53.42 万元"),
    (143, "30102", "personnel", "budget", "37.37 万元"),
    (143, "30103", "personnel", "budget", "45.64 万元"),
    (169, "30215", "public", "budget", "0万元"),
    (169, "30216", "public", "budget", "0万元"),
]

ZHUZHOU_PROJECTS = [
    (149, None, "技术管网经费", "60 万元", None),
    (151, None, "网络舆论引导资金", "120 万元", None),
]

ZHUZHOU_ISSUES = [
    (135, "narrative_amount_unlabelled"),
]

NAGQU_TOTALS = [
    (63, "grand_total", "actual", "all", "1,226.42万元"),
    (63, "grand_total", "actual", "all", "1,226.42万元"),
    (67, "income_total", "actual", "all", "1,226.42万元"),
    (72, "expenditure_total", "actual", "all", "1,226.42万元"),
    (72, "basic_expenditure", "actual", "all", "1012.86"),
    (72, "project_expenditure", "actual", "all", "213.56万元"),
    (75, "income_total", "actual", "all", "1,226.42万元"),
    (75, "fiscal_appropriation_income", "actual", "all", "1,163.24万元"),
    (79, "expenditure_total", "actual", "all", "1,226.42万元"),
    (79, "basic_expenditure", "actual", "all", "1,012.86万元"),
    (79, "project_expenditure", "actual", "all", "213.56万元"),
    (83, "fiscal_appropriation_income", "actual", "all", "1226.42万元"),
    (83, "fiscal_appropriation_expenditure", "actual", "all", "1226.42万元"),
    # 财政拨款年末结转结余0.00万元: the fiscal appropriation's carry-forward.
    (85, "carry_forward", "actual", "fiscal_appropriation", "0.00万元"),
    (91, "general_public_budget_expenditure", "actual", "general_public_budget", "1012.86万元"),
    (95, "general_public_budget_expenditure", "actual", "general_public_budget", "1226.42万元"),
    (99, "general_public_budget_expenditure", "budget", "general_public_budget", "1012.86万元"),
    (99, "general_public_budget_expenditure", "actual", "general_public_budget", "1012.86万元"),
    (138, "basic_expenditure", "actual", "general_public_budget", "1,012.86万元"),
    (138, "personnel_expenditure", "actual", "general_public_budget", "939.79万元"),
    (138, "public_expenditure", "actual", "general_public_budget", "205.99万元"),
    (190, "performance_target_total", "actual", "all", "213.56万元"),
    (223, "office_operation_expense", "actual", "all", "73.07万元"),
    (227, "procurement_total", "actual", "all", "0万元"),
    (227, "procurement_goods", "actual", "all", "0万元"),
    (227, "procurement_works", "actual", "all", "0万元"),
    (227, "procurement_services", "actual", "all", "0万元"),
]

NAGQU_THREE_PUBLIC = [
    (169, "total", "budget", "9.78万元"),
    (169, "total", "actual", "9.78万元"),
    (173, "overseas_travel", "actual", "0.00万元"),
    (173, "vehicle", "actual", "9.68万元"),
    (173, "official_reception", "actual", "0.10万元"),
    (175, "vehicle", "actual", "9.68万元"),
    (177, "vehicle_operation", "actual", "9.68万元"),
    (180, "official_reception", "actual", "0.10万元"),
]

NAGQU_LINE_ITEMS = [
    (95, "201", "total", "actual", "986.76万元"),
    (95, "208", "total", "actual", "98.65万元"),
    (95, "221", "total", "actual", "79.53万元"),
    (95, "210", "total", "actual", "59.98万元"),
    (103, "2010101", "total", "budget", "1012.86万元"),
    (103, "2010101", "total", "actual", "1012.86万元"),
    (138, "30101", "personnel", "actual", "141.71万元"),
    (138, "30102", "personnel", "actual", "454.15万元"),
    (138, "30103", "personnel", "actual", "47.76万元"),
    (138, "30106", "personnel", "actual", "15万元"),
    (138, "30108", "personnel", "actual", "98.65万元"),
    (138, "30110", "personnel", "actual", "47.47万元"),
    (138, "30111", "personnel", "actual", "7.11万元"),
    (138, "30112", "personnel", "actual", "1.93万元"),
    (138, "30113", "personnel", "actual", "79.53万元"),
    (138, "30114", "personnel", "actual", "5.4万元"),
    (138, "30199", "personnel", "actual", "41.07万元"),
    (138, "30305", "personnel", "actual", "5.4万元"),
    (138, "30309", "personnel", "actual", "1.5万元"),
    (138, "30201", "public", "actual", "9.86万元"),
    (138, "30202", "public", "actual", "1.66万元"),
    (138, "30205", "public", "actual", "0.22万元"),
    (138, "30206", "public", "actual", "1.75万元"),
    (138, "30207", "public", "actual", "3.23万元"),
    (138, "30208", "public", "actual", "1.11万元"),
    (138, "30211", "public", "actual", "9.94万元"),
    (138, "30213", "public", "actual", "0.18万元"),
    (138, "30214", "public", "actual", "0.36万元"),
    (138, "30216", "public", "actual", "63.18万元"),
    (138, "30217", "public", "actual", "0.096万元"),
    (138, "30226", "public", "actual", "22.14万元"),
    (138, "30227", "public", "actual", "64.48万元"),
    (138, "30228", "public", "actual", "12.04万元"),
    (138, "30231", "public", "actual", "9.69万元"),
    (138, "30299", "public", "actual", "6.05万元"),
]

NAGQU_PROJECTS = [
    (193, "54060021T000000046244", "网信应急指挥中心工作经费", "8.2万元", "8.2万元"),
    (195, "54060022T000000533232", "强基惠民驻村经费", "6.25万元", "6.25万元"),
    (197, "54060022T000000733737", "维稳情报奖励资金", "1.5万元", "1.5万元"),
    (199, "54060022T000000788079", "辽宁省援藏资金", "63.18万元", "63.18万元"),
    (201, "54060023T000000970247", "两新组织党员活动经费", "1.7万元", "1.7万元"),
    (203, "54060023T000000972027", "舆情监测系统经费", "21万元", "21万元"),
    (205, "54060023T000000972106", "网信工作经费", "29.99万元", "29.99万元"),
    (207, "54060023T000000987820", "网络安全宣传周活动经费", "8万元", "8万元"),
    (209, "54060024T000001451241", "应急指挥中心规范化建设经费", "73.74万元", "73.74万元"),
]

NAGQU_ISSUES = [
    (69, "narrative_amount_without_measure"),
    (72, "narrative_unit_assumed"),
    (75, "narrative_amount_without_measure"),
    (75, "narrative_amount_without_measure"),
    (75, "narrative_amount_without_measure"),
    (75, "narrative_amount_without_measure"),
    (75, "narrative_amount_without_measure"),
    (79, "narrative_amount_without_measure"),
    (79, "narrative_amount_without_measure"),
    (79, "narrative_amount_without_measure"),
    (182, "narrative_amount_without_measure"),
    (195, "narrative_repeated_amount"),
    (227, "narrative_amount_without_measure"),
    (227, "narrative_amount_without_measure"),
    (233, "narrative_amount_without_measure"),
]

SAMPLES = {
    "xiamen": (XIAMEN_TOTALS, XIAMEN_THREE_PUBLIC, XIAMEN_LINE_ITEMS, XIAMEN_PROJECTS, XIAMEN_ISSUES),
    "mancheng": (
        MANCHENG_TOTALS,
        MANCHENG_THREE_PUBLIC,
        MANCHENG_LINE_ITEMS,
        MANCHENG_PROJECTS,
        MANCHENG_ISSUES,
    ),
    "bazhong": (BAZHONG_TOTALS, BAZHONG_THREE_PUBLIC, BAZHONG_LINE_ITEMS, BAZHONG_PROJECTS, BAZHONG_ISSUES),
    "zhuzhou": (ZHUZHOU_TOTALS, ZHUZHOU_THREE_PUBLIC, ZHUZHOU_LINE_ITEMS, ZHUZHOU_PROJECTS, ZHUZHOU_ISSUES),
    "nagqu": (NAGQU_TOTALS, NAGQU_THREE_PUBLIC, NAGQU_LINE_ITEMS, NAGQU_PROJECTS, NAGQU_ISSUES),
}

_cache: dict = {}


def _read(sample_path, key: str):
    if key not in _cache:
        document = read_document(sample_path(key))
        metadata = extract_metadata(document)
        result = extract_narrative_details(
            document.text_lines(), doc_kind=metadata.doc_kind, fiscal_year=metadata.fiscal_year
        )
        _cache[key] = (document, result)
    return _cache[key]


def _rows(facts):
    totals = [
        (f.evidence.locator.line, f.measure, f.amount_kind, f.fund_source, f.evidence.reported_amount)
        for f in facts
        if isinstance(f, TotalFact)
    ]
    three = [
        (f.evidence.locator.line, f.category, f.amount_kind, f.evidence.reported_amount)
        for f in facts
        if isinstance(f, ThreePublicFact)
    ]
    items = [
        (
            f.evidence.locator.line,
            f.functional_subject_code or f.economic_subject_code,
            f.expense_type,
            f.amount_kind,
            f.evidence.reported_amount,
        )
        for f in facts
        if isinstance(f, LineItemFact)
    ]
    projects = [
        (
            f.locator.line,
            f.project_code,
            f.project_name,
            f.budget and f.budget.reported_amount,
            f.actual and f.actual.reported_amount,
        )
        for f in facts
        if isinstance(f, ProjectFact)
    ]
    issues = [(f.locator.line, f.issue_kind) for f in facts if isinstance(f, IssueFact)]
    return totals, three, items, projects, issues


@pytest.mark.parametrize("key", SAMPLES)
@pytest.mark.parametrize("part", ["totals", "three_public", "line_items", "projects", "issues"])
def test_golden(sample_path, key, part):
    index = ["totals", "three_public", "line_items", "projects", "issues"].index(part)
    _, result = _read(sample_path, key)
    assert sorted(_rows(result.facts)[index], key=repr) == sorted(SAMPLES[key][index], key=repr)


def _evidences(result):
    for fact in result.facts:
        if isinstance(fact, ProjectFact):
            yield from (e for e in (fact.budget, fact.actual) if e is not None)
        elif not isinstance(fact, IssueFact):
            yield fact.evidence
    yield from (change.evidence for change in result.changes)


@pytest.mark.parametrize("key", SAMPLES)
def test_every_amount_is_in_its_snippet(sample_path, key):
    _, result = _read(sample_path, key)
    for evidence in _evidences(result):
        assert evidence.reported_amount in evidence.source_text
        assert evidence.method == "narrative" and evidence.amount_yuan is not None


@pytest.mark.parametrize("key", SAMPLES)
def test_every_printed_amount_in_prose_is_accounted_for(sample_path, key):
    """Each number-with-unit of a prose line is a fact, a change, or named in an issue of that line."""
    document, result = _read(sample_path, key)
    accounted = Counter((e.locator, e.reported_amount) for e in _evidences(result))
    issues = [f for f in result.facts if isinstance(f, IssueFact)]
    for line in document.text_lines():
        if is_table_line(line.text):
            continue
        for mention in scan_numbers(normalize(line.text)):
            if mention.kind != "money":
                continue
            printed = mention.printed(line.text)
            if accounted[(line.locator, printed)] > 0:
                accounted[(line.locator, printed)] -= 1
                continue
            assert any(i.locator == line.locator and printed in i.detail for i in issues), (
                line.locator,
                printed,
            )


def test_xiamen_unit_anomaly_is_converted_as_wan(sample_path):
    _, result = _read(sample_path, "xiamen")
    item = next(f for f in result.facts if isinstance(f, LineItemFact) and f.evidence.reported_amount == "1183.39元")
    assert (item.functional_subject_code, item.evidence.reported_unit) == ("2013701", "万元")
    assert item.evidence.amount_yuan == Decimal("11833900.00")


def test_xiamen_listed_items_add_up_to_the_stated_total(sample_path):
    _, result = _read(sample_path, "xiamen")
    listed = [f.evidence.amount_yuan for f in result.facts if isinstance(f, LineItemFact) and f.expense_type == "total"]
    assert sum(listed) == Decimal("18415500.00")


def test_nagqu_projects_add_up_to_the_project_expenditure(sample_path):
    _, result = _read(sample_path, "nagqu")
    actual = sum(f.actual.amount_yuan for f in result.facts if isinstance(f, ProjectFact))
    assert actual == Decimal("2135600.00")  # 213.56万元, the stated 项目支出


def test_zhuzhou_staffing_counts_are_not_amounts(sample_path):
    _, result = _read(sample_path, "zhuzhou")
    assert [(s.label, s.count) for s in result.staffing][:2] == [("编制人数", 18), ("行政编制", 12)]
