"""Coverage: every number a disclosure prints, and what the warehouse made of it.

A researcher trusts the warehouse only if it holds every amount the document prints, so this module
enumerates every number printed in a document — in each text line and each table cell, under the
locators the pipeline records — and puts each in exactly one class:

* ``held``: an amount row of the staging frames was read from it, at its own locator or as a merged
  duplicate (``other_source_locators``);
* ``not_amount``: it is deliberately not an amount, with the reason (a percentage, a year or date, list
  numbering, a reference to an annex or figure, a subject/unit/project code, a headcount or other count,
  a range or threshold, a year-on-year change, a row numbering the columns, or an integer printed in
  prose with no unit that no extractor reads as money: ``unitless``);
* ``issue``: an extraction-issue row at that place says why the amount was left out;
* ``missing``: it looks like an amount (a money unit follows it, or it fills a table cell that is not a
  code, a ratio or a count) and nothing above explains it: what the parser still misses.

Beside the classes, ``wrong_subject`` counts the line items held under a code their own printed words
contradict (``tools.precision``); they are listed after the missing amounts.

``python -m tools.coverage [paths…] [--list-missing] [--list STATUS]`` prints the table per document
(default: the files in ``BUDGET_INBOX_DIRS``, which include the samples) and the missing amounts with
their locator and line. The module only reads: it calls the pipeline, the readers and the extractors
(the narrative scanner finds the numbers, so coverage and extraction agree on what a number is), and
never decides itself what an amount means. When one line prints the same number twice and the frames
hold it twice, the counts are exact but which printed copy gets which row's label is first-come.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ingestion.amounts import is_blank, parse_amount
from ingestion.config import inbox_dirs
from ingestion.document import Document, Locator, Table, TextLine
from ingestion.extract.narrative import is_table_line
from ingestion.extract.narrative.paragraphs import display_width, paragraphs
from ingestion.extract.narrative.text import Mention, clause_start, normalize, scan_numbers
from ingestion.extract.tables.layout import (
    clean_cell,
    column_labels,
    find_row_codes,
    header_row_count,
    is_column_number_row,
)
from ingestion.pipeline import discover_documents, ingest_document
from ingestion.readers import read_document
from ingestion.readers.web_forms import prepare
from ingestion.vocabulary.numerals import (
    COUNT_UNITS,
    DATE_UNITS,
    HEAD_COUNT_UNITS,
    MONEY_UNIT,
    SCALE_WORDS,
)
from ingestion.vocabulary.subject_levels import LEVEL_CHARS
from tools.coverage_ledger import Ledger, add_changes, ledger_from_frames
from tools.precision import WrongSubject, wrong_subject_listing, wrong_subjects

STATUSES = ("held", "issue", "not_amount", "missing")

# Alphanumeric identifiers: project IDs (54060023T000000972027, 224-0302-JXN-I8F2), never amounts.
_IDENTIFIER = re.compile(
    r"(?<![0-9A-Za-z-])(?=[0-9A-Za-z-]*\d)(?=[0-9A-Za-z-]*[A-Za-z])[0-9A-Za-z]+(?:-[0-9A-Za-z]+)+"
    r"|(?<![0-9A-Za-z])\d{6,}[A-Za-z][0-9A-Za-z]+"
)
# ``2.201  一般公共服务支出  774.7万元``: item 2 and code 201 printed without a space.
_ORDINAL_AND_CODE = re.compile(r"^(\d{1,2})\.(\d{3}(?:\d{2}){0,2})$")
_THRESHOLD_AFTER = re.compile(r"\s*(?:[万亿]\s*元?)?\s*(?:\((?:含|不含)\))?\s*以[上下内]")
_RANGE_BEFORE = re.compile(r"(?:[≥≤><＞＜≧≦]|不低于|不少于|不高于|不超过|大于|小于|低于|高于|超过|突破|达到)\s*=?\s*$")
_YEAR_AFTER = re.compile(r"\s*年")
_DATE_AFTER = re.compile(rf"\s*(?:{'|'.join(DATE_UNITS)})")
_REFERENCE_BEFORE = re.compile(r"(?:附件|附表|表|图|详见|见)\s*$")
_LIST_BEFORE = re.compile(r"(?:第|指标|序号)\s*$")
_HEAD_COUNT_UNITS = "|".join(HEAD_COUNT_UNITS)
_COUNT_AFTER = re.compile(rf"\s*(?:[万千百]\s*)?(?:余|多)?\s*(?P<unit>{_HEAD_COUNT_UNITS}|{'|'.join(COUNT_UNITS)})")
_CODE_AFTER = re.compile(rf"\s*[{LEVEL_CHARS}]\s*\)")
_NAME_AFTER = re.compile(r"\s*[\u4e00-\u9fff]")
_JOINER = re.compile(r"^\s*[-~～至到、]\s*$")
_LIST_PREFIX = re.compile(r"^\s*(?:\(\s*\d+\s*\)|\d+[.、](?!\d))\s*")
_UNIT_CUT_AT_LINE_END = re.compile(r"\s*([万亿])\s*")
_AMOUNT_SCALE_AFTER = re.compile(rf"\s*[{SCALE_WORDS}]")
_QUOTES = ("“", '"', "‘", "'", "《", "「")
# Table column labels that say what a whole-number cell is when it is not an amount.
_LABEL_REASONS = (
    (re.compile(r"%|率"), "percentage"),
    (re.compile(r"增减|变动|增长|比上年"), "change"),
    (re.compile(r"代码|编码"), "code"),
    (re.compile(r"序号"), "list_number"),
    (re.compile(r"人数|编制"), "headcount"),
    (re.compile(r"数量|个数"), "count"),
)
# A row whose own labels say it holds money (``预算执行情况(万元) | 预算数: | 1.3``) outranks its column
# label: exports glue sub-tables together, so the label above may belong to another table.
_MONEY_ROW = re.compile(rf"[(（]\s*(?:{MONEY_UNIT})\s*[)）]|单位\s*[:：]?\s*(?:{MONEY_UNIT})|预算数|执行数|决算数|金额")
_SUBJECT_CODE_LENGTHS = {3, 5, 6, 7}  # 类/款/项 codes; 6 digits is a 单位代码


@dataclass(frozen=True)
class PrintedNumber:
    """One number as printed, where it was printed, and what became of it.

    ``reason`` is the frame for ``held``, the issue kind for ``issue``, the reason for ``not_amount``;
    ``detail`` says which row holds it, the issue's words, or (for ``missing``) the label printed before
    it, so a developer can see what to fix.
    """

    locator: str
    printed: str
    status: str
    reason: str = ""
    detail: str = ""
    snippet: str = ""


@dataclass
class DocumentCoverage:
    """The numbers of one document (or why the pipeline rejected it)."""

    source_file: str
    agency: str | None
    numbers: list[PrintedNumber] = field(default_factory=list)
    rejection: str | None = None
    wrong_subjects: list[WrongSubject] = field(default_factory=list)  # the precision self-check

    def count(self, status: str) -> int:
        return sum(1 for number in self.numbers if number.status == status)

    @property
    def amount_like(self) -> int:
        """Numbers that are amounts: held, explained by an issue, or missing."""
        return len(self.numbers) - self.count("not_amount")

    def not_amount_reasons(self) -> Counter:
        return Counter(number.reason for number in self.numbers if number.status == "not_amount")

    def of_status(self, status: str) -> list[PrintedNumber]:
        return [number for number in self.numbers if number.status == status]


# --- what the pipeline stored: claims on printed numbers ------------------------------------------


@dataclass
class _Context:
    ledger: Ledger
    paragraph_start: dict[str, str]  # projects are stored at their paragraph's first line


def _snippet(text: str, start: int, end: int, width: int = 30) -> str:
    left, right = max(0, start - width), min(len(text), end + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def _mask_identifiers(norm: str) -> tuple[str, list[tuple[int, int]]]:
    """Blank out project IDs so their digit runs are not read as numbers; return their spans."""
    spans = [match.span() for match in _IDENTIFIER.finditer(norm) if match.end() - match.start() >= 6]
    masked = list(norm)
    for start, end in spans:
        masked[start:end] = " " * (end - start)
    return "".join(masked), spans


def text_numbers(text: str, locator: str, context: _Context, code_cell: bool = False) -> list[PrintedNumber]:
    """Every number of a text line (or of a text cell), classified.

    Numbers are found by the narrative extractor's own scanner, so coverage and extraction agree on
    what a number is; ``code_cell`` marks a table cell left of a coded row's amounts (``01 行政运行``).
    """
    norm, spans = _mask_identifiers(normalize(text))
    numbers = [_not_amount(text, locator, start, end, "code", "identifier") for start, end in spans]
    previous: tuple[Mention, str] | None = None
    for mention in scan_numbers(norm):
        split = _ORDINAL_AND_CODE.match(norm[mention.start : mention.number_end])
        if split and is_table_line(text):
            for group, reason in ((1, "list_number"), (2, "code")):
                start, end = mention.start + split.start(group), mention.start + split.end(group)
                numbers.append(_not_amount(text, locator, start, end, reason))
            continue
        number = _classify_mention(text, norm, mention, locator, context, previous, code_cell)
        numbers.append(number)
        previous = (mention, number.reason if number.status == "not_amount" else "")
    return numbers


def _classify_mention(
    text: str, norm: str, mention: Mention, locator: str, context: _Context, previous, code_cell: bool
) -> PrintedNumber:
    """held, then not an amount, then a recognised change, then an issue; else missing if it is
    money-shaped (a unit follows, or 万/亿), or a unitless number nothing reads as an amount."""
    printed, snippet = mention.printed(text), _snippet(text, mention.start, mention.end)
    unit = mention.unit
    cut_unit = _UNIT_CUT_AT_LINE_END.fullmatch(norm[mention.number_end :])
    if cut_unit:  # ``支出决算为1511.89万`` / ``元。…``: the unit runs on to the next line
        unit = cut_unit.group(1) + "元"
    if mention.kind in ("money", "bare") or cut_unit:
        places = [locator, context.paragraph_start.get(locator, locator)]
        claim = context.ledger.take(places, mention.value, unit)
        if claim:
            return PrintedNumber(locator, printed, "held", claim.frame, claim.label, snippet)
    reason = not_amount_reason(norm, mention, previous)
    if reason is None and code_cell and str(mention.value).isdigit() and not norm[: mention.start].strip():
        reason = "code"
    if reason:
        return PrintedNumber(locator, printed, "not_amount", reason, "", snippet)
    if mention.kind in ("money", "bare") and context.ledger.take_change(locator, mention.value, mention.unit):
        return PrintedNumber(locator, printed, "not_amount", "change", "", snippet)
    issue = context.ledger.take_issue(locator, normalize(printed))
    if issue:
        return PrintedNumber(locator, printed, "issue", issue[0], issue[1], snippet)
    label = norm[clause_start(norm, mention.start) : mention.start].strip()
    if _money_shaped(norm, mention):
        return PrintedNumber(locator, printed, "missing", "", label, snippet)
    return PrintedNumber(locator, printed, "not_amount", "unitless", label, snippet)


def _money_shaped(norm: str, mention: Mention) -> bool:
    """A unit follows, or 万/亿 (``投入50万``), or two decimals (``基本支出1012.86``): an amount."""
    if mention.kind == "money" or _AMOUNT_SCALE_AFTER.match(norm, mention.number_end):
        return True
    return mention.kind == "bare" and mention.value.as_tuple().exponent == -2


def _not_amount(text: str, locator: str, start: int, end: int, reason: str, detail="") -> PrintedNumber:
    return PrintedNumber(locator, text[start:end], "not_amount", reason, detail, _snippet(text, start, end))


def not_amount_reason(norm: str, mention: Mention, previous: tuple[Mention, str] | None = None) -> str | None:
    """Why a number printed in a line is not an amount, from the characters around it; ``None`` if it
    may be one. Order matters: ``≥90%`` is a percentage, ``≥10套`` a range, ``(01项)`` a code."""
    before, after = norm[: mention.start], norm[mention.number_end :]
    if mention.kind == "percent":
        return "percentage"
    if (mention.kind == "other" and mention.unit) or _THRESHOLD_AFTER.match(after):
        return "threshold"
    if _RANGE_BEFORE.search(before):
        return "range"
    if _is_year(mention, before, after):
        return "year"
    if _DATE_AFTER.match(after):
        return "date"
    if _REFERENCE_BEFORE.search(before):
        return "reference"
    if before.rstrip().endswith("(") and _CODE_AFTER.match(after) and str(mention.value).isdigit():
        return "code"
    count = _COUNT_AFTER.match(after)
    if count and not mention.unit:
        return "headcount" if re.fullmatch(_HEAD_COUNT_UNITS, count.group("unit")) else "count"
    if _is_code(before, after, mention):
        return "code"
    if _is_list_number(before, after):
        return "list_number"
    if previous and previous[1] and _JOINER.match(norm[previous[0].end : mention.start]):
        return previous[1]  # ``附表 17-19``, ``12、13日``: the second number is what the first is
    return None


def _is_year(mention: Mention, before: str, after: str) -> bool:
    """``2020年``, ``2020 年度``, and a bare ``2020`` opening a quoted name (``“2020网眼看巴中”``)."""
    if mention.kind == "money" or not str(mention.value).isdigit() or not 1949 <= mention.value <= 2099:
        return False
    return bool(_YEAR_AFTER.match(after)) or (mention.kind == "bare" and before.rstrip().endswith(_QUOTES))


def _is_code(before: str, after: str, mention: Mention) -> bool:
    """A 3/5/6/7-digit integer opening a line (after its list number), right before a name."""
    digits = str(mention.value)
    opening = not _LIST_PREFIX.sub("", before).strip()
    coded = digits.isdigit() and len(digits) in _SUBJECT_CODE_LENGTHS
    return coded and opening and bool(_NAME_AFTER.match(after))


def _is_list_number(before: str, after: str) -> bool:
    """``1.`` opening a clause, ``2、`` anywhere, ``(3)``, ``第4``, ``指标1``."""
    if before.rstrip().endswith("(") and after.lstrip().startswith(")"):
        return True
    if _LIST_BEFORE.search(before) or (after[:1] == "、" and not after[1:2].isdigit()):
        return True
    opens_clause = not before.strip() or before.rstrip()[-1] in "。；;，,:：)"
    return opens_clause and after[:1] == "." and not after[1:2].isdigit()


# --- numbers in tables -----------------------------------------------------------------------------


def _is_numbering_row(row: tuple[str, ...]) -> bool:
    """``1 2 3 5 6 9 …`` under a header: small increasing integers, even with gaps."""
    if is_column_number_row(row):
        return True
    cells = [clean_cell(cell) for cell in row if cell.strip() and cell.strip() not in {"*", "**", "栏次"}]
    if len(cells) < 3 or not all(cell.isdigit() and len(cell) <= 2 for cell in cells):
        return False
    values = [int(cell) for cell in cells]
    return values == sorted(set(values))


def _labels(table: Table, previous: Table | None) -> list[str]:
    """Column labels; a table that starts with data takes the header row the export split off above
    it (``资金支出计划（%） | 3月底 | …`` over a lone ``100.00``)."""
    header_rows = header_row_count(table)
    if header_rows or previous is None or any(parse_amount(clean_cell(cell)) for cell in previous.rows[-1]):
        return column_labels(table, header_rows)
    return [clean_cell(cell) for cell in previous.rows[-1]]


def title_of(text: str) -> str | None:
    """A line that names a table (``部门收支总表``, ``…绩效目标表``); for the hints of missing cells."""
    text = clean_cell(text)
    return text if len(text) <= 40 and "表" in text and not text.endswith("。") else None


def _boxed_title(table: Table) -> str | None:
    """Exports often print a table's title in a one-cell row at its top."""
    for row in table.rows[:2]:
        cells = [cell for cell in row if cell.strip()]
        if len(cells) == 1 and title_of(cells[0]):
            return title_of(cells[0])
    return None


