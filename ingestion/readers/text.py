"""Plain-text disclosures: the form portals export and the bundled samples use.

Text exports of Word/WPS/HTML disclosures carry their tables in two shapes, and this adapter turns both
into :class:`~ingestion.document.Table` blocks via the shared builder:

* **tab-separated rows**: one table row per line, cells separated by tabs (leading tabs are empty
  cells, so they are kept);
* **one cell per line**: each cell on its own line starting with a tab, a blank line ending the row,
  and a line without a tab directly under a cell continuing that cell (a header broken across lines).

Everything else is running text. Markdown artefacts (``## 附件1``, ``**粗体**``, ``- 列表``, ``<b>…</b>``)
and Word bookmarks (``[bookmark: _Toc…]``) are removed so extractors see what a reader sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ingestion.document import Document, DocumentBuilder
from ingestion.encodings import decode

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MARKDOWN_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+(?=\S))")
_BOLD = re.compile(r"\*\*|__")
MAX_BLANKS_INSIDE_TABLE = 2


def decode_text(raw: bytes) -> str:
    """BOM, UTF-8, then GB18030 / Big5 / BOM-less UTF-16 by detection (``ingestion.encodings``)."""
    return decode(raw)


def clean_markup(text: str) -> str:
    """Strip export artefacts but keep every character a reader would see."""
    text = _BOOKMARK.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _MARKDOWN_PREFIX.sub("", text)
    return _BOLD.sub("", text).replace("\u00a0", " ")


@dataclass
class _TableRun:
    """Consecutive table lines, with their 1-based line numbers, waiting to be shaped into rows."""

    lines: list[tuple[int, str]] = field(default_factory=list)

    def is_cell_per_line(self) -> bool:
        tab_lines = [text for _, text in self.lines if "\t" in text]
        one_cell = sum(1 for text in tab_lines if text.startswith("\t") and text.count("\t") == 1)
        has_row_breaks = any(not text.strip() for _, text in self.lines)
        return has_row_breaks and one_cell * 2 >= len(tab_lines)

    def is_cell_per_line_candidate(self) -> bool:
        """A run may span blank lines only if it is made of one-cell lines (tab-separated rows never do)."""
        tab_lines = [text for _, text in self.lines if "\t" in text]
        return bool(tab_lines) and all(text.startswith("\t") for text in tab_lines)

    def rows(self) -> list[list[str]]:
        return self._cell_per_line_rows() if self.is_cell_per_line() else self._tab_separated_rows()

    def _tab_separated_rows(self) -> list[list[str]]:
        return [[clean_markup(cell) for cell in text.split("\t")] for _, text in self.lines if text.strip()]

    def _cell_per_line_rows(self) -> list[list[str]]:
        rows: list[list[str]] = []
        current: list[str] = []
        for _, text in self.lines:
            if not text.strip() and "\t" not in text:
                if current:
                    rows.append(current)
                current = []
            elif text.startswith("\t"):
                current.extend(clean_markup(cell) for cell in text[1:].split("\t"))
            elif current:  # a cell broken across lines: join without a space (Chinese text)
                current[-1] = current[-1] + clean_markup(text.strip())
            else:
                current.append(clean_markup(text))
        if current:
            rows.append(current)
        return rows


def _is_table_line(text: str) -> bool:
    return "\t" in text and bool(text.strip())


def _split_blocks(lines: list[str]):
    """Yield ``("line", number, text)`` and ``("table", first_number, _TableRun)`` in reading order."""
    index = 0
    while index < len(lines):
        text = lines[index]
        if not _is_table_line(text):
            yield "line", index + 1, text
            index += 1
            continue
        run = _TableRun()
        start = index
        while index < len(lines):
            text = lines[index]
            if _is_table_line(text) or (text.strip() and run.lines and _is_table_line(run.lines[-1][1])):
                run.lines.append((index + 1, text))
                index += 1
                continue
            blanks = _count_blanks(lines, index)
            if blanks and blanks <= MAX_BLANKS_INSIDE_TABLE and index + blanks < len(lines):
                following = lines[index + blanks]
                if following.startswith("\t") and run.is_cell_per_line_candidate():
                    run.lines.extend((index + 1 + k, "") for k in range(blanks))
                    index += blanks
                    continue
            break
        yield "table", start + 1, run


def _count_blanks(lines: list[str], index: int) -> int:
    count = 0
    while index + count < len(lines) and not lines[index + count].strip() and "\t" not in lines[index + count]:
        count += 1
    return count


def read_text(path: Path, sha256: str) -> Document:
    """Read a ``.txt``/``.md`` disclosure into the document model (no pages: locators are lines)."""
    text = decode_text(Path(path).read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    builder = DocumentBuilder(Path(path).name, "txt", sha256)
    for kind, number, payload in _split_blocks(lines):
        # Locators carry the file's own line numbers, so a reader can open the file at that line.
        if kind == "line":
            builder.add_line(clean_markup(payload), line_number=number)
        else:
            builder.add_table(payload.rows(), line_number=number)
    return builder.build()
