"""The XLSX writer gives the cells openpyxl's write-only mode gives, read back by openpyxl (and Excel's rules)."""

from __future__ import annotations

import datetime
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from orchestration.defs.exports.workbook import Workbook, cell

ROWS = [
    ("text", "number", "when", "flag", "other"),
    ('预算 & <收支> "总表"', Decimal("472.74"), datetime.datetime(2020, 1, 31, 12, 30, 5), True, 7),
    ("  leading and trailing  ", Decimal("-0.01"), datetime.date(2019, 12, 31), False, 2**40),
    (None, 1.5, datetime.time(8, 15), None, Decimal("12345678901234567.89")),
    ("", None, None, None, "a, b"),
    ("trailing empty values", 1, None, None, None),
    ("a trailing empty text", 2, None, None, ""),
    ("line\nbreak\ttab", 0, datetime.datetime(1900, 1, 1), True, Decimal("1E+3")),
]


def _read(path, read_only: bool = False) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(path, read_only=read_only)  # both: how a reader sees empty cells differs
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def _with_openpyxl(path, sheets):
    workbook = openpyxl.Workbook(write_only=True)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)


def test_every_cell_reads_back_as_openpyxl_wrote_it(tmp_path):
    sheets = [("README", [("sheet", "column", "meaning"), ("dim_agency", "", "机构")]), ("values", ROWS)]
    ours = Workbook(tmp_path / "ours.xlsx")
    for name, rows in sheets:
        ours.add_sheet(name, rows)
    ours.close()
    _with_openpyxl(tmp_path / "theirs.xlsx", sheets)
    assert _read(tmp_path / "ours.xlsx") == _read(tmp_path / "theirs.xlsx")
    assert _read(tmp_path / "ours.xlsx", read_only=True) == _read(tmp_path / "theirs.xlsx", read_only=True)
    values = _read(tmp_path / "ours.xlsx")["values"]
    assert values[1] == ('预算 & <收支> "总表"', 472.74, datetime.datetime(2020, 1, 31, 12, 30, 5), True, 7)
    assert values[2][2] == datetime.datetime(2019, 12, 31)  # a date reads back as midnight, as openpyxl's does
    assert values[3][4] == 1.234567890123457e16  # 16 significant digits, as openpyxl writes any number


def test_a_sheet_of_many_rows_and_a_wide_row(tmp_path):
    header = [f"c{column}" for column in range(30)]
    rows = [header] + [[row * 30 + column for column in range(30)] for row in range(5000)]
    workbook = Workbook(tmp_path / "wide.xlsx")
    workbook.add_sheet("wide", rows)
    workbook.close()
    read = _read(tmp_path / "wide.xlsx")["wide"]
    assert len(read) == 5001 and read[0][29] == "c29" and read[5000][29] == 5000 * 30 - 1
    with zipfile.ZipFile(tmp_path / "wide.xlsx") as archive:
        assert archive.testzip() is None
        assert 'r="AD5001"' in archive.read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", '<c r="A1" t="inlineStr"/>'),
        (float("nan"), '<c r="A1" t="n"/>'),
        (Decimal("NaN"), '<c r="A1" t="n"/>'),
        ("a\x01b", '<c r="A1" t="inlineStr"><is><t>ab</t></is></c>'),  # XML 1.0 cannot hold \x01
        ("=SUM(A1)", '<c r="A1" t="inlineStr"><is><t>=SUM(A1)</t></is></c>'),  # text, never a formula
        (["a", 1], '<c r="A1" t="inlineStr"><is><t>[&apos;a&apos;, 1]</t></is></c>'.replace("&apos;", "'")),
    ],
)
def test_values_without_a_value_or_with_text_only(value, expected):
    assert cell("A1", value) == expected
