"""机关运行经费: the total, and its parts as economic subjects."""

from decimal import Decimal

from tests.ingestion.extract.narrative.support import issues_of, items_of, read_prose, totals_of


def test_office_operation_expense_and_its_parts_as_economic_items():
    facts = read_prose(
        "第三部分：机关运行经费安排情况",
        "2020年机关运行经费安排8.3万元，其中办公费0.3万元，邮电费2.4万元，公务用车运行维护费2.5万元，"
        "公务接待费0.16万元，其他交通费2.94万元。",
    )
    assert totals_of(facts) == {("office_operation_expense", "budget", "all"): "8.3万元"}
    assert items_of(facts) == {
        ("30201", "public", "budget"): ("0.3万元", Decimal("3000.00")),
        ("30207", "public", "budget"): ("2.4万元", Decimal("24000.00")),
        ("30231", "public", "budget"): ("2.5万元", Decimal("25000.00")),
        ("30217", "public", "budget"): ("0.16万元", Decimal("1600.00")),  # not a 三公 category here
        ("30239", "public", "budget"): ("2.94万元", Decimal("29400.00")),
    }
    assert [i.detail for i in issues_of(facts)] == ["'其他交通费' → 30239 by alias"]


def test_office_operation_expense_with_a_remark_in_brackets():
    facts = read_prose(
        "（一）机关运行经费：本部门 2020 年年初预算机关运行经费(商品和服务支出+业务性专项)共安排 109.68 万元。"
    )
    assert totals_of(facts) == {("office_operation_expense", "budget", "all"): "109.68 万元"}
