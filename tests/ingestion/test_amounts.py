"""Printed numbers and units → exact yuan: the forms the samples and real PDFs print, and what is refused."""

from decimal import Decimal

import pytest

from ingestion.amounts import find_unit_declaration, is_blank, normalize_text, parse_amount, to_yuan


@pytest.mark.parametrize(
    ("printed", "value", "unit"),
    [
        ("472.74", Decimal("472.74"), None),  # 株洲 收支总表
        ("1,226.42", Decimal("1226.42"), None),  # 那曲, thousands separator
        ("156,211,123", Decimal("156211123"), None),  # a 元 table's integer amount
        ("７７４．７万元", Decimal("774.7"), "万元"),  # full-width digits with the unit printed beside them
        ("79.53 万元", Decimal("79.53"), "万元"),
        ("-3.50", Decimal("-3.50"), None),
        ("2 亿元", Decimal("2"), "亿元"),
    ],
)
def test_amounts_keep_their_exact_value_and_printed_unit(printed, value, unit):
    amount = parse_amount(printed)
    assert (amount.value, amount.unit) == (value, unit)
    assert amount.printed == normalize_text(printed)


@pytest.mark.parametrize("text", ["", "-", "—", "－", "——", "/", "  "])
def test_blank_marks_are_blanks_not_zeros(text):
    assert is_blank(text)
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["40.01%", "2020年", "1,22.4", "约5万元", "12.5.3", "行政运行"])
def test_anything_not_a_plain_amount_is_refused(text):
    assert parse_amount(text) is None
    assert not is_blank(text)


def test_conversion_to_yuan_is_exact_or_refused():
    assert to_yuan(Decimal("774.7"), "万元") == Decimal("7747000.00")
    assert to_yuan(Decimal("0.096"), "万元") == Decimal("960.00")
    assert to_yuan(Decimal("156211123"), "元") == Decimal("156211123.00")
    assert to_yuan(Decimal("1.234"), "元") is None  # a fraction of a fen is never rounded away


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("单位：万元", "万元"),
        ("单位:元", "元"),
        ("金 额 单 位：元", "元"),
        ("单 位 : 亿元", "亿元"),
        ("2020年部门预算", None),
    ],
)
def test_unit_declarations(text, unit):
    assert find_unit_declaration(text) == unit
