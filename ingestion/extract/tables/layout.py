"""The shape of a printed table: which rows are headers, what each column means, where codes sit.

Disclosure tables are recognised by their titles and headers, never by which document they come from.
This module only describes structure (header labels per column, code and name cells per row); the
meaning of amounts is decided in :mod:`ingestion.extract.tables`.

Header rows exported from Word/WPS are often shifted by a merged cell (``总计`` printed one column left
of its numbers), so each header row is aligned against the data by choosing the shift that puts
amount labels over numeric columns and name labels over text columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.amounts import find_unit_declaration, is_blank, normalize_text, parse_amount
from ingestion.document import Table
from ingestion.vocabulary.subject_levels import LEVEL_CHARS

_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff（）()“”])\s+(?=[\u4e00-\u9fff（）()“”])")
_CODE = re.compile(r"^(?P<code>\d{3}(?:\d{2}){0,2})(?:\s*(?P<name>\D.*))?$")
_FRAGMENT = re.compile(r"^(?P<code>\d{2})(?:\s*(?P<name>\D.*))?$")
_TEXT_LABELS = re.compile(rf"名称|编码|代码|科目$|^项目$|^项\s*目$|单位$|[{LEVEL_CHARS}]")
_AMOUNT_LABELS = re.compile(r"合计|总计|小计|预算|决算|支出|收入|经费|拨款|结转|金额|费")
_CODE_LIKE = re.compile(r"^(?:\d{2}|\d{3}|\d{5,7})$")  # 类/款/项 fragments and 单位代码 look like integers
DECIMAL_AMOUNT = re.compile(r"^-?[\d,]+\.\d+$|^\d{1,3}(?:,\d{3})+$")
_UNIT_CODE = re.compile(r"^\d{6}$")
MAX_HEADER_SHIFT = 2


def clean_cell(text: str) -> str:
    """NFKC, and close the spaces some producers put between Chinese characters (``收 入`` → ``收入``)."""
    return _CJK_SPACE.sub("", normalize_text(text))


@dataclass(frozen=True)
class RowCodes:
    """Codes found at the left of a data row: joined (``2013701``) or split (``201 | 37 | 01``)."""

    code: str | None
    name: str | None
    first_amount_column: int


def is_column_number_row(row: tuple[str, ...]) -> bool:
    """``** ** 1 2 3 …``: a row numbering the columns, printed under many headers."""
    numbers = [cell for cell in row if cell and cell not in {"*", "**", "栏次"}]
    if len(numbers) < 2 or not all(cell.isdigit() for cell in numbers):
        return False
    values = [int(cell) for cell in numbers]
    return values == list(range(values[0], values[0] + len(values)))


def is_amount_cell(text: str) -> bool:
    if _is_plain_integer_amount(text):
        return True
    return parse_amount(text) is not None and not text.strip().isdigit()


def _is_plain_integer_amount(text: str) -> bool:
    """Integers are amounts in 元 tables (``156,211,123``) but also codes and counts: only separators prove it."""
    return bool(re.fullmatch(r"\d{1,3}(?:,\d{3})+", normalize_text(text)))


_ONE_DIGIT = re.compile(r"^(?P<code>\d)(?P<name>)$")


def _short_fragment(row: tuple[str, ...], index: int, cell: str) -> re.Match | None:
    """``301 | 2 | 津贴补贴``: spreadsheets drop the leading zero of a 款/项 fragment. A lone digit right after
    the code counts as the fragment ``02`` only when a subject name (text, not an amount) follows it."""
    match = _ONE_DIGIT.match(cell)
    following = next((clean_cell(c) for c in row[index + 1 :] if clean_cell(c)), "")
    if match and following and parse_amount(following) is None:
        return match
    return None


def find_row_codes(row: tuple[str, ...]) -> RowCodes:
    """Read a subject code from the row's leading cells; joined, split into 类/款/项, or code+name."""
    code: str | None = None
    name: str | None = None
    for index, raw in enumerate(row):
        cell = clean_cell(raw)
        if not cell or _UNIT_CODE.match(cell):  # blank, or a 6-digit 单位代码 beside the subject code
            continue
        if code is None and name is None:
            match = _CODE.match(cell)
            if match and not is_amount_cell(cell):
                code, name = match.group("code"), match.group("name")
                continue
        elif code is not None and len(code) in (3, 5) and name is None:
            fragment = _FRAGMENT.match(cell) or _short_fragment(row, index, cell)
            if fragment:
                code, name = code + fragment.group("code").zfill(2), fragment.group("name")
                continue
        if parse_amount(cell) is not None:
            return RowCodes(code, name, index)
        if name is None or code is not None:
            name = cell  # the subject name is the text nearest the amounts (a 单位名称 may precede it)
    return RowCodes(code, name, len(row))


