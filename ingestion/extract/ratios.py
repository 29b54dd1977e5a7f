"""Stated ratios: every printed percentage of a share, a change or a completion rate, tied to the amounts
it was computed from, so the warehouse can recompute it (issue 5, dbt ``int_ratio_checks_evaluated``).

Disclosures print three kinds of percentages next to amounts:

- **share** ``本年支出合计223.34万元，其中：基本支出131.63万元，占58.94%`` — the *part* is the amount just
  before ``占``; the *whole* is the amount ``占X的`` names (looked up by its label in the sentence, then
  earlier in the paragraph), or else the sentence's first amount when that amount is not itself a part
  (or the amount a previous paragraph ending in ``其中：`` introduced);
- **change** ``收入总计减少157.39万元，下降40.01%`` — the *change* amount carries its own direction word
  (增加/减少); the *current* figure is the amount of the same subject printed before it in the sentence
  or paragraph (``2020年度收、支总计236.01万元。与2019年相比，…``); the *prior* figure is printed in the
  ``2023年当年预算执行数为60.13万元,2024年预算安排25.77万元,比2023年预算执行数减少57.14%`` form;
- **completion rate** ``年初预算为1012.86万元，支出决算为1012.86万元，完成年初预算的100%`` — the
  *actual* and *budget* figures of the same clause group.

Nothing is invented: a figure that is not printed where the rules above look stays ``None`` and the
fact's ``note`` says why. The ratio itself is never recomputed here; dbt does it, so the tolerance
policy lives in one place. ``base_status`` says whether the base of the percentage (whole, prior
year's amount, budget) is printed (``printed``), works out to zero (``zero``) or is not printed
(``missing``).

One small function per sentence form: :func:`link_share`, :func:`link_change`,
:func:`link_completion`; :func:`read_ratios` reads a bare string (tests), :func:`extract_stated_ratios`
a document's text lines.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ingestion.amounts import UNIT_FACTORS
from ingestion.document import Locator, TextLine
from ingestion.extract.narrative.details import change_direction
from ingestion.extract.narrative.extract import is_table_line
from ingestion.extract.narrative.labels import ORDINAL, starts_with_ordinal
from ingestion.extract.narrative.paragraphs import Paragraph, _usual_widths, display_width, paragraphs
from ingestion.extract.narrative.text import Mention, clause_start, normalize, scan_numbers

_SENTENCE_BREAK = re.compile(r"[。！？!?]")
_UP = r"增长|增加|提高|上升|增幅|超支"
_DOWN = r"下降|减少|降低|降幅|减幅|节约|下滑"
_RATE_WORD = rf"(?:{_UP}|{_DOWN}|增减)"
_CHANGE_RATE = re.compile(
    rf"(?P<word>{_RATE_WORD}(?:\s*(?:/|\(|、)\s*{_RATE_WORD}\s*\)?)?)(?:率|比例|幅度)?\s*(?:了|为|约为|达到?)?\s*$"
)
_SHARE = re.compile(r"(?:所)?占(?P<whole>[^，,。；;]*?)\s*(?:的)?\s*(?:比重|比例|份额|比)?\s*(?:为|约为|达到?)?\s*$")
_COMPLETION = re.compile(
    r"(?:完成(?:了)?(?:年初|全年|调整后?)?预算(?:数)?(?:的)?|(?:预算)?(?:完成|执行)率(?:为|达到?)?|"
    r"执行进度(?:为|达到?)?)\s*$"
)
_BARE_SPEND = re.compile(r"^\s*(?:实际)?支出\s*$")  # ``…，支出100%`` in a project list: a completion rate
_COMPARISON = re.compile(
    r"(?:与|同|和)\s*(?P<with>[^，,。；;与同和]{1,16}?)\s*(?:相比|比较|对比)"
    r"|(?:比|较)\s*(?P<than>[^，,。；;比较]{1,16}?)\s*(?=(?:各)?(?:" + _RATE_WORD + r"|持平))"
)
_YEAR = re.compile(r"(\d{4})\s*年")
_LIST_INTRO_AT_END = re.compile(r"(?:其中|包括|主要用于以下方面|具体如下|如下)\s*[:：]?\s*$")
_LABEL_NOISE = re.compile(
    rf"^\s*(?:{ORDINAL}\s*)?(?:其中|包括|主要包括|主要用于以下方面|另外|此外|同时|合计|共计)?\s*[:：]?\s*"
)
_CODED_ORDINAL = re.compile(r"^\s*\d{1,2}[.、](?=\s*\d{6,})")
_CN_ENUM = re.compile(r"^(?:一|二|三|四|五|六|七|八|九|十)是")
_TRAILING_CONNECTORS = re.compile(r"(?:\s|为|是|共计|达|了|约|的|:|：)+$")
_LEADING_YEAR = re.compile(r"^(?:\d{4}\s*年度?\s*)+")
_QUOTES = re.compile(r"[“”\"'‘’《》〈〉「」\s、]")
_LEVEL_MARKS = re.compile(r"\((?:\d*[类款项])\)")
_YEAR_WORDS = re.compile(r"\d{4}\s*年度?|本年度?|全年|当年|上年度?|年度|年初")
_GENERIC_WORDS = re.compile(r"决算数?|预算数?|执行数|实际|数|为|的|各|共计|是|其中|安排|本部门|本单位")
_BARE_END = re.compile(r"\s*(?:[，,。；;:：、)\s]|$)")
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
_ACTUAL_WORDS = re.compile(r"决算|执行|实际|实支|完成|使用|支出数")
_BUDGET_WORDS = re.compile(r"预算|计划|安排")
_NOTE_SEPARATOR = "; "
_LIST_GOES_ON = re.compile(r"[；;]\s*$")
_SPACED_UNIT = re.compile(r"\s*(万|亿)\s+元")  # ``21,940.96 万 元``
_PARAGRAPH_END = re.compile(r"[。；;！？!?:：.]\s*$")
_CODED_ITEM = re.compile(r"^\s*\d{1,2}[.、]\s*\d{6,}")  # ``5.54060023T000000970247-两新组织党员活动经费``
_RUN_ON_SHARE = 0.7


@dataclass(frozen=True)
class Figure:
    """An amount printed near a percentage: its value in yuan, the text as printed, its label."""

    yuan: Decimal
    printed: str
    label: str
    locator: Locator
    start: int  # span in the paragraph
    end: int
    unit: str
    direction: str | None = None  # set when the label ends with a change word (减少157.39万元)
    unit_assumed: bool = False


@dataclass(frozen=True)
class StatedRatioFact:
    """One printed percentage tied to the figures it refers to (any of them may be ``None``)."""

    kind: str  # share / change / completion_rate
    printed_percent: str
    percent: str  # the number as printed, without % (``40.01``)
    locator: Locator
    position: int  # offset of the percentage in its paragraph (identity within the document)
    source_text: str
    subject_label: str | None = None
    base_label: str | None = None
    part: Figure | None = None
    whole: Figure | None = None
    current: Figure | None = None
    prior: Figure | None = None
    change: Figure | None = None
    actual: Figure | None = None
    budget: Figure | None = None
    change_direction: str | None = None
    rate_direction: str | None = None
    base_status: str = "missing"
    unit: str = "万元"  # unit of the figures (the document's when none is printed)
    notes: tuple[str, ...] = ()

    @property
    def figures(self) -> list[Figure]:
        found = [self.part, self.whole, self.current, self.prior, self.change, self.actual, self.budget]
        return [figure for figure in found if figure is not None]


@dataclass
class _Sentence:
    """One sentence of a paragraph (between 。！？), its percentages and amounts."""

    start: int
    end: int
    percents: list[Mention]
    figures: list[Figure]


@dataclass
class _Context:
    paragraph: Paragraph
    norm: str
    sentences: list[_Sentence]
    carried_whole: Figure | None = None  # the amount a previous paragraph introduced with 其中：
    carried_text: str | None = None
    figures: list[Figure] = field(default_factory=list)
    previous_figures: list[Figure] = field(default_factory=list)  # the paragraph before (``与上年相比…``)


# --- labels ----------------------------------------------------------------------------------------


def clean_label(raw: str) -> str:
    """The words that say what an amount is: numbering, 其中, years-only prefixes and connectors removed."""
    text = raw.strip()
    if ":" in text or "：" in text:
        text = re.split(r"[:：]", text)[-1]
    text = _LABEL_NOISE.sub("", _CODED_ORDINAL.sub("", text))
    text = _CN_ENUM.sub("", text)
    text = _TRAILING_CONNECTORS.sub("", text)
    return text.strip()


def _core(label: str, keep_years: bool = False) -> str:
    text = normalize(label)
    text = _QUOTES.sub("", text)
    text = text.replace("收入支出", "收支").replace("收、支", "收支").replace("收入、支出", "收支")
    text = _LEVEL_MARKS.sub("", text)
    text = _FUND_NAMES.sub(lambda match: match.group(0).replace("预算", "@"), text)  # keep 一般公共预算 whole
    if not keep_years:
        text = _YEAR_WORDS.sub("", text)
    text = _GENERIC_WORDS.sub("", text)
    text = re.sub(rf"(?:{_UP}|{_DOWN})+$", "", text)
    return text.replace("@", "预算").strip("()（）,，:：")


def _variants(core: str) -> list[str]:
    """``收支总计`` names both 收入总计 and 支出总计."""
    if "收支" in core:
        return [core, core.replace("收支", "收入"), core.replace("收支", "支出")]
    return [core]


def labels_match(subject: str, label: str) -> bool:
    """Whether an amount's label names the subject of a ratio (ignoring years, 决算/预算数, 的, quotes)."""
    left, right = _core(subject), _core(label)
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


