"""Subjects named in prose: 类/款/项 paths, codes in brackets, class and economic enumerations."""

from decimal import Decimal

from ingestion.extract.facts import LineItemFact
from tests.ingestion.extract.narrative.support import issues_of, items_of, read_prose, totals_of


def test_subject_path_by_names_with_completion_rate():
    facts = read_prose(
        "五、一般公共预算财政拨款支出决算情况说明",
        "1.一般公共服务（类）宣传事务（款）一般行政管理事务（项）: 支出决算为3.5万元，完成预算100%。"
        "一般公共服务（类）宣传事务（款）事业运行（项）: 支出决算为72.71万元，完成预算100%。",
        doc_kind="final_account",
    )
    assert items_of(facts) == {
        ("2013302", "total", "actual"): ("3.5万元", Decimal("35000.00")),
        ("2013350", "total", "actual"): ("72.71万元", Decimal("727100.00")),
    }
    item = next(f for f in facts if isinstance(f, LineItemFact))
    assert (item.code_source, item.fund_source, item.subject_name) == (
        "resolved",
        "general_public_budget",
        "一般行政管理事务",
    )


def test_subject_path_with_codes_in_brackets():
    facts = read_prose("公共安全支出（204类）司法（06款）行政运行（01项）: 支出决算为5万元。", doc_kind="final_account")
    [item] = [f for f in facts if isinstance(f, LineItemFact)]
    assert (item.functional_subject_code, item.code_source) == ("2040601", "printed")
    assert [i.issue_kind for i in issues_of(facts)] == ["subject_code_not_in_reference"]


def test_a_section_subtotal_is_a_line_item_of_its_kuan_not_the_expenditure_total():
    # 015 p26-27: 款 subtotals under a 类 heading, inside the 财政拨款 part.
    facts = read_prose(
        "五、财政拨款支出预算情况说明",
        "(二)社会保障和就业支出(类)",
        "行政事业单位离退休(款):2018 年预算支出合计 1,836.22 万元。其中:",
        "(三)住房保障支出(类)",
        "住房改革支出(款): 2018 年预算支出合计 3,660.38 万元。其中:",
        fiscal_year=2018,
    )
    assert totals_of(facts) == {} and issues_of(facts) == []
    assert [(f.functional_subject_code, f.fund_source, f.evidence.reported_amount) for f in facts] == [
        ("20805", "fiscal_appropriation", "1,836.22 万元"),
        ("22102", "fiscal_appropriation", "3,660.38 万元"),
    ]


def test_a_section_path_without_a_class_heading_resolves_by_its_names():
    facts = read_prose("住房改革支出(款)提租补贴(项):支出 2,586.61 万元。")
    assert items_of(facts) == {("2210202", "total", "budget"): ("2,586.61 万元", Decimal("25866100.00"))}


def test_an_unknown_section_subtotal_is_an_issue_not_a_total():
    facts = read_prose("(一)公共安全支出(类)", "检察(款): 2018 年预算支出合计 16,444.36 万元。")
    assert totals_of(facts) == {}
    [issue] = issues_of(facts)
    assert issue.issue_kind == "subject_unresolved"
    assert "16,444.36 万元" in issue.detail and "'检察'" in issue.detail


def test_renamed_subjects_resolve_to_the_current_code():
    facts = read_prose(
        "3.社会保障和就业（类）行政事业单位离退休（款）机关事业单位基本养老保险缴费支出（项）: 支出决算为8.8万元。",
        "4.医疗卫生与计划生育（类）行政事业单位医疗（款）  事业单位医疗（项）:支出决算为5.2万元。",
        doc_kind="final_account",
        fiscal_year=2020,
    )
    assert set(items_of(facts)) == {("2080505", "total", "actual"), ("2101102", "total", "actual")}
    assert all(i.issue_kind == "subject_resolved_from_context" and "renamed" in i.detail for i in issues_of(facts))


def test_class_level_enumeration():
    facts = read_prose(
        "2020年一般公共预算财政拨款支出223.35万元，主要用于以下方面:一般公共服务（类）支出198.78万元，占89%；"
        "教育支出（类）0万元，占0%；卫生健康支出5.2万元，占2.33%；住房保障支出10.57万元，占4.73%。",
        doc_kind="final_account",
    )
    assert {code for code, *_ in items_of(facts)} == {"201", "205", "210", "221"}


def test_a_heading_path_names_the_amounts_of_the_next_line():
    facts = read_prose(
        "1.一般公共服务（类）人大事务（款）行政运行（项）。",
        "年初预算为1012.86万元，支出决算为1012.86万元，完成年初预算的100%。决算数等于预算数。",
        doc_kind="final_account",
    )
    assert set(items_of(facts)) == {("2010101", "total", "budget"), ("2010101", "total", "actual")}


def test_economic_enumeration():
    facts = read_prose(
        "2023年度财政拨款基本支出1,012.86万元，其中：人员经费939.79万元，主要包括：工资福利支出中的基本工资141.71万元、"
        "津贴补贴454.15万元、住房公积金79.53万元；对个人和家庭的补助中的生活补助5.4万元。公用经费205.99万元，主要包括："
        "商品和服务支出中的办公费9.86万元、维修（护）费0.18万元、公务接待费0.096万元。",
        doc_kind="final_account",
    )
    assert {key: printed for key, (printed, _) in items_of(facts).items()} == {
        ("30101", "personnel", "actual"): "141.71万元",
        ("30102", "personnel", "actual"): "454.15万元",
        ("30113", "personnel", "actual"): "79.53万元",  # economic 住房公积金, not functional 2210201
        ("30305", "personnel", "actual"): "5.4万元",
        ("30201", "public", "actual"): "9.86万元",
        ("30213", "public", "actual"): "0.18万元",
        ("30217", "public", "actual"): "0.096万元",
    }
    assert items_of(facts)[("30217", "public", "actual")][1] == Decimal("960.00")


def test_coded_mentions_with_and_without_amounts():
    from ingestion.extract.narrative.subject_names import coded_mentions
    from ingestion.extract.narrative.text import normalize

    def mentions(text: str) -> list[tuple[str, str]]:
        return [(code, name) for _, code, name in coded_mentions(normalize(text))]

    assert mentions("1、2010301 行政运行：主要用于机关运行。") == [("2010301", "行政运行")]
    assert mentions("（3）30201办公费10万元，30211差旅费5万元。") == [("30201", "办公费"), ("30211", "差旅费")]
    assert mentions("因公出国（境）费用（30212）主要用于出访。") == [("30212", "因公出国(境)费用")]
    # every level of a path whose full code it prints; the 项 code alone (no 类 code) is not a full code
    assert mentions("7、社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（01项）57.8万元。") == [
        ("208", "社会保障和就业支出"),
        ("20805", "行政事业单位养老支出"),
        ("2080501", "行政单位离退休"),
    ]
    assert mentions("司法（06款）行政运行（01项）5万元") == []
    # amounts, counts, years and longer numbers are not codes
    assert mentions("安排302万元，聘用300人，2024年度，购置200套，共3000余篇，20230元。") == []