def table_numbers(table: Table, title: str, previous: Table | None, context: _Context) -> list[PrintedNumber]:
    """Every number of a table: whole-number cells by their column and row, text cells like text."""
    labels = _labels(table, previous)
    numbers: list[PrintedNumber] = []
    for row_index, row in enumerate(table.rows):
        codes = find_row_codes(row)
        numbering = _is_numbering_row(row)
        money_row = bool(_MONEY_ROW.search(" ".join(clean_cell(cell) for cell in row if not parse_amount(cell))))
        for column, cell in enumerate(row):
            if is_blank(cell):
                continue
            locator = table.cell_locator(row_index, column)
            code_cell = bool(codes.code) and column < codes.first_amount_column
            amount = parse_amount(clean_cell(cell))
            if amount is None:
                numbers += text_numbers(cell, str(locator), context, code_cell)
                continue
            label = labels[column] if column < len(labels) else ""
            where = f"{title} | row '{codes.name or clean_cell(row[0])}' | column '{label}'"
            said = "" if money_row else label
            reason = cell_reason(clean_cell(cell), said, numbering, column < codes.first_amount_column)
            snippet = table.row_text(row_index)
            numbers.append(_classify_cell(clean_cell(cell), amount, locator, reason, where, snippet, context))
    return numbers


