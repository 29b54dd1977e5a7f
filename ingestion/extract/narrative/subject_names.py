"""Subjects named in prose, found by the same "label right before the amount" rule as the totals:

* 类/款/项 paths: ``一般公共服务（类）宣传事务（款）事业运行（项）: 支出决算为72.71万元`` and, with codes in
  the brackets, ``公共安全支出（204类）司法（06款）行政运行（01项）``;
* a path that starts at the 款, its 类 printed in the heading above: ``（一）公共安全支出（类）`` /
  ``检察（款）: 2018 年预算支出合计 16,444.36 万元`` states the 款's amount, not the document's
  expenditure total (only at the start of the clause, after a list number or 其中);
* class names: ``卫生健康支出5.2万元``, ``教育支出（类）0万元``;
* 款/项 names in a numbered list: ``（1） 行政运行1183.39元``, ``（二）事业单位离退休1.4万元`` (only after
  a list number, because names like 行政运行 are too common to be labels anywhere else);
* economic subjects: ``基本工资141.71万元、津贴补贴454.15万元``, ``办公费0.3万元``.

The names come from the reference seeds, so a label is recognised only if it *is* a subject name;
codes are resolved later, once all siblings are known (``ingestion.extract.subjects``).

:func:`coded_mentions` finds the other way prose names a subject: with its code printed, amount or
not (``2010301 行政运行：主要用于…``, ``行政运行（2010301）``, ``公共安全支出（204类）司法（06款）``), so that
the printed name can be checked against the code's (the ``subject_mention`` sentence flag).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingestion.extract.narrative.labels import CONNECTORS_TO_END, INTRO, ORDINAL, Candidate, strip_ordinal
from ingestion.extract.narrative.text import normalize
from ingestion.extract.subjects import ECONOMIC_ALIASES, SubjectPath, reference
from ingestion.vocabulary.numerals import COUNT_UNITS, DATE_UNITS, HEAD_COUNT_UNITS, SCALE_WORDS
from ingestion.vocabulary.subject_levels import LEVEL_CHARS, LEVEL_MARK

# A level name: no digits, blanks or punctuation, but short bracketed parts are allowed (办公厅（室）).
_NAME = rf"(?:[^()\s\d.:,，。；、\"“”]|\((?!\d*[{LEVEL_CHARS}]\))[^()]{{1,4}}\))+?"
_PATH = re.compile(
    rf"(?P<c>{_NAME})\s*\((?P<cc>\d{{3}})?类\)"
    rf"(?:\s*(?P<s>{_NAME})\s*\((?P<sc>\d{{2}})?款\))?"
    rf"(?:\s*(?P<i>{_NAME})\s*\((?P<ic>\d{{2}})?项\))?"
    rf"{CONNECTORS_TO_END}"
)
_SECTION_PATH = re.compile(
    rf"^\s*{ORDINAL}?\s*{INTRO}?\s*:?\s*"
    rf"(?P<s>{_NAME})\s*\((?P<sc>\d{{2}})?款\)"
    rf"(?:\s*(?P<i>{_NAME})\s*\((?P<ic>\d{{2}})?项\))?"
    rf"{CONNECTORS_TO_END}"
)
# A numbered item titled by a path alone: ``1、一般公共服务支出(类)财政事务(款)行政运行(项)。主要用于…``.
_LEAD_PATH = re.compile(rf"^\s*{ORDINAL}\s*(?P<path>[^。；;:,，]*?{LEVEL_MARK})\s*(?=[。；;:]|主要用于)")
# A code printed with its name in prose: a functional (2xx) or department economic (3xx) code of 3, 5 or 7
# digits, standing alone (not inside a longer number, a year, a count or an amount: ``302万元``, ``300人``).
_CODE = r"(?<![\d.\-/])(?<!\d,)(?P<code>[23]\d{2}(?:\d{2}){0,2})(?![\d.,%])"
_NOT_A_NAME = "|".join(map(re.escape, (*COUNT_UNITS, *DATE_UNITS, *HEAD_COUNT_UNITS, *SCALE_WORDS, "元", "年度")))
_MENTION_NAME = rf"(?P<name>(?:[\u4e00-\u9fff]|\((?!\d*[{LEVEL_CHARS}]\))[^()]{{1,4}}\))+)"
_CODE_THEN_NAME = re.compile(rf"{_CODE}\s*[-—:]?\s*(?!{_NOT_A_NAME}){_MENTION_NAME}")
_NAME_THEN_CODE = re.compile(rf"{_MENTION_NAME}\s*\({_CODE}\)")
_CODED_PATH = re.compile(
    rf"(?P<c>{_NAME})\s*\((?P<cc>\d{{3}})类\)"
    rf"(?:\s*(?P<s>{_NAME})\s*\((?P<sc>\d{{2}})款\))?"
    rf"(?:\s*(?P<i>{_NAME})\s*\((?P<ic>\d{{2}})项\))?"
)
# Class names too generic to be a label without a （类） mark.
_GENERIC_CLASSES = {"其他支出", "预备费"}


def _names_regex(names: set[str]) -> re.Pattern:
    alternation = "|".join(re.escape(normalize(name)) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?P<label>{alternation}){CONNECTORS_TO_END}")


@lru_cache(maxsize=1)
def _matchers() -> dict[str, re.Pattern]:
    ref = reference()
    classes = ref.names(["functional"], ["类"]) - _GENERIC_CLASSES
    economic = ref.names(["department"]) | set(ECONOMIC_ALIASES)
    return {
        "functional_class": _names_regex(classes),
        "functional_name": _names_regex(ref.names(["functional"], ["款", "项"])),
        "economic": _names_regex(economic),
    }


def find_subjects(text: str, *, numbered: bool) -> list[Candidate]:
    """Every subject reading of a label text (a path, a class, a listed 款/项 name, an economic name)."""
    found = [
        candidate for candidate in (_path(text), _section_path(text), _named(text, "functional_class")) if candidate
    ]
    if numbered:
        found.append(_named(text, "functional_name"))
    found.append(_named(text, "economic"))
    return [candidate for candidate in found if candidate]


def _path(text: str) -> Candidate | None:
    match = _PATH.search(text)
    if not match:
        return None
    path = SubjectPath(
        class_name=match.group("c"),
        section_name=match.group("s"),
        item_name=match.group("i"),
        class_code=match.group("cc"),
        section_code=match.group("sc"),
        item_code=match.group("ic"),
    )
    return Candidate(match.start(), "functional", path.deepest_name, match.group(0), match.group("conn"), payload=path)


def _section_path(text: str) -> Candidate | None:
    """``检察（款）:``, ``住房改革支出（款）提租补贴（项）``: a path that lacks its 类 (see heading_class)."""
    match = _SECTION_PATH.search(text)
    if not match:
        return None
    path = SubjectPath(
        section_name=match.group("s"),
        item_name=match.group("i"),
        section_code=match.group("sc"),
        item_code=match.group("ic"),
    )
    start = match.start("s")
    return Candidate(start, "functional", path.deepest_name, text[start:], match.group("conn"), payload=path)


def lead_path(norm: str) -> str | None:
    """The path that titles a numbered item, when the item's amounts follow in later sentences
    (``…行政运行(项)。主要用于:…。年初预算为1560.05万元,支出决算为1511.89万元``): their labels
    (``年初预算为``) name no subject, and the item's path, not the heading above, is what they state."""
    match = _LEAD_PATH.match(norm)
    return match.group("path") if match and _path(match.group("path")) else None


