"""One test per sentence form, on small inputs built from the samples' wording."""

from decimal import Decimal

from ingestion.document import Locator, TextLine
from ingestion.extract.facts import IssueFact, LineItemFact, ProjectFact, ThreePublicFact, TotalFact
from ingestion.extract.narrative import extract_narrative, extract_narrative_details, is_table_line
from ingestion.extract.narrative.paragraphs import display_width


def _lines(*texts: str) -> list[TextLine]:
    return [TextLine(text, Locator(line=number)) for number, text in enumerate(texts, start=1)]


def _read(*texts: str, doc_kind: str = "budget", **options):
    facts = extract_narrative(_lines(*texts), doc_kind=doc_kind, **options)
    for fact in facts:
        evidence = getattr(fact, "evidence", None)
        if evidence is not None:
            assert evidence.reported_amount in evidence.source_text
            assert evidence.method == "narrative"
    return facts


def _totals(facts):
    """{(measure, amount_kind, fund_source): printed amount}."""
    return {
        (f.measure, f.amount_kind, f.fund_source): f.evidence.reported_amount for f in facts if isinstance(f, TotalFact)
    }


def _three_public(facts):
    return {(f.category, f.amount_kind): f.evidence.reported_amount for f in facts if isinstance(f, ThreePublicFact)}


def _items(facts):
    """{(code, expense_type, amount_kind): (printed amount, amount_yuan)}."""
    return {
        (f.functional_subject_code or f.economic_subject_code, f.expense_type, f.amount_kind): (
            f.evidence.reported_amount,
            f.evidence.amount_yuan,
        )
        for f in facts
        if isinstance(f, LineItemFact)
    }


def _issues(facts, kind=None):
    return [f for f in facts if isinstance(f, IssueFact) and (kind is None or f.issue_kind == kind)]


# --- totals ------------------------------------------------------------------------------------------


def test_income_and_expenditure_budget_totals():
    facts = _read(
        "（一）厦门市委网信办2020年收入预算为1841.55万元。因我办是机构改革新成立单位，无上年数据。",
        "1.财政拨款收入1841.55万元，其中一般公共预算拨款收入1841.55万元，政府性基金拨款收入0万元。",
        "（二）厦门市委网信办2020年支出预算为1841.55万元。",
    )
    assert _totals(facts) == {
        ("income_total", "budget", "all"): "1841.55万元",
        ("fiscal_appropriation_income", "budget", "all"): "1841.55万元",
        ("general_public_budget_income", "budget", "general_public_budget"): "1841.55万元",
        ("income_total", "budget", "government_fund"): "0万元",
        ("expenditure_total", "budget", "all"): "1841.55万元",
    }


def test_basic_personnel_public_and_project_expenditure():
    facts = _read("1.基本支出678.55万元，其中，人员支出559.22万元，公用支出119.33万元；", "2.项目支出1163万元。")
    assert _totals(facts) == {
        ("basic_expenditure", "budget", "all"): "678.55万元",
        ("personnel_expenditure", "budget", "all"): "559.22万元",
        ("public_expenditure", "budget", "all"): "119.33万元",
        ("project_expenditure", "budget", "all"): "1163万元",
    }


def test_final_account_totals_are_actual():
    facts = _read(
        "2020年度收、支总计236.01万元。与2019年相比，收入总计减少157.39万元，下降40.01%。",
        "2020年本年收入合计215.04万元，其中：一般公共预算财政拨款收入215.04万元，占100%；上级补助收入0万元，占0%。",
        "2020年本年支出合计223.34万元，其中：基本支出131.63万元，占58.94%；项目支出91.71万元，占41.06%。",
        "2020年一般公共预算财政拨款支出223.35万元，占本年支出合计的100%。",
        doc_kind="final_account",
    )
    assert _totals(facts) == {
        ("grand_total", "actual", "all"): "236.01万元",
        ("income_total", "actual", "all"): "215.04万元",
        ("general_public_budget_income", "actual", "general_public_budget"): "215.04万元",
        ("expenditure_total", "actual", "all"): "223.34万元",
        ("basic_expenditure", "actual", "all"): "131.63万元",
        ("project_expenditure", "actual", "all"): "91.71万元",
        ("general_public_budget_expenditure", "actual", "general_public_budget"): "223.35万元",
    }
    # 上级补助收入 has no measure: an issue row, not a silent drop
    assert [i.detail for i in _issues(facts, "narrative_amount_without_measure")] == [
        "0万元 is stated for 上级补助收入, which has no measure in the warehouse vocabulary"
    ]