def _classify_cell(
    printed: str, amount, locator: Locator, reason: str | None, where: str, snippet: str, context: _Context
) -> PrintedNumber:
    """held, then not an amount, then covered by an issue (the cell's, its row's or its column's);
    else missing: a number alone in a cell that is not a code, a ratio or a count is an amount."""
    place = str(locator)
    claim = context.ledger.take([place], amount.value, amount.unit)
    if claim:
        return PrintedNumber(place, printed, "held", claim.frame, claim.label, snippet)
    if reason:
        return PrintedNumber(place, printed, "not_amount", reason, where, snippet)
    issue = context.ledger.cell_issue(locator)
    if issue:
        return PrintedNumber(place, printed, "issue", issue[0], issue[1], snippet)
    return PrintedNumber(place, printed, "missing", "", where, snippet)


def cell_reason(printed: str, label: str, numbering: bool, before_amounts: bool) -> str | None:
    """Why a whole-number cell is not an amount: a column-number row, a code left of the amounts (or a
    6-digit 单位代码), or a column whose label names a ratio, change, code, sequence or count."""
    if numbering:
        return "column_numbers"
    if printed.isdigit() and (before_amounts or len(printed) == 6):
        return "code"
    return next((reason for pattern, reason in _LABEL_REASONS if pattern.search(label)), None)