def heading_class(title: str | None) -> SubjectPath | None:
    """The 类 a heading names by itself: ``（一）公共安全支出（类）`` → 公共安全支出; else ``None``."""
    match = _PATH.search(strip_ordinal(normalize(title or "")))
    if not match or match.group("s") or match.group("i"):
        return None
    return SubjectPath(class_name=match.group("c"), class_code=match.group("cc"))


def _named(text: str, kind: str) -> Candidate | None:
    match = _matchers()[kind].search(text)
    if not match:
        return None
    name = match.group("label")
    family = "economic" if kind == "economic" else "functional"
    payload = SubjectPath(class_name=name) if kind == "functional_class" else None
    return Candidate(match.start(), family, name, name, match.group("conn"), payload=payload)


def coded_mentions(text: str) -> list[tuple[int, str, str]]:
    """``(offset, code, printed name)`` for each subject prose prints with its code (normalized text):
    ``2010301 行政运行``, ``行政运行(2010301)`` and every level of ``公共安全支出(204类)司法(06款)…`` whose
    full code the path prints (a 款 code is its 类 code and its own two digits). Whether an amount follows
    does not matter; what the name is checked against is decided in dbt."""
    found: dict[int, tuple[int, str, str]] = {}
    for match in _CODED_PATH.finditer(text):
        code = ""
        for name, digits in (("c", "cc"), ("s", "sc"), ("i", "ic")):
            if match.group(digits) is None:
                break
            code += match.group(digits)
            found[match.start(name)] = (match.start(name), code, _own_name(match.group(name)))
    covered = [range(match.start(), match.end()) for match in _CODED_PATH.finditer(text)]
    for pattern in (_CODE_THEN_NAME, _NAME_THEN_CODE):
        for match in pattern.finditer(text):
            if not any(match.start("code") in span for span in covered):
                found.setdefault(match.start(), (match.start(), match.group("code"), match.group("name")))
    return sorted(found.values())


def _own_name(name: str) -> str:
    """A level name without the list number or quote a path may open with (``1、“公共安全支出``)."""
    return strip_ordinal(name).lstrip("“\"'‘")
