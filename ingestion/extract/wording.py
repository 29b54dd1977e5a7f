"""What a reviewer reads in the prose besides the figures: one row per flagged spot of a sentence.

For the ``sentence_flags`` staging frame, each prose paragraph (``run_on_paragraphs``: wrapped lines
joined) is split into sentences and searched for the wordings of ``ingestion.vocabulary.wording``:

* ``placeholder`` — template residue left in (``XX局``, ``××``, ``增加（减少）``, ``上升（下降）``);
* ``truncated_explanation`` — an explanation that stops before saying anything (``主要原因是。``);
* ``year`` — a year printed as the year a heading or sentence is about (comparisons ``比2023年``,
  periods ``2021-2025年`` and dates ``2025年1月`` are not flagged at all); dbt compares it with the
  document's fiscal year;
* ``amount_without_unit`` / ``rate_without_percent`` — a figure money or rate words introduce, whose
  clause ends without a unit or a percent sign;
* ``empty_statement`` — the document says it has none of a table's funds (``本单位无政府性基金预算，
  故本表为空表``), with the table it names (``ingestion.vocabulary.standard_tables.EMPTY_TOPICS``);
* ``subject_mention`` — a subject printed with its code, amount or not (``2010301 行政运行：主要用于…``,
  ``公共安全支出（204类）司法（06款）``): the printed name, with the code as the value
  (``ingestion.extract.narrative.subject_names.coded_mentions``).

Nothing is decided here: the flag, the matched words and the sentence go to dbt, which decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.document import Document, Locator, sourced
from ingestion.extract.empty_statements import EMPTY_STATEMENT, INSTRUCTION
from ingestion.extract.narrative.paragraphs import is_table_line, run_on_paragraphs
from ingestion.extract.narrative.subject_names import coded_mentions
from ingestion.extract.narrative.text import normalize
from ingestion.vocabulary.breaks import SENTENCE_END_MARKS
from ingestion.vocabulary.numerals import COUNT_UNITS, DATE_UNITS, HEAD_COUNT_UNITS, MONEY_UNIT, SCALE_WORDS
from ingestion.vocabulary.standard_tables import empty_topic
from ingestion.vocabulary.wording import (
    AMOUNT_WORDS,
    CHANGE_AMOUNT_WORDS,
    PLACEHOLDER,
    RATE_WORDS,
    TRUNCATED_EXPLANATION,
    YEAR_AFTER_NOT_FISCAL,
    YEAR_BEFORE_COMPARISON,
    YEAR_IN_NAME,
)

SENTENCE = re.compile(rf"[^{SENTENCE_END_MARKS}]+[{SENTENCE_END_MARKS}]?")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d.,]*\d)")
_AMOUNT_WORDS = re.compile(AMOUNT_WORDS)
_CHANGE_AMOUNT_WORDS = re.compile(CHANGE_AMOUNT_WORDS)
_RATE_WORDS = re.compile(RATE_WORDS)
_YEAR_BEFORE = re.compile(YEAR_BEFORE_COMPARISON)
_YEAR_AFTER = re.compile(YEAR_AFTER_NOT_FISCAL)
_YEAR_IN_NAME = re.compile(YEAR_IN_NAME)
_UNIT_AFTER = re.compile(
    rf"^\s*(?:{MONEY_UNIT}|[{SCALE_WORDS}]|%|％|‰|个百分点|百分点|倍|"
    + "|".join(map(re.escape, (*HEAD_COUNT_UNITS, *COUNT_UNITS, *DATE_UNITS)))
    + ")"
)
_CLAUSE_START = re.compile(r"[，,；;：:。（(]")
MAX_HEADING_LENGTH = 40


@dataclass(frozen=True)
class SentenceFlagFact:
    flag: str
    index: int  # 1-based position among the document's flags
    matched_text: str
    value: str | None
    is_heading: bool
    sentence_index: int
    locator: Locator
    source_text: str


def extract_sentence_flags(document: Document) -> list[SentenceFlagFact]:
    found: list[SentenceFlagFact] = []
    index = 0
    for paragraph in run_on_paragraphs(document.text_lines()):
        text = paragraph.text
        if is_table_line(text):
            continue
        is_heading = len(text.strip()) <= MAX_HEADING_LENGTH and not text.rstrip().endswith(tuple(SENTENCE_END_MARKS))
        for sentence in SENTENCE.finditer(text):
            index += 1
            body = sentence.group(0)
            for flag, start, matched, value in _flags(normalize(body), is_heading):
                locator = paragraph.line_at(sentence.start() + start).locator
                found.append(
                    SentenceFlagFact(
                        flag, len(found) + 1, matched, value, is_heading, index, locator, body.strip()[:300]
                    )
                )
    return found


def _flags(sentence: str, is_heading: bool):
    for match in PLACEHOLDER.finditer(sentence):
        yield "placeholder", match.start(), match.group(0), None
    for match in TRUNCATED_EXPLANATION.finditer(sentence):
        yield "truncated_explanation", match.start(), match.group(0), None
    for match in YEAR.finditer(sentence):
        if _is_fiscal_year_mention(sentence, match):
            yield "year", match.start(), match.group(0), match.group(1)
    for match in FIGURE.finditer(sentence):
        flag = _bare_figure(sentence, match)
        if flag:
            yield flag, match.start(), _clause_around(sentence, match), match.group(1)
    statement = EMPTY_STATEMENT.search(sentence)
    if statement and not INSTRUCTION.search(sentence):
        yield "empty_statement", statement.start(), statement.group(0), empty_topic(sentence)
    for start, code, name in coded_mentions(sentence):
        yield "subject_mention", start, name, code


def _is_fiscal_year_mention(sentence: str, match: re.Match) -> bool:
    before, after = sentence[: match.start()], sentence[match.end() :]
    return not (_YEAR_BEFORE.search(before) or _YEAR_AFTER.match(after) or _YEAR_IN_NAME.search(before))


def _bare_figure(sentence: str, match: re.Match) -> str | None:
    after = sentence[match.end() :]
    if _UNIT_AFTER.match(after) or not after.strip():  # nothing after: the text may be cut off there
        return None
    clause = sentence[: match.start()]
    clause = clause[max((m.end() for m in _CLAUSE_START.finditer(clause)), default=0) :]
    if _RATE_WORDS.search(clause):
        return "rate_without_percent"
    if _AMOUNT_WORDS.search(clause) or _CHANGE_AMOUNT_WORDS.search(clause):
        return "amount_without_unit"
    return None


def _clause_around(sentence: str, match: re.Match) -> str:
    start = max((m.end() for m in _CLAUSE_START.finditer(sentence[: match.start()])), default=0)
    return sentence[start : match.end()].strip()


def sentence_flag_row(document_id: str, fact: SentenceFlagFact) -> dict:
    """One row of the ``sentence_flags`` staging frame (``ingestion.schemas.SentenceFlagFrame``)."""
    return {
        "document_id": document_id,
        "flag_index": fact.index,
        "sentence_index": fact.sentence_index,
        "flag": fact.flag,
        "matched_text": fact.matched_text,
        "value": fact.value,
        "is_heading": fact.is_heading,
        **sourced(fact.locator, fact.source_text),
    }