# --- documents -------------------------------------------------------------------------------------


def _paragraph_starts(document: Document) -> dict[str, str]:
    starts = {}
    for paragraph in paragraphs(document.text_lines(), keep=lambda line: not is_table_line(line.text)):
        for line in paragraph.lines:
            starts[str(line.locator)] = str(paragraph.lines[0].locator)
    return starts


def document_coverage(path: Path) -> DocumentCoverage:
    """Ingest one file as the pipeline does, re-read it, and classify every number it prints.

    The second read uses the plain reader: the pipeline's (isolated, for PDFs) read of the same file has
    just succeeded, and the frames it returns do not carry the document's blocks.
    """
    result = ingest_document(path)
    row = result.document_row
    coverage = DocumentCoverage(path.name, row.get("short_name") or row.get("agency_name"))
    if result.is_rejected:
        coverage.rejection = f"{row['rejection_reason']}: {row['rejection_detail']}"
        return coverage
    document, _ = prepare(read_document(path, row["sha256"]))
    coverage.wrong_subjects = wrong_subjects(result.frames.get("line_items"))
    coverage.wrong_subjects += wrong_subjects(result.frames.get("income_line_items"))  # income by subject too
    ledger = ledger_from_frames(result.frames)
    add_changes(ledger, document, row)
    context = _Context(ledger, _paragraph_starts(document))
    title, previous = "", None
    for block in document.blocks:
        if isinstance(block, TextLine):
            coverage.numbers += text_numbers(block.text, str(block.locator), context)
            title = title_of(block.text) or title
        else:
            title = _boxed_title(block) or title
            coverage.numbers += table_numbers(block, title, previous, context)
        previous = block if isinstance(block, Table) else None
    return coverage


