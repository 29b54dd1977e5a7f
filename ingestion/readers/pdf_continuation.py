"""Is the first table on a page the rest of the table that ended the previous page?

Decided from geometry only, never from words: the table opens the page (nothing but page furniture
above it, and no caption drawn inside its border), and its columns are the previous table's columns.
For ruled tables every column boundary must be one of the previous table's boundaries (a
continuation whose only row is "合计" spanning the code columns has fewer boundaries, not other
ones); its rows are then re-spread over the previous columns. Unruled tables have no exact
boundaries, so the column bands must overlap one to one. A header repeated at the top of the
continuation is dropped, so the merged table has its header once.

A row can itself be cut by the page break ("八、社会保障和就" | "业支出"). The first continued row is
glued back onto the last row when it looks like the tail of a wrapped label: no digit anywhere,
only short text, only in columns where the last row has text, and not the start of a new item
(an ordinal such as "九、" or "(一)", or a total such as "合计").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ingestion.readers.pdf_tables import PageTable
from ingestion.readers.textclean import join_wrapped
from ingestion.vocabulary.measures import SUBTOTAL_WORDS
from ingestion.vocabulary.numerals import CN_DIGITS, CN_PART

_EDGE_TOLERANCE = 3.0  # points
_FRAGMENT_MAX_CHARS = 8
_SPACED_SUBTOTALS = "|".join(r"\s*".join(word) for word in SUBTOTAL_WORDS)  # 合 计 printed spaced
_NEW_ITEM = re.compile(rf"^(?:{CN_PART}|[(（][{CN_DIGITS}\d]+[)）]|\d+[.、]|第|{_SPACED_SUBTOTALS}|其中)")


@dataclass
class OpenTable:
    """The table that ended the last page: where, its first chunk, and the row list emitted last."""

    page: int
    table: PageTable
    first_rows: list[list[str]] = field(default_factory=list)
    tail: list[list[str]] = field(default_factory=list)


def continuation_rows(previous: OpenTable | None, table: PageTable, page: int) -> list[list[str]] | None:
    """The rows to append to ``previous`` if ``table`` continues it, else ``None``."""
    if previous is None or previous.page != page - 1 or table.captions:
        return None
    if previous.table.ruled != table.ruled:
        return None
    if table.ruled:
        mapping = _edge_mapping(previous.table.edges, table.edges)
        if mapping is None:
            return None
        rows = [_respread(row, mapping, previous.table.column_count) for row in table.rows]
    else:
        if not _bands_match(previous.table.edges, table.edges):
            return None
        rows = [list(row) for row in table.rows]
    return _without_repeated_header(previous.first_rows, rows)


def _edge_mapping(old: tuple[float, ...], new: tuple[float, ...]) -> list[int] | None:
    """Index in ``old`` of each boundary in ``new``; ``None`` if one has no counterpart or the box differs."""
    mapping = []
    for edge in new:
        index = min(range(len(old)), key=lambda i: abs(old[i] - edge))
        if abs(old[index] - edge) > _EDGE_TOLERANCE or (mapping and index <= mapping[-1]):
            return None
        mapping.append(index)
    if mapping[0] != 0 or mapping[-1] != len(old) - 1:
        return None
    return mapping


def _respread(row: list[str], mapping: list[int], width: int) -> list[str]:
    """Place each cell in the first of the previous table's columns it covers; blanks elsewhere."""
    spread = [""] * width
    for column, text in enumerate(row):
        spread[mapping[column]] = text
    return spread


def _bands_match(old: tuple[float, ...], new: tuple[float, ...]) -> bool:
    if len(old) != len(new):
        return False
    pairs = zip(pairwise(old), pairwise(new), strict=True)
    return all(min(b1, n1) > max(b0, n0) for (b0, b1), (n0, n1) in pairs)


def _without_repeated_header(header: list[list[str]], rows: list[list[str]]) -> list[list[str]]:
    """Drop the leading rows that repeat the first rows of the table (a header printed on every page)."""
    repeated = 0
    while repeated < min(len(header), len(rows)) and rows[repeated] == header[repeated]:
        repeated += 1
    return rows[repeated:]


def glue_cut_row(tail: list[list[str]], rows: list[list[str]]) -> list[list[str]]:
    """Join a row cut by the page break back together (editing ``tail`` in place); return the rest."""
    if not tail or not rows or not _is_cut_tail(tail[-1], rows[0]):
        return rows
    last = tail[-1]
    for column, text in enumerate(rows[0]):
        if text:
            last[column] = join_wrapped([last[column], text])
    return rows[1:]


def _is_cut_tail(last: list[str], first: list[str]) -> bool:
    filled = [column for column, text in enumerate(first) if text]
    if not filled or len(first) != len(last):
        return False
    for column in filled:
        text = first[column]
        if not last[column] or any(ch.isdigit() for ch in text) or _NEW_ITEM.match(text):
            return False
        if len(text) > _FRAGMENT_MAX_CHARS:
            return False
    return not any(ch.isdigit() for text in first for ch in text)
