"""The 政府采购 item table vocabulary: kind rows and column roles."""

import pytest

from ingestion.vocabulary.procurement import REQUIRED_ROLES, column_roles, procurement_kind


@pytest.mark.parametrize(
    ("label", "kind"),
    [("一、货物A", "goods"), ("二、工程B", "works"), ("三、服务C", "services"), ("服务类", "services"),
     ("货物", "goods"), ("合计", None), ("办公设备购置费", None), ("物业管理服务", None)],
)  # fmt: skip
def test_kind_rows(label, kind):
    assert procurement_kind(label) == kind


def test_column_roles_follow_the_header_words_in_any_order():
    labels = ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"]
    assert column_roles(labels) == {"kind": 0, "project": 1, "economic": 2, "item": 3, "organisation": 4, "amount": 5}
    swapped = ["采购类别", "采购项目", "项目名称", "经济分类", "金额"]
    assert column_roles(swapped) == {"kind": 0, "item": 1, "project": 2, "economic": 3, "amount": 4}
    assert not REQUIRED_ROLES <= column_roles(["项目", "金额"]).keys()