def _basis_matches(basis: str, label: str) -> bool:
    """``2023年预算执行数`` (the words after 比) names ``2023年当年预算执行数为60.13万元``: same year, and the
    rest of the basis, if any, in the label."""
    years = _YEAR.findall(basis)
    label_years = _YEAR.findall(label)
    if years:
        if not label_years or label_years[-1] != years[-1]:
            return False
        rest = _core(basis)
        return not rest or labels_match(rest, label) or rest in _core(label)
    if re.search(r"上一?年度?|去年|上年同期", basis):
        return bool(re.search(r"上一?年度?|去年|上年同期", label))
    return False


# --- reading a paragraph ---------------------------------------------------------------------------


def _sentence_spans(norm: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_BREAK.finditer(norm):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(norm):
        spans.append((start, len(norm)))
    return spans


def _sentence_unit(mentions: list[Mention], default_unit: str) -> str:
    units = [m.unit for m in mentions if m.kind == "money" and m.unit]
    return units[0] if units else default_unit


def _figures(paragraph: Paragraph, norm: str, mentions: list[Mention], default_unit: str, floor: int) -> list[Figure]:
    """The amounts of a sentence, with their labels: money, and unit-less numbers with decimals
    (``支出决算数为223.34``) read in the sentence's unit."""
    unit = _sentence_unit(mentions, default_unit)
    figures: list[Figure] = []
    for mention in mentions:
        spaced = _SPACED_UNIT.match(norm, mention.number_end) if mention.kind == "other" else None
        if spaced:
            mention = Mention(
                "money",
                mention.start,
                spaced.end(),
                mention.number_end,
                mention.value,
                spaced.group(1) + "元",
            )
        is_bare_amount = (
            mention.kind == "bare"
            and "." in paragraph.text[mention.start : mention.number_end]
            and _BARE_END.match(norm, mention.end) is not None
        )
        if mention.kind == "money" or is_bare_amount:
            start = clause_start(norm, mention.start, floor)
            raw = norm[start : mention.start]
            label = clean_label(raw)
            figure_unit = mention.unit or unit
            yuan = mention.value * UNIT_FACTORS[figure_unit]
            if yuan == yuan.quantize(Decimal("0.01")):
                figures.append(
                    Figure(
                        yuan=yuan.quantize(Decimal("0.01")),
                        printed=mention.printed(paragraph.text),
                        label=label,
                        locator=paragraph.line_at(mention.start).locator,
                        start=mention.start,
                        end=mention.end,
                        unit=figure_unit,
                        direction=change_direction(raw),
                        unit_assumed=mention.unit is None,
                    )
                )
        if mention.kind != "other":
            floor = mention.end
    return figures


def _context(paragraph: Paragraph, default_unit: str) -> _Context:
    """A paragraph split into sentences, each with its percentages and labelled amounts."""
    norm = normalize(paragraph.text)
    sentences = []
    all_figures: list[Figure] = []
    for start, end in _sentence_spans(norm):
        mentions = [_shifted(mention, start) for mention in scan_numbers(norm[start:end])]
        figures = _figures(paragraph, norm, mentions, default_unit, start)
        percents = [m for m in mentions if m.kind == "percent"]
        sentences.append(_Sentence(start, end, percents, figures))
        all_figures += figures
    return _Context(paragraph, norm, sentences, figures=all_figures)


def _shifted(mention: Mention, offset: int) -> Mention:
    return Mention(
        mention.kind,
        mention.start + offset,
        mention.end + offset,
        mention.number_end + offset,
        mention.value,
        mention.unit,
    )


def ratio_kind(before: str) -> str | None:
    """What a percentage is, from the words of its clause right before it (``None``: not a ratio we check)."""
    if _SHARE.search(before):
        return "share"
    if _COMPLETION.search(before) or _BARE_SPEND.match(before):
        return "completion_rate"
    if _CHANGE_RATE.search(before):
        return "change"
    return None


def rate_direction(before: str) -> str | None:
    """The direction the word before a change rate states.

    ``下降40.01%`` decrease, ``增长/下降0%`` unspecified."""
    match = _CHANGE_RATE.search(before)
    if not match:
        return None
    word = match.group("word")
    up, down = re.search(_UP, word), re.search(_DOWN, word)
    if (up and down) or "增减" in word:
        return "unspecified"
    return "increase" if up else "decrease"


def _percent_text(mention: Mention, text: str) -> str:
    return text[mention.start : mention.number_end].replace(",", "").strip()


# --- linking, one function per sentence form -------------------------------------------------------


def _segment(sentence: _Sentence, index: int) -> list[Figure]:
    """The amounts between the previous percentage of the sentence (or its start) and this one."""
    percent = sentence.percents[index]
    floor = sentence.percents[index - 1].end if index else sentence.start
    return [figure for figure in sentence.figures if floor <= figure.start and figure.end <= percent.start]


def _earlier(context: _Context, position: int) -> list[Figure]:
    """Every amount of the paragraph printed before ``position``, nearest last."""
    return [figure for figure in context.figures if figure.end <= position]


def link_share(context: _Context, sentence: _Sentence, index: int, before: str) -> dict:
    """``基本支出131.63万元，占58.94%`` — part: the amount just before 占; whole: the amount 占X的 names, or
    the sentence's first amount when it is not itself a part."""
    notes: list[str] = []
    segment = _segment(sentence, index)
    part = segment[-1] if segment else None
    if part is None:
        notes.append("no amount is printed before 占 in this clause: the part is not printed")
    named = _SHARE.search(before).group("whole").strip()
    named = re.sub(r"(?:的|比)$", "", named).strip()
    whole = None
    position = part.start if part else sentence.percents[index].start
    if named:
        candidates = [f for f in _earlier(context, position) if f is not part and labels_match(named, f.label)]
        if candidates:
            whole = candidates[-1]
        elif context.carried_whole and labels_match(named, context.carried_whole.label):
            whole = context.carried_whole
        else:
            notes.append(f"the whole ({named}) is not printed in this paragraph")
    else:
        parts = {id(seg[-1]) for i in range(len(sentence.percents)) if (seg := _segment(sentence, i))}
        first = sentence.figures[0] if sentence.figures else None
        if first is not None and first is not part and id(first) not in parts and first.direction is None:
            if part is None or first.yuan >= part.yuan:
                whole = first
            else:
                notes.append(
                    f"the sentence's first amount {first.printed} is smaller than the part: not taken as the whole"
                )
        elif context.carried_whole is not None:
            whole = context.carried_whole
        else:
            notes.append("the whole is not printed in this sentence (its first amount is a part)")
    if whole is None:
        status = "missing"
    else:
        status = "zero" if whole.yuan == 0 else "printed"
    return {
        "subject_label": part.label if part else None,
        "base_label": named or (whole.label if whole else None),
        "part": part,
        "whole": whole,
        "base_status": status,
        "notes": notes,
    }


def _comparison(text: str) -> str | None:
    """What a change is measured against: ``2019年`` (与2019年相比), ``2023年预算执行数`` (比…), ``上年``."""
    found = None
    for match in _COMPARISON.finditer(text):
        found = (match.group("with") or match.group("than") or "").strip()
    return found or None


def _change_subject(label: str) -> str:
    """The subject of a change from the words before its amount.

    ``与上年相比收、支预算总计各增加`` → ``收、支预算总计``;
    ``公务接待费支出决算比2019年减少`` → ``公务接待费支出决算``.
    """
    text = normalize(label).strip()
    text = re.sub(r"(?:与|同|和)[^，,。；;]{1,16}?(?:相比|比较|对比)", "", text)
    text = re.split(r"比|较", text)[0].strip()
    text = re.sub(rf"(?:各)?(?:{_UP}|{_DOWN}|增减|/|\(|\)|、|\s)+了?$", "", text)
    text = re.sub(r"(?:(?:与|同|和)?(?:上一?年度?|去年|\d{4}\s*年度?)?相)$", "", text)  # 与上|年相比 split by a line
    return clean_label(re.sub(r"各$", "", text.strip()))


def link_change(context: _Context, sentence: _Sentence, index: int, before: str) -> dict:
    """``收入总计减少157.39万元，下降40.01%`` with ``收、支总计236.01万元`` before it; or
    ``2023年当年预算执行数为60.13万元,2024年预算安排25.77万元,比2023年预算执行数减少57.14%``."""
    notes: list[str] = []
    percent = sentence.percents[index]
    segment = _segment(sentence, index)
    changes = [figure for figure in segment if figure.direction is not None]
    change = changes[-1] if changes else None
    sentence_text = context.norm[sentence.start : percent.start]
    basis = _comparison(sentence_text)
    prior = None
    if basis:
        priors = [f for f in segment if f is not change and f.direction is None and _basis_matches(basis, f.label)]
        prior = priors[-1] if priors else None
    subject_source = (
        change.label
        if change
        else context.norm[clause_start(context.norm, percent.start, sentence.start) : percent.start]
    )
    subject = _change_subject(subject_source)
    anchor = change.start if change else percent.start
    candidates = [f for f in _earlier(context, anchor) if f.direction is None and f is not prior]
    current = None
    if subject:
        matching = [f for f in candidates if labels_match(subject, f.label)]
        current = matching[-1] if matching else None
        if current is None:
            notes.append(f"the current amount of {subject} is not printed in this paragraph")
    else:
        in_sentence = [f for f in candidates if f.start >= sentence.start]
        opens_sentence = bool(re.match(r"^\s*(?:与|同|和|比|较)", context.norm[sentence.start : anchor]))
        if in_sentence:
            current = in_sentence[-1]
        elif opens_sentence and (candidates or context.previous_figures):
            earlier = candidates or [f for f in context.previous_figures if f.direction is None]
            current = earlier[-1] if earlier else None
        if current is None:
            notes.append("no amount is printed before the change in this paragraph: the current figure is not printed")
        subject = current.label if current else ""
        if _GENERIC_CHANGE_SUBJECT.match(_YEAR_WORDS.sub("", subject)):
            subject = _paragraph_subject(context, sentence) or subject
    if change is None and prior is None:
        notes.append("neither the change amount nor the prior figure is printed with the rate")
    direction_of_rate = rate_direction(before)
    status = _change_base_status(current, prior, change, direction_of_rate, notes)
    return {
        "subject_label": subject or None,
        "base_label": basis,
        "current": current,
        "prior": prior,
        "change": change,
        "change_direction": change.direction if change else None,
        "rate_direction": direction_of_rate,
        "base_status": status,
        "notes": notes,
    }


def _paragraph_subject(context: _Context, sentence: _Sentence) -> str | None:
    """What a numbered paragraph is about, for a change whose own words are generic (``2024年预算安排``):
    the last quoted name before the sentence (``1. “…专项普查活动(项)”25.77万元``), else the paragraph's
    opening words up to its first amount (``11、…行政单位医疗(01项)114.97万元``)."""
    named = _QUOTED.findall(context.norm[: sentence.start])
    if named:
        return named[-1]
    first = context.figures[0] if context.figures else None
    if first is None or first.start >= sentence.start:
        return None
    opening = clean_label(context.norm[: first.start])
    return opening if len(opening) >= 4 else None


def _change_base_status(
    current: Figure | None, prior: Figure | None, change: Figure | None, rate: str | None, notes: list[str]
) -> str:
    """The prior figure the rate is relative to: printed, or current ∓ change when both are printed."""
    if prior is not None:
        return "zero" if prior.yuan == 0 else "printed"
    if current is None or change is None:
        return "missing"
    direction = change.direction if change.direction in ("increase", "decrease") else rate
    if direction not in ("increase", "decrease"):
        if change.yuan == 0:
            return "zero" if current.yuan == 0 else "printed"
        notes.append("the direction of the change is not stated: the prior figure cannot be worked out")
        return "missing"
    base = current.yuan - change.yuan if direction == "increase" else current.yuan + change.yuan
    return "zero" if base == 0 else "printed"


def _completion_side(label: str) -> str | None:
    text = _FUND_NAMES.sub("", normalize(label))
    if _ACTUAL_WORDS.search(text):
        return "actual"
    if _BUDGET_WORDS.search(text):
        return "budget"
    if "支出" in text:
        return "actual"
    return None


def link_completion(context: _Context, sentence: _Sentence, index: int, before: str) -> dict:
    """Actual and budget of the clause group of a completion rate.

    ``年初预算为1012.86万元，支出决算为1012.86万元，完成年初预算的100%``."""
    notes: list[str] = []
    segment = _segment(sentence, index)
    actual = budget = None
    for figure in segment:
        side = _completion_side(figure.label)
        if side == "actual":
            actual = figure
        elif side == "budget":
            budget = figure
    if actual is None:
        unlabelled = [f for f in segment if f is not budget and _completion_side(f.label) is None]
        if unlabelled and budget is None and len(segment) == 1:
            notes.append(f"{unlabelled[0].printed} is neither labelled as budget nor as actual: not used")
        else:
            notes.append("the actual (决算/执行数) amount is not printed in this clause")
    if budget is None:
        notes.append("the budget amount is not printed in this clause")
    subject = _completion_subject(context, sentence, segment, actual)
    if budget is None:
        status = "missing"
    else:
        status = "zero" if budget.yuan == 0 else "printed"
    return {
        "subject_label": subject or (actual.label if actual else None),
        "base_label": budget.label if budget else None,
        "actual": actual,
        "budget": budget,
        "base_status": status,
        "notes": notes,
    }


def _completion_subject(context: _Context, sentence: _Sentence, segment: list[Figure], actual: Figure | None) -> str:
    """The actual amount's label (``一般公共预算支出``), or, when that is generic (``支出决算为``), the words
    the sentence opens with (``一般公共服务（类）宣传事务（款）一般行政管理事务（项）:``)."""
    label = clean_label(re.sub(r"(?:决算数?|执行数)?(?:为)?$", "", actual.label)) if actual else ""
    if re.sub(r"支出|决算|执行|实际|预算|数|项目|全年|年初", "", _core(label)):
        return label
    first = segment[0] if segment else (sentence.figures[0] if sentence.figures else None)
    opening = context.norm[sentence.start : first.start if first else sentence.end]
    if ":" in opening:
        opening = opening.rsplit(":", 1)[0]
    else:
        opening = re.split(r"[，,；;]", opening)[0]
    opened = clean_label(_LABEL_NOISE.sub("", opening))
    opened = re.sub(r"(?:年初|全年|调整后?)?预算数?$", "", opened)
    if opened in _GENERIC_SUBJECTS:  # ``（1）“接待费”项目绩效目标完成情况综述。项目全年预算数0.8万元…``
        named = _QUOTED.findall(context.norm[: sentence.start])
        if named:
            return f"“{named[-1]}”{opened}"
    return opened or label


_GENERIC_CHANGE_SUBJECT = re.compile(r"^(?:预算安排|预算执行数|执行数|预算数?|决算数?|支出|收入|安排)$")
_GENERIC_SUBJECTS = {"", "项目", "支出", "收入", "资金", "经费"}
_QUOTED = re.compile(r"[“\"]([^”\"]{2,60})[”\"]")

_LINKERS = {"share": link_share, "change": link_change, "completion_rate": link_completion}


# --- paragraphs → facts ----------------------------------------------------------------------------


def _source_text(context: _Context, sentence: _Sentence, figures: list[Figure]) -> str:
    """The sentence of the percentage, extended back to the sentence of its earliest figure."""
    start = sentence.start
    for figure in figures:
        if figure is context.carried_whole:
            continue
        for other in context.sentences:
            if other.start <= figure.start < other.end:
                start = min(start, other.start)
    text = context.paragraph.text[start : sentence.end].strip()
    if context.carried_whole is not None and context.carried_whole in figures and context.carried_text:
        return f"{context.carried_text.strip()} ‖ {text}"
    return text


def ratios_in_paragraph(context: _Context, default_unit: str = "万元") -> list[StatedRatioFact]:
    """The stated ratios of one paragraph, each linked by the function of its sentence form."""
    facts = []
    for sentence in context.sentences:
        for index, percent in enumerate(sentence.percents):
            floor = sentence.percents[index - 1].end if index else sentence.start
            floor = max([floor] + [f.end for f in sentence.figures if f.end <= percent.start])
            before = context.norm[clause_start(context.norm, percent.start, floor) : percent.start]
            kind = ratio_kind(before)
            if kind is None:
                continue
            linked = _LINKERS[kind](context, sentence, index, before)
            notes = linked.pop("notes")
            fact = StatedRatioFact(
                kind=kind,
                printed_percent=percent.printed(context.paragraph.text).strip(),
                percent=_percent_text(percent, context.paragraph.text),
                locator=context.paragraph.line_at(percent.start).locator,
                position=percent.start,
                source_text="",
                **linked,
            )
            figures = fact.figures
            assumed = [f"{f.printed} is printed without a unit; read as {f.unit}" for f in figures if f.unit_assumed]
            facts.append(
                replace(
                    fact,
                    source_text=_source_text(context, sentence, figures),
                    unit=figures[0].unit if figures else default_unit,
                    notes=tuple(notes + assumed),
                )
            )
    return facts


def _introduces_list(context: _Context) -> Figure | None:
    if context.figures and _LIST_INTRO_AT_END.search(context.norm.rstrip()):
        return context.figures[-1]
    return None


def extract_stated_ratios(lines: Sequence[TextLine], *, default_unit: str = "万元") -> list[StatedRatioFact]:
    """Every share, change rate and completion rate printed in the prose of a document."""
    facts: list[StatedRatioFact] = []
    carried: Figure | None = None
    carried_text: str | None = None
    previous: list[Figure] = []
    for paragraph in ratio_paragraphs(lines):
        if is_table_line(paragraph.text):
            previous = []
            continue
        context = _context(paragraph, default_unit)
        context.carried_whole, context.carried_text = carried, carried_text
        context.previous_figures = previous
        previous = context.figures
        found = ratios_in_paragraph(context, default_unit)
        facts += found
        introduced = _introduces_list(context)
        shares = [fact for fact in found if fact.kind == "share"]
        if introduced is not None:
            carried, carried_text = introduced, paragraph.text
        elif shares and shares[-1].whole is not None and _LIST_GOES_ON.search(paragraph.text):
            carried, carried_text = (
                shares[-1].whole,
                shares[-1].source_text,
            )  # ``…占 63.75%;`` / ``项目支出…``
        elif not shares:
            carried, carried_text = None, None
    return facts


def ratio_paragraphs(lines: Sequence[TextLine]) -> list[Paragraph]:
    """The narrative extractor's paragraphs, with one more join: an indented first line (``此外,基本支出
    预算数为 13,994.31 万元。与上年`` / ``相比增加 1,670.85 万元``) is too short to count as running to the
    margin, but a paragraph that stops mid-sentence on a line reaching most of the page's width, followed
    by one that does not start a numbered item, is one paragraph."""
    found = paragraphs(lines, keep=lambda line: not is_table_line(line.text))
    usual = _usual_widths(lines) if lines else {}
    merged: list[Paragraph] = []
    for paragraph in found:
        if merged and _runs_on(merged[-1], paragraph, usual):
            merged[-1] = _join(merged[-1], paragraph)
        else:
            merged.append(paragraph)
    return merged


def _runs_on(before: Paragraph, after: Paragraph, usual: dict) -> bool:
    last = before.lines[-1]
    if is_table_line(before.text) or is_table_line(after.text):
        return False
    following = normalize(after.text)
    if _PARAGRAPH_END.search(last.text) or starts_with_ordinal(following) or _CODED_ITEM.match(following):
        return False
    return display_width(last.text) >= _RUN_ON_SHARE * usual.get(last.locator.page, 0)


def _join(before: Paragraph, after: Paragraph) -> Paragraph:
    offset = len(before.text)
    return Paragraph(before.lines + after.lines, before.starts + tuple(start + offset for start in after.starts))


def read_ratios(text: str, default_unit: str = "万元") -> list[StatedRatioFact]:
    """The stated ratios of one string (one line per ``\\n``), for tests and exploration."""
    lines = [TextLine(line, Locator(line=number)) for number, line in enumerate(text.split("\n"), start=1) if line]
    return extract_stated_ratios(lines, default_unit=default_unit)


# --- facts → the stated_ratios frame ---------------------------------------------------------------


def display_label(label: str | None) -> str | None:
    """A label as shown to people: without the leading year (``2020年度收、支总计`` → ``收、支总计``)."""
    if not label:
        return None
    return _LEADING_YEAR.sub("", clean_label(label)).strip() or None


def _yuan(figure: Figure | None) -> str | None:
    return None if figure is None else f"{figure.yuan:.2f}"


def stated_ratio_row(document_id: str, fact: StatedRatioFact) -> dict:
    """One row of the ``stated_ratios`` staging frame (``ingestion.schemas.StatedRatioFrame``)."""
    locators = []
    for figure in fact.figures:
        if str(figure.locator) not in locators:
            locators.append(str(figure.locator))
    identity = "|".join([document_id, str(fact.locator), str(fact.position), fact.kind])
    return {
        "stated_ratio_id": hashlib.sha1(identity.encode()).hexdigest()[:16],
        "document_id": document_id,
        "ratio_kind": fact.kind,
        "printed_percent": fact.printed_percent,
        "percent": fact.percent,
        "subject_label": display_label(fact.subject_label),
        "base_label": display_label(fact.base_label) if fact.kind != "change" else fact.base_label,
        "part_yuan": _yuan(fact.part),
        "whole_yuan": _yuan(fact.whole),
        "current_yuan": _yuan(fact.current),
        "prior_yuan": _yuan(fact.prior),
        "change_yuan": _yuan(fact.change),
        "change_direction": fact.change_direction,
        "rate_direction": fact.rate_direction,
        "actual_yuan": _yuan(fact.actual),
        "budget_yuan": _yuan(fact.budget),
        "base_status": fact.base_status,
        "reported_unit": fact.unit,
        "note": _NOTE_SEPARATOR.join(fact.notes) or None,
        "figures_locator": "; ".join(locators) or None,
        "source_locator": str(fact.locator),
        "source_text": fact.source_text,
    }