def test_budget_and_actual_in_one_sentence_and_the_side_of_a_bare_zhichu():
    facts = _read(
        "2023年度一般公共预算财政拨款支出年初预算为1012.86万元，支出决算为1012.86万元，完成年初预算的100%。",
        "2023年度财政拨款收入1226.42万元，支出1226.42万元。",
        doc_kind="final_account",
    )
    assert _totals(facts) == {
        ("general_public_budget_expenditure", "budget", "general_public_budget"): "1012.86万元",
        ("general_public_budget_expenditure", "actual", "general_public_budget"): "1012.86万元",
        ("fiscal_appropriation_income", "actual", "all"): "1226.42万元",
        ("fiscal_appropriation_expenditure", "actual", "all"): "1226.42万元",
    }


def test_a_heading_names_the_amount_of_the_next_line():
    facts = _read("（一）基本支出", "2020 年年初预算数为 292.74 万元，是指为保障单位机构正常运转的支出。")
    assert _totals(facts) == {("basic_expenditure", "budget", "all"): "292.74 万元"}


def test_fund_source_follows_the_section_heading():
    facts = _read(
        "六、一般公共预算财政拨款基本支出决算情况说明",
        "2020年财政拨款基本支出131.63万元，其中：人员经费113.84万元，日常公用经费17.8万元。",
        doc_kind="final_account",
    )
    assert set(_totals(facts)) == {
        ("basic_expenditure", "actual", "general_public_budget"),
        ("personnel_expenditure", "actual", "general_public_budget"),
        ("public_expenditure", "actual", "general_public_budget"),
    }


def test_a_bare_number_takes_the_sentence_unit_and_is_flagged():
    facts = _read("2020年一般公共预算支出决算数为223.34，完成预算100%。", doc_kind="final_account")
    [total] = [f for f in facts if isinstance(f, TotalFact)]
    assert (total.measure, total.evidence.reported_amount, total.evidence.reported_unit) == (
        "general_public_budget_expenditure",
        "223.34",
        "万元",
    )
    assert total.evidence.amount_yuan == Decimal("2233400.00")
    assert len(_issues(facts, "narrative_unit_assumed")) == 1
    mixed = _read("本年支出1,226.42万元,其中基本支出1012.86，项目支出213.56万元。", doc_kind="final_account")
    assert _totals(mixed)[("basic_expenditure", "actual", "all")] == "1012.86"


def test_thousands_separators_and_spaces_are_kept_as_printed():
    facts = _read("2023年度收入总计1,226.42万元。", "（一）收入预算：2020 年年初预算数 472.74 万元。")
    amounts = {f.evidence.reported_amount: f.evidence.amount_yuan for f in facts if isinstance(f, TotalFact)}
    assert amounts == {"1,226.42万元": Decimal("12264200.00"), "472.74 万元": Decimal("4727400.00")}


def test_a_fiscal_only_grand_total_is_scoped_to_the_fiscal_appropriation():
    facts = _read("2020年财政拨款收、支总计236.01万元。", doc_kind="final_account")
    assert _totals(facts) == {("grand_total", "actual", "fiscal_appropriation"): "236.01万元"}
    assert _issues(facts) == []


def test_the_fund_word_of_the_label_sets_the_fund_source():
    # 015 p27: 财政拨款 before 基本支出 scopes the amount; a fund prefix is narrower and wins.
    facts = _read(
        "省检察院 2018 年度财政拨款基本支出预算 13,979.92 万元。",
        "一般公共预算财政拨款基本支出 13,979.92 万元。",
    )
    assert _totals(facts) == {
        ("basic_expenditure", "budget", "fiscal_appropriation"): "13,979.92 万元",
        ("basic_expenditure", "budget", "general_public_budget"): "13,979.92 万元",
    }


