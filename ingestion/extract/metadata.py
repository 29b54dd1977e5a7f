"""Who published the disclosure, for which year, and whether it is a budget or a final account.

Titles are printed in many ways (``中共株洲市委网络安全和信息化 / 委员会办公室 / 2020 年度部门预算`` over three
lines, ``…办公室2020年部门预算信息公开``, or no title at all with the name only in a ``单位名称`` cell),
so each field is taken from the strongest evidence available and the source of that evidence is
recorded in ``metadata_source``. A field that cannot be established stays ``None``; the pipeline then
rejects the document as not identifiable instead of guessing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingestion.amounts import normalize_text
from ingestion.document import Document, TextLine
from ingestion.extract.places import read_place, starts_with_place
from ingestion.vocabulary.numerals import CN_NUMERAL

TITLE_WINDOW = 6  # the title is within the first few lines of a disclosure
AGENCY_SUFFIXES = (
    "委员会办公室|办公室|办公厅|人民检察院|人民法院|检察院|法院|街道办事处|办事处|人民政府|政府|局|委员会|"
    "中心|厅|院|会|站|所|馆|队|部|网信办|处|社|团"
)
_CJK = "\u4e00-\u9fff"
AGENCY_NAME = re.compile(rf"([{_CJK}（）()]{{2,40}}?(?:{AGENCY_SUFFIXES}))")
# The whole name before a title's year: up to its last agency suffix (上犹县老干部活动中心, not 上犹县老干部;
# 江苏省人大常委会办公厅, not 江苏省人大常委会).
WHOLE_NAME = re.compile(rf"^(.+(?:{AGENCY_SUFFIXES}))")
_TITLE = re.compile(
    rf"(?P<agency>[{_CJK}（）()]{{4,40}}?)\s*(?P<year>(?:19|20)\d\d)\s*年\s*度?\s*(?:部\s*门|单\s*位)?\s*"
    r"(?P<kind>预\s*算|决\s*算)"
)
_YEAR_KIND = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s*年\s*度?\s*(?:区级|市级|省级|县级|州级)?(?:部门|单位)?\s*(?P<kind>预算|决算)"
)
# Last resort for table volumes: "2019年政府采购预算表".
_LOOSE_YEAR_KIND = re.compile(rf"(?P<year>(?:19|20)\d\d)\s*年[{_CJK}]{{0,8}}?(?P<kind>预算|决算)")
AGENCY_NAME_LABEL = re.compile(
    rf"(?:单位名称|部门名称|预算单位|编制单位|预算主管部门|主管部门|编报部门|部门)\s*[:：]\s*(?P<name>[{_CJK}（）()]{{4,40}}?)(?=\s|单位[:：]|[,，;；]|$)"
)
_FINAL_ACCOUNT_MARKERS = re.compile(
    r"部门决算|单位决算|决算情况说明|支出决算|收入决算|决算公开|与年初预算(?:对比|相比)|完成年初预算"
)
# A heading that states year and kind with words between them (``2022年一般公共预算“三公”经费决算执行
# 情况说明``, ``云县2023“三公”经费决算情况说明``): its last 预算/决算 is the kind.
_HEADING_YEAR_KIND = re.compile(
    r"(?P<year>(?:19|20)\d\d)(?!\d)\s*年?度?[^\d,，。:：;；]{0,24}(?P<kind>预算|决算)"
    r"(?=[^\d,，。;；]{0,12}(?:说明|公开|情况|表)\s*[。.]?$)"
)
_HEADING_MAX = 50
# 预算 words that do not make a document a budget: fund names, the budget side of a final account's
# comparison, and the policy a page cites (``推进政府预算信息公开``).
_NOT_BUDGET_WORDS = re.compile(
    r"(?:一般公共|政府性基金|国有资本经营|社会保险基金)预算|(?:年初|全年|调整后?)预算|政府预算|预算信息公开"
)
_ANY_YEAR = re.compile(r"((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)")
SHORT_NAME_LABEL = re.compile(
    rf"(?P<name>[{_CJK}]{{1,8}}?(?:市委|区委|县委|省委|市|区|县|省)[{_CJK}]{{1,4}}?(?:办|局|院|厅))"
)
# Words that run into a name in prose ("现将满城区网信办…", "无纳入巴中市…办公室…") and are not part of it.
_LEADING_PHRASE = re.compile(r"^(?:.*(?:纳入|现将|按照|根据|关于|本部门|本单位|我办|我局|此次|范围为|公开如下))?")
# Single characters that run into a name (``将``, ``对``, ``和`` …) but also start places (无锡市, 和田地区):
# stripped only while what follows is not a place name.
_LEADING_CHARS = "无将对在向由为是的及和与把从经"


@dataclass(frozen=True)
class DocumentMetadata:
    agency_name: str | None
    short_name: str | None
    fiscal_year: int | None
    doc_kind: str | None  # budget / final_account
    source: str  # how the agency name was found: title / label / table / text / none


def _kind(word: str) -> str:
    return "final_account" if "决" in word else "budget"


def _title_lines(document: Document) -> list[str]:
    lines = [block.text for block in document.blocks[:TITLE_WINDOW] if isinstance(block, TextLine)]
    return [normalize_text(line).replace(" ", "") for line in lines]


def name_from_title(document: Document) -> tuple[str | None, int | None, str | None]:
    """Name, year and kind from the cover: ``<agency><year>年度部门预算`` over one to three lines."""
    lines = _title_lines(document)
    match = _TITLE.search("".join(lines))
    year_kind = next(
        (m for line in lines if len(line) <= _HEADING_MAX and (m := _HEADING_YEAR_KIND.search(line))), None
    )
    year_kind = year_kind or next((m for line in lines if (m := _YEAR_KIND.search(line))), None)
    name = None
    if match:
        agency = WHOLE_NAME.match(strip_leading_prose(match.group("agency")))
        name = agency.group(1) if agency and _names_a_place(agency.group(1)) else None
    if year_kind is None:
        return name, None, None
    return name, int(year_kind.group("year")), _kind(year_kind.group("kind"))


def strip_leading_prose(name: str) -> str:
    """Drop words that precede a name in titles and prose (``目录``, section numbers, ``现将``), never
    the first character of a place (``现将无锡市…`` keeps 无锡市)."""
    name = re.sub(rf"^(?:目录|第{CN_NUMERAL}+部分)", "", name)
    name = _LEADING_PHRASE.sub("", name)
    while name and name[0] in _LEADING_CHARS and not starts_with_place(name):
        name = name[1:]
    return name


def _all_text(document: Document) -> list[str]:
    texts = [normalize_text(block.text) for block in document.blocks if isinstance(block, TextLine)]
    for table in document.tables():
        texts.extend(normalize_text(cell) for row in table.rows for cell in row if cell)
    return texts


def _from_labels(texts: list[str]) -> str | None:
    names = Counter(match.group("name") for text in texts for match in AGENCY_NAME_LABEL.finditer(text))
    return names.most_common(1)[0][0] if names else None


def _from_name_columns(document: Document) -> str | None:
    """A ``单位名称`` header cell names the agency in the cell below it (staffing and project tables)."""
    names: Counter[str] = Counter()
    for table in document.tables():
        for row_index, row in enumerate(table.rows[:-1]):
            for column, cell in enumerate(row):
                if cell.replace(" ", "") != "单位名称":
                    continue
                below = table.rows[row_index + 1]
                if column < len(below) and AGENCY_NAME.fullmatch(below[column].replace(" ", "")):
                    names[below[column].replace(" ", "")] += 1
    return names.most_common(1)[0][0] if names else None


def _from_text(texts: list[str]) -> str | None:
    """The longest agency-like name that is printed at least twice (a full name is repeated)."""
    counts = Counter(
        strip_leading_prose(match.group(1)) for text in texts for match in AGENCY_NAME.finditer(text.replace(" ", ""))
    )
    repeated = [name for name, count in counts.items() if count >= 2 and _names_a_place(name)]
    return max(repeated, key=len) if repeated else None


def _names_a_place(name: str) -> bool:
    """``株洲市…``/``中共那曲市委…`` name a place; ``市经济和信息化局`` ("the city's bureau") does not, but
    ``市南区…`` (a district of 青岛市 whose name starts with 市) does."""
    if re.match("^[省市县区州]", name):
        return read_place(name) is not None
    suffixed = re.match(rf"^(?:中共)?[{_CJK}]{{2,}}?[省市县区州盟旗]", name)
    return bool(suffixed) or read_place(name.removeprefix("中共")) is not None  # 云县: a one-character place


def _most_common_year(texts: list[str], pattern: re.Pattern) -> int | None:
    years: Counter[int] = Counter()
    for text in texts:
        for match in pattern.finditer(text.replace(" ", "")):
            years[int(match.group("year"))] += 1
    return years.most_common(1)[0][0] if years else None


def _year_and_kind(texts: list[str]) -> tuple[int | None, str | None]:
    """Year and kind from the body, when the title lacks them.

    A heading line that states both wins (a web page cut before its title keeps its section headings);
    then the year most often printed as "N年(度)…预算/决算" (the prose also mentions last year's
    figures), or the only year the body prints at all; the kind by its words: two final-account markers,
    else whichever of 决算 and 预算 (fund names and comparison words aside) the body prints more often.
    """
    compact = [text.replace(" ", "") for text in texts]
    heading = next(
        (m for text in compact if len(text) <= _HEADING_MAX and (m := _HEADING_YEAR_KIND.search(text))), None
    )
    if heading:
        return int(heading.group("year")), _kind(heading.group("kind"))
    year = _most_common_year(texts, _YEAR_KIND) or _most_common_year(texts, _LOOSE_YEAR_KIND) or _only_year(compact)
    return year, _kind_from_words(compact)


def _only_year(texts: list[str]) -> int | None:
    years = {int(year) for text in texts for year in _ANY_YEAR.findall(text)}
    return years.pop() if len(years) == 1 else None


def _kind_from_words(texts: list[str]) -> str | None:
    markers = sum(len(_FINAL_ACCOUNT_MARKERS.findall(text)) for text in texts)
    if markers >= 2:
        return "final_account"
    final = markers + sum(text.count("决算") for text in texts)
    budget = sum(_NOT_BUDGET_WORDS.sub("", text).count("预算") for text in texts)
    if final == budget:
        return None
    return "final_account" if final > budget else "budget"


def _short_name(texts: list[str], agency_name: str | None, min_count: int = 2) -> str | None:
    counts = Counter(
        strip_leading_prose(match.group("name"))
        for text in texts
        for match in SHORT_NAME_LABEL.finditer(text.replace(" ", ""))
    )
    candidates = [
        name
        for name, count in counts.most_common()
        if count >= min_count and _names_a_place(name) and (not agency_name or len(name) < len(agency_name))
    ]
    return candidates[0] if candidates else None


def extract_metadata(document: Document) -> DocumentMetadata:
    """Agency, year and kind from the title first, then labels, tables and repeated names in text."""
    texts = _all_text(document)
    title_name, year, kind = name_from_title(document)
    name, source = _from_labels(texts), "label"
    if name is None:
        name, source = title_name, ("title" if title_name else "none")
    for finder, label in (
        (lambda: _from_name_columns(document), "table"),
        (lambda: _from_text(texts), "text"),
    ):
        if name:
            break
        name = finder()
        source = label if name else source
    text_year, text_kind = _year_and_kind(texts)
    short = _short_name(texts, name)
    if name is None:  # a disclosure that never prints its full name (那曲): the short name, once is enough
        short = short or _short_name(texts, None, min_count=1)
        name, source = short, ("short_name" if short else source)
    return DocumentMetadata(
        agency_name=name,
        short_name=short,
        fiscal_year=year or text_year,
        doc_kind=kind or text_kind,
        source=source,
    )
