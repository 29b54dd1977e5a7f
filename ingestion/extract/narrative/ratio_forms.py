"""Ratio sentence forms: one function per form links a percentage to the figures it was computed from.

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

Which form a percentage is comes from ``ingestion.vocabulary.percentages.ratio_kind``. Each linker returns
the fact's fields and the notes that say why a figure is ``None``.
"""

from __future__ import annotations

import re

from ingestion.extract.narrative.ratio_labels import (
    LABEL_NOISE,
    YEAR_WORDS,
    basis_matches,
    clean_label,
    label_core,
    labels_match,
)
from ingestion.extract.narrative.ratio_sentences import Figure, RatioParagraph, RatioSentence
from ingestion.extract.narrative.text import clause_start, normalize
from ingestion.vocabulary.amount_kinds import BUDGET_STAGE, completion_side
from ingestion.vocabulary.breaks import CLAUSE_MARKS
from ingestion.vocabulary.fund_sources import PROSE_PREFIX
from ingestion.vocabulary.percentages import (
    BOTH_WAYS,
    CHANGE,
    COMPARED_WITH,
    COMPLETION,
    COMPLETION_RATE,
    DOWN_RATE,
    RATE_WORD,
    SHARE,
    SHARE_OF,
    UP_RATE,
    rate_direction,
)

_COMPARISON = re.compile(
    rf"(?:与|同|和)\s*(?P<with>[^{CLAUSE_MARKS}与同和]{{1,16}}?)\s*{COMPARED_WITH}"
    rf"|(?:比|较)\s*(?P<than>[^{CLAUSE_MARKS}比较]{{1,16}}?)\s*(?=(?:各)?(?:{RATE_WORD}|持平))"
)
_FUND_PREFIXES = re.compile(PROSE_PREFIX)


def _segment(sentence: RatioSentence, index: int) -> list[Figure]:
    """The amounts between the previous percentage of the sentence (or its start) and this one."""
    percent = sentence.percents[index]
    floor = sentence.percents[index - 1].end if index else sentence.start
    return [figure for figure in sentence.figures if floor <= figure.start and figure.end <= percent.start]


def _earlier(context: RatioParagraph, position: int) -> list[Figure]:
    """Every amount of the paragraph printed before ``position``, nearest last."""
    return [figure for figure in context.figures if figure.end <= position]


def link_share(context: RatioParagraph, sentence: RatioSentence, index: int, before: str) -> dict:
    """``基本支出131.63万元，占58.94%`` — part: the amount just before 占; whole: the amount 占X的 names, or
    the sentence's first amount when it is not itself a part."""
    notes: list[str] = []
    segment = _segment(sentence, index)
    part = segment[-1] if segment else None
    if part is None:
        notes.append("no amount is printed before 占 in this clause: the part is not printed")
    named = SHARE_OF.search(before).group("whole").strip()
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
    text = re.sub(rf"(?:与|同|和)[^{CLAUSE_MARKS}]{{1,16}}?{COMPARED_WITH}", "", text)
    text = re.split(r"比|较", text)[0].strip()
    text = re.sub(rf"(?:各)?(?:{UP_RATE}|{DOWN_RATE}|{BOTH_WAYS}|/|\(|\)|、|\s)+了?$", "", text)
    text = re.sub(r"(?:(?:与|同|和)?(?:上一?年度?|去年|\d{4}\s*年度?)?相)$", "", text)  # 与上|年相比 split by a line
    return clean_label(re.sub(r"各$", "", text.strip()))


def link_change(context: RatioParagraph, sentence: RatioSentence, index: int, before: str) -> dict:
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
        priors = [f for f in segment if f is not change and f.direction is None and basis_matches(basis, f.label)]
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
        if _GENERIC_CHANGE_SUBJECT.match(YEAR_WORDS.sub("", subject)):
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


def _paragraph_subject(context: RatioParagraph, sentence: RatioSentence) -> str | None:
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


def completion_figure_side(label: str) -> str | None:
    """actual / budget by the ``completion`` words of ``ingestion.vocabulary.amount_kinds`` (fund names,
    whose 预算 is not a budget word, removed first)."""
    return completion_side(_FUND_PREFIXES.sub("", normalize(label)))


