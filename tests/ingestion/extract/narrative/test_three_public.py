"""三公 sentences: the total and each category, inside a 三公 passage only."""

from tests.ingestion.extract.narrative.support import issues_of, read_prose, three_public_of


def test_three_public_total_and_categories():
    facts = read_prose(
        "（五）一般公共预算拨款“三公”经费预算：2020 年一般公共预算拨款“三公”经费预算数 13 万元，"
        "其中：公务接待费 10 万元、"
        "公务用车购置费 0 万元，公务用车运行费 3 万元、因公出国（境）费 0 万元。2020 年公务用车购置数 0 台。"
    )
    assert three_public_of(facts) == {
        ("total", "budget"): "13 万元",
        ("official_reception", "budget"): "10 万元",
        ("vehicle_purchase", "budget"): "0 万元",
        ("vehicle_operation", "budget"): "3 万元",
        ("overseas_travel", "budget"): "0 万元",
    }
    assert not issues_of(facts)  # the vehicle count is not an amount


def test_three_public_budget_and_actual_and_categories_under_a_heading():
    facts = read_prose(
        "九、财政拨款“三公”经费支出决算情况说明",
        "2023年度财政拨款“三公”经费支出预算为9.78万元，支出决算为9.78万元，完成预算的100%。",
        "公务用车运行维护费支出9.68万元，主要用于公务用车油料费。",
        doc_kind="final_account",
    )
    assert three_public_of(facts) == {
        ("total", "budget"): "9.78万元",
        ("total", "actual"): "9.78万元",
        ("vehicle_operation", "actual"): "9.68万元",
    }


def test_three_public_category_named_only_by_its_heading():
    facts = read_prose(
        "四、“三公”经费财政拨款预算情况",
        "（二）公务接待费",
        "2020年预算安排2万元。主要用于往来单位等方面的接待活动。",
        "（三）公务用车购置及运行费",
        "2020年预算安排0万元。（因我办无公务车辆）",
    )
    assert three_public_of(facts) == {("official_reception", "budget"): "2万元", ("vehicle", "budget"): "0万元"}