def test_a_fiscal_appropriation_grand_total_printed_as_income_and_expenditure_total():
    # 001 p21: a stated total (the next sentence says it is unchanged: 持平), not a change.
    result = extract_narrative_details(
        _lines(
            "四、财政拨款收入支出决算总体情况说明",
            "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比,",
            "财政拨款收入支出总计持平。",
        ),
        doc_kind="final_account",
    )
    assert _totals(result.facts) == {("grand_total", "actual", "fiscal_appropriation"): "0.3万元"}
    assert result.changes == []
    both_sides = _read("2018 年度收入、支出预算总计 21,955.35 万元。", "2018 年度财政拨款收、支总预算 21,940.96 万元。")
    assert _totals(both_sides) == {
        ("grand_total", "budget", "all"): "21,955.35 万元",
        ("grand_total", "budget", "fiscal_appropriation"): "21,940.96 万元",
    }


def test_a_fiscal_appropriation_heading_scopes_the_expense_parts_below_it():
    facts = _read(
        "六、财政拨款基本支出预算情况说明",
        "省检察院 2018 年度基本支出预算 13,979.92 万元。其中:人员经费 11,257.35 万元。",
    )
    assert _totals(facts) == {
        ("basic_expenditure", "budget", "fiscal_appropriation"): "13,979.92 万元",
        ("personnel_expenditure", "budget", "fiscal_appropriation"): "11,257.35 万元",
    }


def test_performance_target_amounts():
    facts = _read(
        "厦门市委网信办2020年实行绩效目标管理的一级项目1个，涉及一般公共预算拨款1100万元。",
        "纳入 2020 年部门整体支出绩效目标的金额为 472.74 万元，其中，基本支出 292.74 万元。",
    )
    assert [(f.measure, f.evidence.reported_amount) for f in facts] == [
        ("performance_target_total", "1100万元"),
        ("performance_target_total", "472.74 万元"),
        ("basic_expenditure", "292.74 万元"),
    ]


# --- 三公, 机关运行经费, 政府采购 -------------------------------------------------------------------------


def test_three_public_total_and_categories():
    facts = _read(
        "（五）一般公共预算拨款“三公”经费预算：2020 年一般公共预算拨款“三公”经费预算数 13 万元，"
        "其中：公务接待费 10 万元、"
        "公务用车购置费 0 万元，公务用车运行费 3 万元、因公出国（境）费 0 万元。2020 年公务用车购置数 0 台。"
    )
    assert _three_public(facts) == {
        ("total", "budget"): "13 万元",
        ("official_reception", "budget"): "10 万元",
        ("vehicle_purchase", "budget"): "0 万元",
        ("vehicle_operation", "budget"): "3 万元",
        ("overseas_travel", "budget"): "0 万元",
    }
    assert not _issues(facts)  # the vehicle count is not an amount


def test_three_public_budget_and_actual_and_categories_under_a_heading():
    facts = _read(
        "九、财政拨款“三公”经费支出决算情况说明",
        "2023年度财政拨款“三公”经费支出预算为9.78万元，支出决算为9.78万元，完成预算的100%。",
        "公务用车运行维护费支出9.68万元，主要用于公务用车油料费。",
        doc_kind="final_account",
    )
    assert _three_public(facts) == {
        ("total", "budget"): "9.78万元",
        ("total", "actual"): "9.78万元",
        ("vehicle_operation", "actual"): "9.68万元",
    }


def test_three_public_category_named_only_by_its_heading():
    facts = _read(
        "四、“三公”经费财政拨款预算情况",
        "（二）公务接待费",
        "2020年预算安排2万元。主要用于往来单位等方面的接待活动。",
        "（三）公务用车购置及运行费",
        "2020年预算安排0万元。（因我办无公务车辆）",
    )
    assert _three_public(facts) == {("official_reception", "budget"): "2万元", ("vehicle", "budget"): "0万元"}