def link_completion(context: RatioParagraph, sentence: RatioSentence, index: int, before: str) -> dict:
    """Actual and budget of the clause group of a completion rate.

    ``年初预算为1012.86万元，支出决算为1012.86万元，完成年初预算的100%``."""
    notes: list[str] = []
    segment = _segment(sentence, index) or _before_a_stray_full_stop(context, sentence, index)
    actual = None
    budgets: list[Figure] = []
    for figure in segment:
        side = completion_figure_side(figure.label)
        if side == "actual":
            actual = figure
        elif side == "budget":
            budgets.append(figure)
    budget = named_budget(budgets, before)
    if actual is None:
        unlabelled = [f for f in segment if f is not budget and completion_figure_side(f.label) is None]
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


_RATE_STAGE = re.compile(rf"完成(?:了)?({BUDGET_STAGE})预算")
_STAGE_WORDS = {"年初": ("年初",), "全年": ("全年", "调整"), "调整": ("全年", "调整"), "调整后": ("全年", "调整")}


def named_budget(budgets: list[Figure], before: str) -> Figure | None:
    """The budget a completion rate names: ``年初预算为0万元，全年预算为A万元，支出决算为B万元，完成年初预算的N%``
    is a rate of the 年初预算 (0, so the rate is a finding), not of the 全年预算 printed beside it. A rate
    that names no stage (完成预算的), or a stage the clause does not print, takes the last budget."""
    stage = _RATE_STAGE.search(normalize(before))
    if stage:
        named = [f for f in budgets if any(word in f.label for word in _STAGE_WORDS[stage.group(1)])]
        if named:
            return named[-1]
    return budgets[-1] if budgets else None


def _before_a_stray_full_stop(context: RatioParagraph, sentence: RatioSentence, index: int) -> list[Figure]:
    """``支出决算为 A 万元。完成年初预算的100.00%``: a sentence that is only the rate belongs to the
    figures of the sentence before it (a full stop printed where a comma was meant), in the paragraph
    before when the rate opens a line of its own."""
    if index or sentence.figures:
        return []
    opening = context.norm[sentence.start : sentence.percents[0].start]
    rate = COMPLETION.search(opening)
    if rate is None or opening[: rate.start()].strip(" ,，:"):
        return []
    earlier = [other for other in context.sentences if other.end <= sentence.start]
    if earlier:
        return earlier[-1].figures
    return context.previous_figures  # the full stop also ended the line: the paragraph before


def _completion_subject(
    context: RatioParagraph, sentence: RatioSentence, segment: list[Figure], actual: Figure | None
) -> str:
    """The actual amount's label (``一般公共预算支出``), or, when that is generic (``支出决算为``), the words
    the sentence opens with (``一般公共服务（类）宣传事务（款）一般行政管理事务（项）:``)."""
    label = clean_label(re.sub(r"(?:决算数?|执行数)?(?:为)?$", "", actual.label)) if actual else ""
    if re.sub(r"支出|决算|执行|实际|预算|数|项目|全年|年初", "", label_core(label)):
        return label
    first = segment[0] if segment else (sentence.figures[0] if sentence.figures else None)
    opening = context.norm[sentence.start : first.start if first else sentence.end]
    if ":" in opening:
        opening = opening.rsplit(":", 1)[0]
    else:
        opening = re.split(r"[，,；;]", opening)[0]
    opened = clean_label(LABEL_NOISE.sub("", opening))
    opened = re.sub(rf"{BUDGET_STAGE}?预算数?$", "", opened)
    if opened in _GENERIC_SUBJECTS:  # ``（1）“接待费”项目绩效目标完成情况综述。项目全年预算数0.8万元…``
        named = _QUOTED.findall(context.norm[: sentence.start])
        if named:
            return f"“{named[-1]}”{opened}"
    return opened or label


_GENERIC_CHANGE_SUBJECT = re.compile(r"^(?:预算安排|预算执行数|执行数|预算数?|决算数?|支出|收入|安排)$")
_GENERIC_SUBJECTS = {"", "项目", "支出", "收入", "资金", "经费"}
_QUOTED = re.compile(r"[“\"]([^”\"]{2,60})[”\"]")

LINKERS = {SHARE: link_share, CHANGE: link_change, COMPLETION_RATE: link_completion}
