"""Totals stated in prose: 收支总计, 本年收入/支出合计, 收入/支出预算, 基本/项目/人员/公用支出, 结转结余,
绩效目标金额 (labels: ``ingestion.vocabulary.measures.TOTALS``) — and the income/expenditure lines a
disclosure prints that the measure vocabulary has no place for (上级补助收入, 经营支出 …), which
become issue rows instead of silently vanishing.

A bare ``收入``/``支出`` is a label only behind a fund prefix (``一般公共预算财政拨款支出``,
``政府性基金拨款收入``) or ``财政拨款``; alone it is a connector (``支出决算为``).

The fund word of a label sets the fact's ``fund_source``: ``财政拨款基本支出预算13,979.92万元`` is
basic_expenditure / fiscal_appropriation, ``财政拨款收入支出总计0.3万元`` grand_total / fiscal_appropriation
(a fund prefix such as ``一般公共预算`` is more specific and wins).
"""

from __future__ import annotations

from ingestion.extract.narrative.labels import Candidate

SIDES = {"income", "expenditure"}
_FUND_SIDE_MEASURES = {
    ("income", "general_public_budget"): "general_public_budget_income",
    ("expenditure", "general_public_budget"): "general_public_budget_expenditure",
    ("expenditure", "government_fund"): "government_fund_expenditure",
}
# Measures whose fund source follows the section (一般公共预算财政拨款基本支出决算情况说明 → gpb).
SECTION_FUNDED = {"basic_expenditure", "project_expenditure", "personnel_expenditure", "public_expenditure"}
# Parts of a functional subject's amount when printed right after it (行政运行 … 其中人员支出 …).
EXPENSE_PARTS = {
    "basic_expenditure": "basic",
    "project_expenditure": "project",
    "personnel_expenditure": "personnel",
    "public_expenditure": "public",
}
FLIP_SIDE = {
    "income_total": "expenditure_total",
    "general_public_budget_income": "general_public_budget_expenditure",
    "fiscal_appropriation_income": "fiscal_appropriation_expenditure",
}
FLIP_SIDE |= {value: key for key, value in FLIP_SIDE.items()}


def is_weak(candidate: Candidate) -> bool:
    """A bare 收入/支出 with no fund prefix says nothing by itself."""
    return candidate.family == "total" and candidate.key in SIDES and not (candidate.fund or candidate.fiscal)


def measure_for(candidate: Candidate, section_fund: str | None) -> tuple[str | None, str, str | None]:
    """``(measure, fund_source, reason)``: the measure a total label states, or ``None`` and why not.

    Fund-specific measures exist for the general public budget and government funds; other fund
    sources use the generic total with their ``fund_source`` (国有资本经营预算拨款支出 →
    ``expenditure_total`` / ``state_capital``). A bare side behind ``财政拨款`` is the
    fiscal-appropriation measure (``财政拨款收入`` → ``fiscal_appropriation_income``); any other label
    behind ``财政拨款`` keeps its measure with ``fund_source`` fiscal_appropriation, unless a fund
    prefix, or for expense parts the section's fund (一般公共预算…, a part of 财政拨款), is printed.
    """
    key, fund = candidate.key, candidate.fund
    if key in SIDES:
        if fund:
            return _FUND_SIDE_MEASURES.get((key, fund), f"{key}_total"), fund, None
        return f"fiscal_appropriation_{key}", "all", None
    fiscal = "fiscal_appropriation" if candidate.fiscal else None
    if key in SECTION_FUNDED:
        return key, fund or section_fund or fiscal or "all", None
    return key, fund or fiscal or "all", None
