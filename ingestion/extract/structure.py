"""What a document is made of: the tables its contents page lists and the tables it prints.

Two kinds of rows, in document order, for the ``document_sections`` staging frame:

* ``contents_entry`` — a table the contents page (目录) lists (an entry naming a 表, its wrapped second
  line joined: ``十一、一般公共预算“三公”经费、会议费、培训费支`` / ``出预算表``);
* ``table`` — a table printed with a title (the title lines just above it, wrapped titles joined;
  ``公开01表``, ``单位：万元`` and ``部门：…`` lines skipped). A table with no title line since the
  previous one continues it (a page break) and adds its figures to it.

Each row carries the standard table its title names (``ingestion.vocabulary.standard_tables``) and,
for printed tables, how many non-zero figures it prints (cells with a decimal point or thousands
separators, so codes and column numbers never count). Nothing is decided here: dbt compares the
contents with the printed tables and the figures with the document's empty-table statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.amounts import find_unit_declaration, parse_amount
from ingestion.document import Document, Locator, Table, TextLine, sourced
from ingestion.extract.tables.layout import clean_cell
from ingestion.vocabulary.breaks import SENTENCE_END_MARKS
from ingestion.vocabulary.standard_tables import standard_table_key, title_words
from ingestion.vocabulary.table_titles import TABLE_NUMBER

CONTENTS_HEADING = re.compile(r"^目\s*录$")
CONTENTS_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+部分)"
)
PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
META_LINE = re.compile(r"^(?:编制)?(?:部门|单位名称|单位|预算单位|填报单位)\s*[:：]|^单\s*位")
MAX_CONTENTS_LINES = 80
MAX_TITLE_LENGTH = 60
FIGURE = re.compile(r"\d[.,]\d")
DOT_LEADER = re.compile(r"\s*[.…·•]{3,}.*$|\s+\d+$")
REFERENCE = re.compile(r"^(?:详见|参见|见)")  # ``详见…绩效目标表``: prose pointing at a table
GENERIC_TABLES = re.compile(r"^(?:预算|决算|公开)?表$|^(?:预算|决算)?公开表$")


@dataclass(frozen=True)
class SectionFact:
    """One contents entry or one printed table (see the module docstring)."""

    kind: str  # contents_entry / table
    index: int  # 1-based position among the rows of its kind
    title: str
    locator: Locator
    nonzero_figures: int | None = None  # printed tables: None when no table is printed below the title

    @property
    def standard_table(self) -> str | None:
        return standard_table_key(self.title)


def extract_sections(document: Document) -> list[SectionFact]:
    return contents_entries(document) + printed_tables(document)


def _contents_block(document: Document) -> list[TextLine]:
    """The lines of the first contents page (目录 and what follows until the body starts)."""
    lines = document.text_lines()
    start = next((i for i, line in enumerate(lines) if CONTENTS_HEADING.match(_clean(line.text))), None)
    if start is None:
        return []
    block = [line for line in lines[start : start + 1 + MAX_CONTENTS_LINES] if _clean(line.text)]
    seen_first = None
    for position, line in enumerate(block[1:], start=1):
        text = _entry_text(line.text)
        if (seen_first is not None and text == seen_first) or _ends_sentence(text):
            return block[:position]
        seen_first = seen_first or text
    return block


def contents_entries(document: Document) -> list[SectionFact]:
    """The tables the first contents page lists, in its order (none when there is no 目录)."""
    block = _contents_block(document)[1:]
    entries: list[tuple[str, Locator]] = []
    for position, line in enumerate(block):
        text = _entry_text(line.text)
        if CONTENTS_ORDINAL.match(text):
            entries.append((text, line.locator))
        elif entries and not PART_HEADING.match(text) and position and _wrapped(entries[-1][0]):
            entries[-1] = (entries[-1][0] + text, entries[-1][1])
    tables = [(text, locator) for text, locator in entries if _names_a_table(text)]
    return [SectionFact("contents_entry", i, text, locator) for i, (text, locator) in enumerate(tables, start=1)]


def _wrapped(entry: str) -> bool:
    return not entry.endswith("表") and len(entry) >= 8


def _names_a_table(entry: str) -> bool:
    return (
        "表" in entry.replace("表格", "")
        and not PART_HEADING.match(entry)
        and not GENERIC_TABLES.match(title_words(entry))
    )


def _entry_text(text: str) -> str:
    """A contents line without its dot leader and page number (``1. 收支总表 ........ 12``)."""
    return DOT_LEADER.sub("", _clean(text)).strip()


def printed_tables(document: Document) -> list[SectionFact]:
    """One row per printed table title, in reading order, with the non-zero figures of the tables
    below it until the next title (a table broken over pages adds up). A title with no table below it
    (a text export printing an empty table as its title, or a list of the tables published apart)
    counts ``None``: nothing is known of its figures. Prose ends a title's reach."""
    skip = {line.locator for line in _contents_block(document)}
    found: list[SectionFact] = []
    is_open = False
    previous: TextLine | None = None
    for block in document.blocks:
        if isinstance(block, Table) and _one_cell(block) is None:
            if is_open:
                last = found[-1]
                found[-1] = SectionFact("table", last.index, last.title, last.locator,
                                        (last.nonzero_figures or 0) + _nonzero_figures(block))  # fmt: skip
            continue
        line = block if isinstance(block, TextLine) else TextLine(_one_cell(block), block.locator)
        text = _clean(line.text)
        if line.locator in skip or not text or _is_meta(text):
            continue
        title = _joined_title(previous, text)
        if title is not None:
            locator = line.locator if title == text else previous.locator
            if found and is_open and found[-1].locator == locator:
                found.pop()
            found.append(SectionFact("table", len(found) + 1, title, locator))
            is_open = True
        elif _ends_sentence(text) or PART_HEADING.match(text) or len(text) > MAX_TITLE_LENGTH:
            is_open = False
        previous = line
    return found


