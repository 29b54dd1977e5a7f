"""Tables flattened into ``|``-separated text, one cell per line, as search indexes and mirrors store them.

A web page's table often reaches us as ``项 目 |`` / ``预 算 数 |`` / ``决 算 数 |`` / ``合 计 |`` /
``49.9 |`` / ``7.69 |`` / ``因公出国(境)费 |`` / ``20 |`` / ``|`` …: every cell ends with ``|``, a blank
cell is a bare ``|`` (or an extra ``|`` on the line), and nothing marks where a row ends. The rows are
rebuilt from the shape of the cells:

* a ``栏次`` row (``栏次 | 1 | 2 | 3 | 4``) gives the width: one label column plus its numbered columns;
* otherwise the width is the one under which every row after a one-row header is a label followed by
  numbers or blanks (``合计 | 49.9 | 7.69``), the widest such width when several fit.

A run whose width cannot be found stays text (the prose readers still see its lines). Blank cells stay
blank, never zero. The table keeps the locator of its first line, so each cell points back to the page.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingestion.document import Document, Locator, Table, TextLine

MIN_CELLS = 6
MAX_WIDTH = 10
COLUMN_NUMBERS_LABEL = "栏次"
_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_SPACE_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def is_pipe_line(text: str) -> bool:
    return text.rstrip().endswith("|")


def cells_of(text: str) -> list[str]:
    """``单位:万元 | ||`` → ``['单位:万元', '', '']``: the text before each ``|``, spaces inside words closed."""
    return [_SPACE_IN_WORD.sub("", part.strip()) for part in text.rstrip().split("|")[:-1]]


def _is_number(cell: str) -> bool:
    return bool(_NUMBER.fullmatch(cell))


def _fits(rows: list[list[str]]) -> bool:
    """Every full row is a label followed by numbers or blanks, with at least one number somewhere."""
    full = rows[:-1] if len(rows) > 1 else rows
    labelled = all(row[0] and not _is_number(row[0]) and all(not c or _is_number(c) for c in row[1:]) for row in full)
    return labelled and any(_is_number(cell) for row in rows for cell in row[1:])


def _chunk(cells: list[str], width: int) -> list[list[str]]:
    rows = [cells[start : start + width] for start in range(0, len(cells), width)]
    if rows and len(rows[-1]) < width:
        rows[-1] = rows[-1] + [""] * (width - len(rows[-1]))
    return rows


def _numbered_width(cells: list[str]) -> int | None:
    """``栏次 | 1 | 2 | 3 | 4``: the numbered columns plus the label's."""
    if COLUMN_NUMBERS_LABEL not in cells:
        return None
    start = cells.index(COLUMN_NUMBERS_LABEL) + 1
    count = 0
    while start + count < len(cells) and cells[start + count] == str(count + 1):
        count += 1
    return count + 1 if count >= 2 else None


def _under_spanning_first_column(rows: list[list[str]]) -> list[list[str]]:
    """``序号 | 收入 | 支出`` over ``项目 | 预算数 | 项目 | 预算数 | (blank)``: 序号 spans both header rows,
    so the row under it starts one column to the right."""
    shifted = [rows[0]] if rows else []
    for above, row in zip(rows, rows[1:], strict=False):
        spans = above[0] == "序号" and row[-1] == "" and row[0] != ""
        shifted.append([""] + row[:-1] if spans else row)
    return shifted


def shape(cells: list[str]) -> list[list[str]] | None:
    """The rows of a run of cells, or ``None`` when no width explains them."""
    numbered = _numbered_width(cells)
    if numbered:
        end = cells.index(COLUMN_NUMBERS_LABEL)
        head, body = cells[:end], cells[end:]
        head_rows = _chunk(head, numbered) if len(head) % numbered == 0 else [head]
        return _under_spanning_first_column(head_rows) + _chunk(body, numbered)
    for width in range(min(MAX_WIDTH, len(cells) // 2), 1, -1):
        rows = _chunk(cells, width)
        if len(rows) >= 2 and not any(_is_number(cell) for cell in rows[0]) and _fits(rows[1:]):
            return rows
    return None


def with_pipe_tables(document: Document) -> Document | None:
    """The document with each run of pipe lines turned into a table, or ``None`` when it has none."""
    blocks: list = []
    run: list[TextLine] = []
    changed = False
    tables = len(document.tables())

    def flush() -> None:
        nonlocal changed, tables
        cells = [cell for line in run for cell in cells_of(line.text)]
        rows = shape(cells) if len(cells) >= MIN_CELLS else None
        if rows is None:
            blocks.extend(run)
        else:
            tables += 1
            first = run[0].locator
            locator = Locator(page=first.page, line=first.line, table=tables)
            blocks.append(Table(tuple(tuple(row) for row in rows), locator, (first.page,) * len(rows)))
            changed = True
        run.clear()

    for block in document.blocks:
        if isinstance(block, TextLine) and is_pipe_line(block.text):
            run.append(block)
            continue
        if run:
            flush()
        blocks.append(block)
    if run:
        flush()
    return replace(document, blocks=blocks) if changed else None