# --- report ----------------------------------------------------------------------------------------


def coverage_table(coverages: list[DocumentCoverage]) -> str:
    """One row per document: printed, amount-like, held, issue-explained, missing, not-amount (by reason)."""
    header = ("document", "agency", "printed", "amount_like", "held", "issue", "missing", "wrong_subject")
    rows = [(*header, "not_amount", "why")]
    for coverage in coverages:
        name, agency = coverage.source_file, coverage.agency or ""
        if coverage.rejection:
            rows.append((name, agency, "rejected", *[""] * 6, coverage.rejection))
            continue
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(coverage.not_amount_reasons().items()))
        rows.append(
            (
                name,
                agency,
                len(coverage.numbers),
                coverage.amount_like,
                coverage.count("held"),
                coverage.count("issue"),
                coverage.count("missing"),
                len(coverage.wrong_subjects),
                coverage.count("not_amount"),
                reasons,
            )
        )
    return _format(rows)


def _format(rows: list[tuple]) -> str:
    """Columns padded by display width, so Chinese agency names line up; the last column runs free."""
    widths = [max(display_width(str(row[i])) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [str(cell) + " " * (widths[i] - display_width(str(cell))) for i, cell in enumerate(row[:-1])]
        lines.append("  ".join(cells + [str(row[-1])]).rstrip())
    return "\n".join(lines)


def missing_listing(coverage: DocumentCoverage, limit: int | None = None) -> str:
    """The missing amounts of a document, with locator, the label before them and the line or row."""
    missing = coverage.of_status("missing")
    lines = [f"{coverage.source_file}: {len(missing)} missing"]
    for number in missing[:limit]:
        where = f"{number.locator:<16} {number.printed:<10}"
        lines.append(f"  {where} {number.detail[:60]}  «{number.snippet[:70]}»")
    if limit is not None and len(missing) > limit:
        lines.append(f"  … {len(missing) - limit} more (--list-missing shows all)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.coverage", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files to check (default: the inbox folders)")
    parser.add_argument("--list-missing", action="store_true", help="list every missing amount")
    parser.add_argument("--list", choices=STATUSES, action="append", default=[], help="also list this status")
    args = parser.parse_args(argv)
    paths = args.paths or discover_documents(inbox_dirs())
    coverages = [document_coverage(path) for path in paths]
    print(coverage_table(coverages))
    for coverage in coverages:
        if coverage.rejection:
            continue
        print()
        print(missing_listing(coverage, None if args.list_missing else 5))
        if coverage.wrong_subjects:
            print(wrong_subject_listing(coverage.source_file, coverage.wrong_subjects))
        for status in args.list:
            print(f"{coverage.source_file}: {status}")
            for number in coverage.of_status(status):
                print(f"  {number.locator:<18} {number.printed:<14} {number.reason:<14} {number.detail[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