def _joined_title(previous: TextLine | None, text: str) -> str | None:
    """``text`` as a table title, joined with the line before when the title wraps (``…培训费支出预算``
    / ``表``); ``None`` when it is no table's title."""
    before = _clean(previous.text) if previous is not None else ""
    if (
        before
        and TABLE_WORD.search(text)
        and len(text) <= 5
        and not _ends_sentence(before)
        and not _is_table_title(before)
        and _is_table_title(before + text)
    ):
        return before + text
    return text if _is_table_title(text) else None


TABLE_WORD = re.compile(r"表(?:$|[—\-－(（:：])")


def _is_table_title(text: str) -> bool:
    return bool(TABLE_WORD.search(text)) and len(text) <= MAX_TITLE_LENGTH and not _ends_sentence(text) \
        and not PART_HEADING.match(text) and not GENERIC_TABLES.match(title_words(text)) \
        and not REFERENCE.match(text)  # fmt: skip


def _is_meta(text: str) -> bool:
    return bool(META_LINE.search(text) or find_unit_declaration(text) or TABLE_NUMBER.match(text.replace(" ", "")))


def _one_cell(table: Table) -> str | None:
    cells = [cell for row in table.rows for cell in row if cell.strip()]
    return clean_cell(cells[0]) if len(cells) == 1 else None


def _nonzero_figures(table: Table) -> int:
    count = 0
    for row in table.rows:
        for cell in row[1:]:
            text = clean_cell(cell)
            amount = parse_amount(text)
            if amount is not None and amount.value != 0 and FIGURE.search(text):
                count += 1
    return count


def _clean(text: str) -> str:
    return clean_cell(text).strip()


def _ends_sentence(text: str) -> bool:
    return text.endswith(tuple(SENTENCE_END_MARKS + "；;，,"))


def section_row(document_id: str, fact: SectionFact) -> dict:
    """One row of the ``document_sections`` staging frame (``ingestion.schemas.DocumentSectionFrame``)."""
    return {
        "document_id": document_id,
        "section_kind": fact.kind,
        "section_index": fact.index,
        "title": fact.title,
        "title_words": title_words(fact.title) or None,
        "standard_table_key": fact.standard_table,
        "nonzero_figure_count": fact.nonzero_figures,
        **sourced(fact.locator, fact.title),
    }