def test_office_operation_expense_and_its_parts_as_economic_items():
    facts = _read(
        "第三部分：机关运行经费安排情况",
        "2020年机关运行经费安排8.3万元，其中办公费0.3万元，邮电费2.4万元，公务用车运行维护费2.5万元，"
        "公务接待费0.16万元，其他交通费2.94万元。",
    )
    assert _totals(facts) == {("office_operation_expense", "budget", "all"): "8.3万元"}
    assert _items(facts) == {
        ("30201", "public", "budget"): ("0.3万元", Decimal("3000.00")),
        ("30207", "public", "budget"): ("2.4万元", Decimal("24000.00")),
        ("30231", "public", "budget"): ("2.5万元", Decimal("25000.00")),
        ("30217", "public", "budget"): ("0.16万元", Decimal("1600.00")),  # not a 三公 category here
        ("30239", "public", "budget"): ("2.94万元", Decimal("29400.00")),
    }
    assert [i.detail for i in _issues(facts)] == ["'其他交通费' → 30239 by alias"]


def test_office_operation_expense_with_a_remark_in_brackets():
    facts = _read(
        "（一）机关运行经费：本部门 2020 年年初预算机关运行经费(商品和服务支出+业务性专项)共安排 109.68 万元。"
    )
    assert _totals(facts) == {("office_operation_expense", "budget", "all"): "109.68 万元"}


def test_procurement_total_and_parts():
    facts = _read(
        "2020年厦门市委网信办政府采购预算总额245.26万元，其中：政府采购货物预算0.26万元，政府采购工程预算0万元,"
        "政府采购服务预算245万元。",
        "（二）政府采购预算：2020 年年初预算数为 75 万元。包含：货物 25 万元、工程 0 万元、服务 50 万元。",
    )
    measures = [(f.measure, f.evidence.reported_amount) for f in facts if isinstance(f, TotalFact)]
    assert measures == [
        ("procurement_total", "245.26万元"),
        ("procurement_goods", "0.26万元"),
        ("procurement_works", "0万元"),
        ("procurement_services", "245万元"),
        ("procurement_total", "75 万元"),
        ("procurement_goods", "25 万元"),
        ("procurement_works", "0 万元"),
        ("procurement_services", "50 万元"),
    ]


# --- subjects ----------------------------------------------------------------------------------------


