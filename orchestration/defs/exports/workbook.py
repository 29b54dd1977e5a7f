"""A minimal XLSX writer: sheets of plain values streamed as SpreadsheetML into the zip, a cell at a time.

openpyxl builds an object per cell and serialises it through lxml, ~14 µs of CPU a cell: the
workbook's 500,000-cell budget cost ~7 CPU seconds, and adding one document rewrites it (almost every
mart it holds gains a row). A worksheet of values needs none of that: this module writes the same
cells as openpyxl's write-only mode does (inline strings, numbers, booleans, dates as serial numbers
with a date format), as text, in a fraction of the time. What it writes, for each Python value:

- ``None``: no cell; ``""``: an empty cell;
- ``bool``: a boolean cell; ``int``, ``float``, ``Decimal``: a number to 16 significant digits, as openpyxl
  writes it (``NaN`` and infinities: an empty cell);
- ``datetime`` / ``date`` / ``time`` (naive): a number (Excel's serial day, 1900 date system) with the
  format openpyxl gives it (``yyyy-mm-dd h:mm:ss``, ``yyyy-mm-dd``, ``h:mm:ss``);
- anything else: its ``str`` as an inline string (XML-escaped; characters XML 1.0 forbids are dropped,
  where openpyxl would raise; a text starting with ``=`` stays text, where openpyxl would make it a formula).

The tests read a workbook written here and one written by openpyxl back with openpyxl and compare every cell.
"""

from __future__ import annotations

import datetime
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import to_excel

# style ids of styles.xml below: 0 general, 1 date-time, 2 date, 3 time (openpyxl's formats for these types)
DATETIME_STYLE, DATE_STYLE, TIME_STYLE = 1, 2, 3
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_BATCH = 2000  # rows fetched and written at a time

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets>'
    "</workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{sheets}'
    '<Relationship Id="rIdStyles" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_SHEET_REL = (
    '<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet{n}.xml"/>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    "</fill></fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"


def cell(reference: str, value) -> str:
    """The ``<c>`` element of one value at ``reference`` (``B7``): none for ``None``, an empty one for ``""``, as
    openpyxl's write-only mode does (a reader that does not pad rows sees the same row lengths)."""
    if value is None:
        return ""
    if isinstance(value, str):
        if not value:
            return f'<c r="{reference}" t="inlineStr"/>'
        text = escape(_ILLEGAL.sub("", value))
        space = ' xml:space="preserve"' if value.strip() and value != value.strip() else ""
        return f'<c r="{reference}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        if not math.isfinite(value):
            return f'<c r="{reference}" t="n"/>'
        return f'<c r="{reference}" t="n"><v>{float(value):.16g}</v></c>'
    if isinstance(value, datetime.datetime):
        return f'<c r="{reference}" s="{DATETIME_STYLE}" t="n"><v>{to_excel(value):.16g}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{reference}" s="{DATE_STYLE}" t="n"><v>{to_excel(value):.16g}</v></c>'
    if isinstance(value, datetime.time):
        return f'<c r="{reference}" s="{TIME_STYLE}" t="n"><v>{to_excel(value):.16g}</v></c>'
    return cell(reference, str(value))


def _row(number: int, letters: Sequence[str], values: Sequence) -> str:
    cells = "".join(cell(f"{letter}{number}", value) for letter, value in zip(letters, values, strict=False))
    return f'<row r="{number}">{cells}</row>'


class Workbook:
    """``add_sheet(name, rows)`` in order, then ``close()``; written to ``path`` as it goes."""

    def __init__(self, path: Path) -> None:
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._names: list[str] = []

    def add_sheet(self, name: str, rows: Iterable[Sequence]) -> None:
        """One sheet of ``rows`` (each a sequence of values, the first usually the header)."""
        self._names.append(name)
        letters: list[str] = []
        with self._zip.open(f"xl/worksheets/sheet{len(self._names)}.xml", "w", force_zip64=True) as part:
            part.write(_SHEET_START.encode())
            chunk: list[str] = []
            for number, values in enumerate(rows, start=1):
                while len(letters) < len(values):
                    letters.append(get_column_letter(len(letters) + 1))
                chunk.append(_row(number, letters, values))
                if len(chunk) >= _BATCH:
                    part.write("".join(chunk).encode())
                    chunk = []
            part.write(("".join(chunk) + _SHEET_END).encode())

    def close(self) -> None:
        numbers = range(1, len(self._names) + 1)
        sheets = "".join(
            f'<sheet name={quoteattr(name)} sheetId="{n}" r:id="rId{n}"/>'
            for n, name in zip(numbers, self._names, strict=True)
        )
        types = "".join(_SHEET_TYPE.format(n=n) for n in numbers)
        self._zip.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=types))
        self._zip.writestr("_rels/.rels", _ROOT_RELS)
        self._zip.writestr("xl/workbook.xml", _WORKBOOK.format(sheets=sheets))
        relations = "".join(_SHEET_REL.format(n=n) for n in numbers)
        self._zip.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(sheets=relations))
        self._zip.writestr("xl/styles.xml", _STYLES)
        self._zip.close()
