"""Ratio labels: what the words before an amount say it is, and whether two such labels name the same
thing (``收、支总计`` and ``2020年度收入总计``), for linking a percentage to the figures it was computed
from (see ``ratios``).
"""

from __future__ import annotations

import re

from ingestion.extract.narrative.text import normalize
from ingestion.vocabulary.fund_sources import PROSE_PREFIX
from ingestion.vocabulary.numerals import CN_NUMERAL, ORDINAL
from ingestion.vocabulary.percentages import DOWN_RATE, UP_RATE
from ingestion.vocabulary.subject_levels import LEVEL_MARK

_YEAR = re.compile(r"(\d{4})\s*年")
LABEL_NOISE = re.compile(
    rf"^\s*(?:{ORDINAL}\s*)?(?:其中|包括|主要包括|主要用于以下方面|另外|此外|同时|合计|共计)?\s*[:：]?\s*"
)
_CODED_ORDINAL = re.compile(r"^\s*\d{1,2}[.、](?=\s*\d{6,})")
_CN_ENUM = re.compile(rf"^{CN_NUMERAL}是")
_TRAILING_CONNECTORS = re.compile(r"(?:\s|为|是|共计|达|了|约|的|:|：)+$")
_LEADING_YEAR = re.compile(r"^(?:\d{4}\s*年度?\s*)+")
_QUOTES = re.compile(r"[“”\"'‘’《》〈〉「」\s、]")
_LEVEL_MARK = re.compile(LEVEL_MARK)
YEAR_WORDS = re.compile(r"\d{4}\s*年度?|本年度?|全年|当年|上年度?|年度|年初")
_GENERIC_WORDS = re.compile(r"决算数?|预算数?|执行数|实际|数|为|的|各|共计|是|其中|安排|本部门|本单位")
_FUND_PREFIXES = re.compile(PROSE_PREFIX)


def clean_label(raw: str) -> str:
    """The words that say what an amount is: numbering, 其中, years-only prefixes and connectors removed."""
    text = raw.strip()
    if ":" in text or "：" in text:
        text = re.split(r"[:：]", text)[-1]
    text = LABEL_NOISE.sub("", _CODED_ORDINAL.sub("", text))
    text = _CN_ENUM.sub("", text)
    text = _TRAILING_CONNECTORS.sub("", text)
    return text.strip()


def label_core(label: str, keep_years: bool = False) -> str:
    text = normalize(label)
    text = _QUOTES.sub("", text)
    text = text.replace("收入支出", "收支").replace("收、支", "收支").replace("收入、支出", "收支")
    text = _LEVEL_MARK.sub("", text)
    text = _FUND_PREFIXES.sub(lambda match: match.group(0).replace("预算", "@"), text)  # keep 一般公共预算 whole
    if not keep_years:
        text = YEAR_WORDS.sub("", text)
    text = _GENERIC_WORDS.sub("", text)
    text = re.sub(rf"(?:{UP_RATE}|{DOWN_RATE})+$", "", text)
    return text.replace("@", "预算").strip("()（）,，:：")


def _variants(core: str) -> list[str]:
    """``收支总计`` names both 收入总计 and 支出总计."""
    if "收支" in core:
        return [core, core.replace("收支", "收入"), core.replace("收支", "支出")]
    return [core]


def labels_match(subject: str, label: str) -> bool:
    """Whether an amount's label names the subject of a ratio (ignoring years, 决算/预算数, 的, quotes)."""
    left, right = label_core(subject), label_core(label)
    if len(left) < 2 or len(right) < 2:
        return False
    return any(a in b or b in a or _abbreviates(a, b) for a in _variants(left) for b in _variants(right))


def _abbreviates(left: str, right: str) -> bool:
    """``因公出国(境)支出`` for ``因公出国(境)经费支出``: the shorter (4+ characters, same start) is a
    subsequence of the longer."""
    short, long = sorted((left, right), key=len)
    if len(short) < 4 or short[:2] != long[:2]:
        return False
    remaining = iter(long)
    return all(char in remaining for char in short)


def basis_matches(basis: str, label: str) -> bool:
    """``2023年预算执行数`` (the words after 比) names ``2023年当年预算执行数为60.13万元``: same year, and the
    rest of the basis, if any, in the label."""
    years = _YEAR.findall(basis)
    label_years = _YEAR.findall(label)
    if years:
        if not label_years or label_years[-1] != years[-1]:
            return False
        rest = label_core(basis)
        return not rest or labels_match(rest, label) or rest in label_core(label)
    if re.search(r"上一?年度?|去年|上年同期", basis):
        return bool(re.search(r"上一?年度?|去年|上年同期", label))
    return False


def display_label(label: str | None) -> str | None:
    """A label as shown to people: without the leading year (``2020年度收、支总计`` → ``收、支总计``)."""
    if not label:
        return None
    return _LEADING_YEAR.sub("", clean_label(label)).strip() or None