def test_subject_path_by_names_with_completion_rate():
    facts = _read(
        "五、一般公共预算财政拨款支出决算情况说明",
        "1.一般公共服务（类）宣传事务（款）一般行政管理事务（项）: 支出决算为3.5万元，完成预算100%。"
        "一般公共服务（类）宣传事务（款）事业运行（项）: 支出决算为72.71万元，完成预算100%。",
        doc_kind="final_account",
    )
    assert _items(facts) == {
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
    facts = _read("公共安全支出（204类）司法（06款）行政运行（01项）: 支出决算为5万元。", doc_kind="final_account")
    [item] = [f for f in facts if isinstance(f, LineItemFact)]
    assert (item.functional_subject_code, item.code_source) == ("2040601", "printed")
    assert [i.issue_kind for i in _issues(facts)] == ["subject_code_not_in_reference"]


def test_a_section_subtotal_is_a_line_item_of_its_kuan_not_the_expenditure_total():
    # 015 p26-27: 款 subtotals under a 类 heading, inside the 财政拨款 part.
    facts = _read(
        "五、财政拨款支出预算情况说明",
        "(二)社会保障和就业支出(类)",
        "行政事业单位离退休(款):2018 年预算支出合计 1,836.22 万元。其中:",
        "(三)住房保障支出(类)",
        "住房改革支出(款): 2018 年预算支出合计 3,660.38 万元。其中:",
        fiscal_year=2018,
    )
    assert _totals(facts) == {} and _issues(facts) == []
    assert [(f.functional_subject_code, f.fund_source, f.evidence.reported_amount) for f in facts] == [
        ("20805", "fiscal_appropriation", "1,836.22 万元"),
        ("22102", "fiscal_appropriation", "3,660.38 万元"),
    ]


def test_a_section_path_without_a_class_heading_resolves_by_its_names():
    facts = _read("住房改革支出(款)提租补贴(项):支出 2,586.61 万元。")
    assert _items(facts) == {("2210202", "total", "budget"): ("2,586.61 万元", Decimal("25866100.00"))}


def test_an_unknown_section_subtotal_is_an_issue_not_a_total():
    facts = _read("(一)公共安全支出(类)", "检察(款): 2018 年预算支出合计 16,444.36 万元。")
    assert _totals(facts) == {}
    [issue] = _issues(facts)
    assert issue.issue_kind == "subject_unresolved"
    assert "16,444.36 万元" in issue.detail and "'检察'" in issue.detail


def test_renamed_subjects_resolve_to_the_current_code():
    facts = _read(
        "3.社会保障和就业（类）行政事业单位离退休（款）机关事业单位基本养老保险缴费支出（项）: 支出决算为8.8万元。",
        "4.医疗卫生与计划生育（类）行政事业单位医疗（款）  事业单位医疗（项）:支出决算为5.2万元。",
        doc_kind="final_account",
        fiscal_year=2020,
    )
    assert set(_items(facts)) == {("2080505", "total", "actual"), ("2101102", "total", "actual")}
    assert all(i.issue_kind == "subject_resolved_from_context" and "renamed" in i.detail for i in _issues(facts))


def test_class_level_enumeration():
    facts = _read(
        "2020年一般公共预算财政拨款支出223.35万元，主要用于以下方面:一般公共服务（类）支出198.78万元，占89%；"
        "教育支出（类）0万元，占0%；卫生健康支出5.2万元，占2.33%；住房保障支出10.57万元，占4.73%。",
        doc_kind="final_account",
    )
    assert {code for code, *_ in _items(facts)} == {"201", "205", "210", "221"}


def test_a_heading_path_names_the_amounts_of_the_next_line():
    facts = _read(
        "1.一般公共服务（类）人大事务（款）行政运行（项）。",
        "年初预算为1012.86万元，支出决算为1012.86万元，完成年初预算的100%。决算数等于预算数。",
        doc_kind="final_account",
    )
    assert set(_items(facts)) == {("2010101", "total", "budget"), ("2010101", "total", "actual")}


def test_name_only_items_resolved_from_their_siblings():
    facts = _read(
        "（1） 行政运行183.39万元。",
        "（2） 事业运行291.79万元。主要用于事业在职人员支出（工资及津补贴奖金等）。",
        "（3） 其他网信事务支出320万元。主要用于互联网技术提升服务和运维费。",
        "（二）事业单位离退休1.4万元。主要用于退休人员的过节费等。",
    )
    assert {code for code, *_ in _items(facts)} == {"2013701", "2013750", "2013799", "2080502"}
    assert {i.detail for i in _issues(facts)} == {
        "'行政运行' → 2013701 by siblings",
        "'事业运行' → 2013750 by siblings",
    }


def test_an_ambiguous_name_is_an_issue_not_a_guess():
    facts = _read("（1） 行政运行183.39万元。")
    assert _items(facts) == {}
    [issue] = _issues(facts)
    assert issue.issue_kind == "subject_unresolved" and issue.detail.startswith("183.39万元 for '行政运行' not stored")


def test_parts_of_a_listed_subject_become_its_expense_types():
    facts = _read(
        "（1） 行政运行1183.39万元。主要用于机关在职人员支出（工资及津补贴奖金等）274.66万元，"
        "公用支出80.73万元和项目支出828万元。",
        "（3） 其他网信事务支出320万元。",
    )
    assert {key: printed for key, (printed, _) in _items(facts).items() if key[0] == "2013701"} == {
        ("2013701", "total", "budget"): "1183.39万元",
        ("2013701", "personnel", "budget"): "274.66万元",
        ("2013701", "public", "budget"): "80.73万元",
        ("2013701", "project", "budget"): "828万元",
    }
    assert _totals(facts) == {}  # the parts are not the document's personnel/public/project totals


def test_economic_enumeration():
    facts = _read(
        "2023年度财政拨款基本支出1,012.86万元，其中：人员经费939.79万元，主要包括：工资福利支出中的基本工资141.71万元、"
        "津贴补贴454.15万元、住房公积金79.53万元；对个人和家庭的补助中的生活补助5.4万元。公用经费205.99万元，主要包括："
        "商品和服务支出中的办公费9.86万元、维修（护）费0.18万元、公务接待费0.096万元。",
        doc_kind="final_account",
    )
    assert {key: printed for key, (printed, _) in _items(facts).items()} == {
        ("30101", "personnel", "actual"): "141.71万元",
        ("30102", "personnel", "actual"): "454.15万元",
        ("30113", "personnel", "actual"): "79.53万元",  # economic 住房公积金, not functional 2210201
        ("30305", "personnel", "actual"): "5.4万元",
        ("30201", "public", "actual"): "9.86万元",
        ("30213", "public", "actual"): "0.18万元",
        ("30217", "public", "actual"): "0.096万元",
    }
    assert _items(facts)[("30217", "public", "actual")][1] == Decimal("960.00")


# --- units -------------------------------------------------------------------------------------------

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
    facts = _read(*_XIAMEN_LIST)
    item = next(f for f in facts if isinstance(f, LineItemFact) and f.functional_subject_code == "2013701")
    evidence = item.evidence
    assert (evidence.reported_amount, evidence.reported_unit, evidence.amount_yuan) == (
        "1183.39元",
        "万元",
        Decimal("11833900.00"),
    )
    assert "1183.39元" in evidence.source_text
    [anomaly] = _issues(facts, "unit_anomaly")
    assert "add up to the stated 1841.55万元" in anomaly.detail
    assert "(274.66万元 + 80.73万元 + 828万元) add up to 1183.39万元" in anomaly.detail


def test_an_odd_unit_without_supporting_sums_is_kept_as_printed():
    facts = _read(_XIAMEN_LIST[1].split("。")[0] + "。", *_XIAMEN_LIST[2:5])
    item = next(f for f in facts if isinstance(f, LineItemFact) and f.functional_subject_code == "2013701")
    assert (item.evidence.reported_unit, item.evidence.amount_yuan) == ("元", Decimal("1183.39"))
    assert len(_issues(facts, "unit_suspect")) == 1


# --- projects ----------------------------------------------------------------------------------------


def test_coded_projects_with_budget_and_actual():
    facts = _read(
        "6.54060023T000000972027-舆情监测系统经费，用于监测各信息平台公众号不良信息等服务费用，初预算21万元，支出21万元，支出100%。",
        "2.54060022T000000533232-强基惠民驻村经费，年初预算6.25万元，主要用于驻村人员生活补贴，实际支出6.25万元，支出6.25万元，支出100%。",
        "9.54060024T000001451241-应急指挥中心规范化建设经费，用于设施设备建设等费用，预算追加73.74万元，支出73.74万元，支出100%。",
        doc_kind="final_account",
    )
    projects = [
        (p.project_code, p.project_name, p.budget.reported_amount, p.actual.reported_amount)
        for p in facts
        if isinstance(p, ProjectFact)
    ]
    assert projects == [
        ("54060023T000000972027", "舆情监测系统经费", "21万元", "21万元"),
        ("54060022T000000533232", "强基惠民驻村经费", "6.25万元", "6.25万元"),
        ("54060024T000001451241", "应急指挥中心规范化建设经费", "73.74万元", "73.74万元"),
    ]
    assert [i.issue_kind for i in _issues(facts)] == ["narrative_repeated_amount"]


def test_quoted_project_with_budget_and_execution():
    facts = _read(
        "（5）“互联网维护与整治经费”项目绩效目标完成情况综述。项目全年预算数75万元，执行数为63.38万元，完成预算的84.51%。",
        doc_kind="final_account",
    )
    [project] = [p for p in facts if isinstance(p, ProjectFact)]
    assert (project.project_name, project.project_code) == ("互联网维护与整治经费", None)
    assert (project.budget.amount_yuan, project.actual.amount_yuan) == (
        Decimal("750000.00"),
        Decimal("633800.00"),
    )


def test_projects_listed_under_a_project_heading():
    facts = _read(
        "（二）项目支出",
        "2020 年年初预算数为 180 万元，是指单位为完成特定行政工作任务而发生的支出。其中：",
        "（1）技术管网经费 60 万元。主要用于专业网络舆情监测系统的服务购买和运营维护。",
        "（2）网络舆论引导资金 120 万元。主要用于全面组织网上正面宣传。",
    )
    assert _totals(facts) == {("project_expenditure", "budget", "all"): "180 万元"}
    projects = {p.project_name: (p.budget.reported_amount, p.actual) for p in facts if isinstance(p, ProjectFact)}
    assert projects == {"技术管网经费": ("60 万元", None), "网络舆论引导资金": ("120 万元", None)}


# --- what is not an amount -------------------------------------------------------------------------


def test_percentages_changes_thresholds_and_counts_are_not_amounts():
    result = extract_narrative_details(
        _lines(
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
        _lines(
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
    stated = _read("此外,基本支出预算数为 13,994.31 万元。与上年相比增加 1,670.85 万元。")
    assert _totals(stated) == {("basic_expenditure", "budget", "all"): "13,994.31 万元"}


def test_completion_rates_and_shares():
    result = extract_narrative_details(
        _lines("2020年“三公”经费财政拨款支出决算为0.8万元，完成预算100%，占本年支出合计的0.36%。"),
        doc_kind="final_account",
    )
    assert [(p.kind, p.value) for p in result.percentages] == [
        ("completion_rate", Decimal("100")),
        ("share", Decimal("0.36")),
    ]


def test_an_amount_without_a_recognisable_label_is_an_issue():
    facts = _read("（三）预算收支增减变化情况说明：2020 年度本部门年初预算数为 472.74 万元。")
    [issue] = facts
    assert issue.issue_kind == "narrative_amount_unlabelled" and "472.74 万元" in issue.detail
    assert issue.locator == Locator(line=1)


def test_lines_owned_by_the_table_extractor_are_skipped():
    assert is_table_line("2.201       一般公共服务支出       774.7万元")
    assert is_table_line("      2210201   住房公积金             79.53万元".strip())
    assert is_table_line("一、一般公共预算拨款\t472.74\t一、一般公共服务支出\t472.74")
    assert not is_table_line("2.项目支出1163万元。")
    assert _read("2013701   行政运行               771.28万元", "本年收入合计\t472.74") == []


# --- wrapped sentences (PDF lines) -----------------------------------------------------------------


def _wrapped(paragraph: str, width: int, page: int = 1) -> list[TextLine]:
    """The paragraph wrapped at ``width`` half-width cells, as a PDF reader returns it."""
    cuts, current = [], ""
    for char in paragraph:
        if display_width(current + char) > width:
            cuts.append(current)
            current = ""
        current += char
    cuts.append(current)
    return [TextLine(text, Locator(page=page, line=n)) for n, text in enumerate(cuts, start=1)]


def test_a_sentence_wrapped_over_lines_keeps_labels_and_line_locators():
    lines = [TextLine("二、支出预算", Locator(page=1, line=1))] + [
        TextLine(line.text, Locator(page=1, line=line.locator.line + 1))
        for line in _wrapped(
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
    facts = _read("其中：人员经费49.33万元", "日常公用经费8.3万元", "年初项目15万元")
    assert [f.measure for f in facts] == [
        "personnel_expenditure",
        "public_expenditure",
        "project_expenditure",
    ]


def test_a_heading_names_only_the_paragraph_right_after_it():
    facts = _read("（一）基本支出", "2020 年年初预算数为 292.74 万元。", "另安排预算数为 10 万元。")
    assert _totals(facts) == {("basic_expenditure", "budget", "all"): "292.74 万元"}
    assert [i.issue_kind for i in _issues(facts)] == ["narrative_amount_unlabelled"]


def test_an_unnumbered_short_line_does_not_separate_siblings():
    facts = _read("（1） 行政运行183.39万元。", "具体情况如下：", "（2） 其他网信事务支出320万元。")
    assert {code for code, *_ in _items(facts)} == {"2013701", "2013799"}


def test_an_amount_of_an_earlier_year_is_the_prior_year():
    facts = _read("2019年“三公”经费财政拨款预算数为3万元，2020年“三公”经费财政拨款预算数为2万元。", fiscal_year=2020)
    assert _three_public(facts) == {("total", "prior_year"): "3万元", ("total", "budget"): "2万元"}


def test_a_lone_common_name_takes_the_agency_types_section():
    facts = _read("（1） 行政运行183.39万元。", agency_name="中共株洲市委网络安全和信息化委员会办公室")
    assert set(_items(facts)) == {("2013701", "total", "budget")}
    assert [i.detail for i in _issues(facts)] == ["'行政运行' → 2013701 by agency"]