def header_row_count(table: Table) -> int:
    """Rows before the first row that carries a code or an amount (column-number rows count as header)."""
    for index, row in enumerate(table.rows):
        if is_column_number_row(row):
            continue
        codes = find_row_codes(row)
        has_amount = any(parse_amount(clean_cell(cell)) is not None for cell in row[codes.first_amount_column :])
        if codes.code or (has_amount and codes.first_amount_column < len(row)):
            return index
    return len(table.rows)


def _column_is_numeric(table: Table, header_rows: int, width: int) -> list[bool | None]:
    """Per column: True if its data cells are amounts, False if text, None if always blank.

    Bare integers left of the first column with decimal amounts are codes (``201 | 37 | 01``, 单位代码);
    to the right of it they are amounts (``25`` 万元 in a 三公 table).
    """
    columns = [
        [clean_cell(row[c]) for row in table.rows[header_rows:] if c < len(row) and not is_blank(row[c])]
        for c in range(width)
    ]
    decimal_columns = [c for c, cells in enumerate(columns) if any(DECIMAL_AMOUNT.match(cell) for cell in cells)]
    first_decimal = decimal_columns[0] if decimal_columns else width
    verdicts: list[bool | None] = []
    for column, cells in enumerate(columns):
        if not cells:
            verdicts.append(None)
            continue
        numeric = sum(
            1
            for cell in cells
            if parse_amount(cell) is not None and not (column < first_decimal and _CODE_LIKE.match(cell))
        )
        verdicts.append(numeric * 2 > len(cells))
    return verdicts


def _has_contradiction(labels: tuple[str, ...], numeric: list[bool | None]) -> bool:
    for index, label in enumerate(labels):
        if not label or index >= len(numeric) or numeric[index] is None:
            continue
        is_text_label = bool(_TEXT_LABELS.search(label)) and not _AMOUNT_LABELS.search(label)
        if is_text_label == bool(numeric[index]):
            return True
    return False


def _shift_score(labels: tuple[str, ...], shift: int, numeric: list[bool | None]) -> int:
    score = 0
    for index, label in enumerate(labels):
        target = index + shift
        if not label or target < 0 or target >= len(numeric) or numeric[target] is None:
            continue
        if _TEXT_LABELS.search(label) and not _AMOUNT_LABELS.search(label):
            score += 1 if numeric[target] is False else -1
        elif _AMOUNT_LABELS.search(label):
            score += 1 if numeric[target] else -1
    return score


def _aligned(labels: tuple[str, ...], numeric: list[bool | None]) -> tuple[str, ...]:
    """Shift a header row only when, as printed, some label contradicts its column's data."""
    if not _has_contradiction(labels, numeric):
        return labels
    best = max(
        range(-MAX_HEADER_SHIFT, MAX_HEADER_SHIFT + 1), key=lambda s: (_shift_score(labels, s, numeric), -abs(s))
    )
    width = len(numeric)
    shifted = [""] * width
    for index, label in enumerate(labels):
        if 0 <= index + best < width:
            shifted[index + best] = label
    return tuple(shifted)


def _is_unit_row(row: tuple[str, ...]) -> bool:
    """``单位：万元`` (alone or beside the agency name) says nothing about any one column."""
    cells = [clean_cell(cell) for cell in row if cell.strip()]
    return any(find_unit_declaration(cell) for cell in cells) and len(cells) <= 2


def column_labels(table: Table, header_rows: int) -> list[str]:
    """One label per column: header cells top to bottom, upper cells spanning to the right over blanks."""
    width = max(len(row) for row in table.rows)
    numeric = _column_is_numeric(table, header_rows, width)
    rows = [
        _aligned(tuple(clean_cell(cell) for cell in row) + ("",) * (width - len(row)), numeric)
        for row in table.rows[:header_rows]
        if not is_column_number_row(row) and not _is_unit_row(row)
    ]
    labels = [""] * width
    parents = [-1] * width  # span id of each column in the row above (one root span at first)
    for depth, row in enumerate(rows):
        spans: list[int] = []
        text, span, parent = "", -1, -1
        for column in range(width):
            cell = row[column]
            has_children = any(lower[column] for lower in rows[depth + 1 :])
            if cell:
                text, span, parent = cell, depth * width + column, parents[column]
            elif text and has_children and parents[column] == parent:
                cell = text  # a merged cell spans right, but never past the end of its parent's span
            else:
                text, span = "", depth * width + column
            spans.append(span)
            if cell and cell not in labels[column].split("/"):
                labels[column] = f"{labels[column]}/{cell}" if labels[column] else cell
        parents = spans
    return labels
