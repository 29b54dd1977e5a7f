"""Measures: the stated totals (``reported_totals.measure``), expense types and 三公 categories, with the
words that state them in prose and the documents' names the dbt label macros print.

Prose rows (:data:`PROSE_SPECS`) are read by the narrative extractor: the label right before an amount
(``收入预算为1841.55万元``) matched against each family's patterns, longest first. Families: ``total``,
``three_public``, ``procurement``, ``office_operation``, ``performance``, and ``not_measure`` (an
income or expenditure line the warehouse has no measure for: an issue row, never silently dropped).
A ``scope`` says in which passage a label means this (``公务接待费`` is a 三公 category only in a 三公
passage; elsewhere it is the economic subject 30217).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.vocabulary.numerals import CN_NUMERAL
from ingestion.vocabulary.rules import keyed, word


@dataclass(frozen=True)
class Spec:
    """One label of a sentence family: ``family``, the ``key`` it states, a regex ``pattern`` over
    normalized text, and the topic ``scope`` it needs (``None``: anywhere)."""

    family: str
    key: str
    pattern: str
    scope: str | None = None


MEASURE_LABELS = {
    "grand_total": "收支总计",
    "income_total": "本年收入合计",
    "expenditure_total": "本年支出合计",
    "general_public_budget_income": "一般公共预算拨款收入",
    "general_public_budget_expenditure": "一般公共预算支出",
    "government_fund_expenditure": "政府性基金预算支出",
    "fiscal_appropriation_income": "财政拨款收入",
    "fiscal_appropriation_expenditure": "财政拨款支出",
    "basic_expenditure": "基本支出",
    "project_expenditure": "项目支出",
    "reserve_expenditure": None,  # 单位预留机动经费: a third part of expenditure beside basic and project
    "personnel_expenditure": "人员经费",
    "public_expenditure": "公用经费",
    "office_operation_expense": "机关运行经费",
    "procurement_total": "政府采购",
    "procurement_goods": None,
    "procurement_works": None,
    "procurement_services": None,
    "carry_over_income": "上年结转",
    "carry_forward": "年末结转和结余",
    "performance_target_total": None,
}
MEASURES = list(MEASURE_LABELS)  # a measure without a label prints as its key

EXPENSE_TYPE_LABELS = {
    "total": "支出合计",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public": "公用经费",
}
EXPENSE_TYPES = list(EXPENSE_TYPE_LABELS)
# The words that name a part of spending, and where they count:
# * ``table``: a column or title word naming an expense type (the leaf-most match wins: 基本支出/人员经费
#   is personnel);
# * ``prose``: in a prose sentence or its section title, the part the economic amounts it gives belong to
#   (``prose_expense_scope``). 人员经费/公用经费 do not count there: a sentence under them reads as naming
#   no part, as it always has (counting them would be a new rule, with findings of its own).
EXPENSE_WORDS = (
    word("基本支出", "basic", "table", "prose"),
    word("项目支出", "project", "table", "prose"),
    word("人员经费", "personnel", "table"),
    word("人员支出", "personnel", "table"),
    word("公用经费", "public", "table"),
    word("公用支出", "public", "table"),
    word("机关运行经费", "office_operation", "prose"),
)
TABLE_EXPENSE_WORDS = tuple(keyed(EXPENSE_WORDS, "table").items())
PROSE_SCOPE_WORDS = keyed(EXPENSE_WORDS, "prose")
# The scope of an economic amount the prose gives (``line_items.prose_expense_scope``): the part of
# spending its sentence or section title names (机关运行经费 over the others; 基本支出 and 项目支出 together:
# ``mixed``), else ``listed`` when the sentence lists it under a figure it names no part for
# (:data:`LISTED_PART`), else ``total``, the whole spending of the subject.
PROSE_SCOPE_LABELS = {
    "total": EXPENSE_TYPE_LABELS["total"],
    "basic": EXPENSE_TYPE_LABELS["basic"],
    "project": EXPENSE_TYPE_LABELS["project"],
    "office_operation": MEASURE_LABELS["office_operation_expense"],
    "mixed": "基本支出和项目支出",
    "listed": "所列明细（未注明范围）",
}
PROSE_SCOPES = list(PROSE_SCOPE_LABELS)
LISTED_PART = re.compile(r"其中|主要|包括|用于")

THREE_PUBLIC_LABELS = {
    "total": "“三公”经费合计",
    "overseas_travel": "因公出国（境）费",
    "vehicle": "公务用车购置及运行费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "official_reception": "公务接待费",
}
THREE_PUBLIC_CATEGORIES = list(THREE_PUBLIC_LABELS)

TOTALS = [
    Spec("total", "grand_total", r"收、?支(?:预算)?总计|收、?支总预算|收入、?支出(?:预算)?总计|收入总计|支出总计"),
    Spec("total", "income_total", r"本年收入合计|本年收入|收入合计|收入预算|部门收入"),
    Spec("total", "expenditure_total", r"本年支出合计|本年支出|支出合计|支出预算|部门支出|支出安排"),
    Spec("total", "income", r"拨款收入|收入|拨款"),
    Spec("total", "expenditure", r"拨款支出|支出"),
    Spec("total", "basic_expenditure", r"基本支出"),
    Spec("total", "project_expenditure", r"项目支出|年初项目"),
    Spec("total", "personnel_expenditure", r"人员支出|人员经费"),
    Spec("total", "public_expenditure", r"日常公用经费|公用支出|公用经费"),
    Spec("total", "carry_over_income", r"上年结转(?:和结余|结余)?|年初结转和结余"),
    Spec("total", "carry_forward", r"年末结转(?:和)?结余"),
    Spec("performance", "performance_target_total", r"绩效目标的金额|共?涉及一般公共预算拨款|共?涉及资金"),
    Spec("not_measure", "上级补助收入", r"上级补助收入"),
    Spec("not_measure", "事业收入", r"事业收入"),
    Spec("not_measure", "经营收入", r"经营收入"),
    Spec("not_measure", "附属单位上缴收入", r"附属单位上缴收入"),
    Spec("not_measure", "其他收入", r"其他收入"),
    Spec("not_measure", "使用非财政拨款结余", r"使用非财政拨款结余"),
    Spec("not_measure", "用事业基金弥补收支差额", r"用事业基金弥补收支差额"),
    Spec("not_measure", "上缴上级支出", r"上缴上级支出"),
    Spec("not_measure", "经营支出", r"经营支出"),
    Spec("not_measure", "对附属单位补助支出", r"对附属单位补助支出"),
    Spec("not_measure", "授予中小/小微企业合同金额", r"授予(?:中小|小微)企业合同金额"),
    Spec("not_measure", "国内/外事接待 (a part of 公务接待费)", r"(?:国内|外事)(?:公务)?接待费?"),
    Spec("not_measure", "固定资产总额", r"固定资产总金?额"),
    Spec("not_measure", "在建工程", r"(?:年末)?在建工程"),
    Spec("not_measure", "公务用车购置 by vehicle type", r"(?:轿车|越野车|载客汽车)\d*辆、?金额"),
]

# 三公: category words are also economic subjects (公务接待费 is 30217), so most need a 三公 passage.
_FEE = r"(?:经费|费用|费)?"
THREE_PUBLIC = [
    Spec("three_public", "total", r"[“\"]?三公[”\"]?经费"),
    Spec("three_public", "overseas_travel", rf"因公出国(?:\(境\))?{_FEE}", "three_public"),
    Spec("three_public", "vehicle", rf"公务用车购置(?:及|和)运行(?:维护)?{_FEE}", "three_public"),
    Spec("three_public", "vehicle_purchase", rf"公务用车购置{_FEE}", "three_public"),
    Spec("three_public", "vehicle_operation", rf"公务用车运行(?:维护)?{_FEE}|公车运行(?:维护)?费", "three_public"),
    Spec("three_public", "official_reception", rf"公务接待{_FEE}", "three_public"),
]

# 政府采购: goods / works / services mean procurement parts only inside a 政府采购 passage (``货物采购金额4.79万元``
# as well as ``政府采购货物支出``).
PROCUREMENT = [
    Spec("procurement", "procurement_total", r"政府采购"),
    Spec("procurement", "procurement_goods", r"(?:政府采购)?货物(?:采购)?", "procurement"),
    Spec("procurement", "procurement_works", r"(?:政府采购)?工程(?:采购)?", "procurement"),
    Spec("procurement", "procurement_services", r"(?:政府采购)?服务(?:采购)?", "procurement"),
]

# 机关运行经费: the total; its parts (办公费, 邮电费 …) are economic subjects.
OFFICE_OPERATION = [Spec("office_operation", "office_operation_expense", r"机关运行经费|机关运行费")]

PROSE_SPECS = TOTALS + THREE_PUBLIC + PROCUREMENT + OFFICE_OPERATION

# A heading that names one of these sets its passage's topic (first match wins): the ``scope`` of the
# specs above, and the topics under which economic subject names are preferred (basic, office operation).
PASSAGE_TOPICS = [
    ("three_public", re.compile(r"三公")),
    ("procurement", re.compile(r"政府采购")),
    ("office_operation", re.compile(r"机关运行")),
    ("basic", re.compile(r"基本支出|人员经费|公用经费")),
    ("project", re.compile(r"项目支出|项目明细")),
]

# --- tables ------------------------------------------------------------------------------------------

# Totals printed as label / amount pairs in summary tables (收支总表), matched against the whole label.
# Bare 收入合计/支出合计 include the carry-over lines when the table prints them (江苏 收支预算总表).
TABLE_TOTALS = (
    (re.compile(r"^(?:收支总计|收入总计|支出总计|总计)$"), "grand_total"),
    (re.compile(r"^(?:本年|当年)收入(?:合计|小计)?$"), "income_total"),
    (re.compile(r"^(?:本年|当年)支出(?:合计|小计)$"), "expenditure_total"),
    (re.compile(r"^收入合计$"), "income_or_grand_total"),
    (re.compile(r"^支出合计$"), "expenditure_or_grand_total"),
    (re.compile(rf"^{CN_NUMERAL}*、?基本支出$"), "basic_expenditure"),
    (re.compile(rf"^{CN_NUMERAL}*、?项目支出$"), "project_expenditure"),
    (re.compile(rf"^{CN_NUMERAL}*、?(?:单位)?预留机动经费$"), "reserve_expenditure"),
    (re.compile(rf"^{CN_NUMERAL}+、一般公共预算(?:拨款|财政拨款)?(?:收入)?$"), "general_public_budget_income"),
    # the 收支总表's income side of 元 budgets: ``一、财政拨款收入`` and its part ``1. 一般公共预算资金``
    (re.compile(rf"^{CN_NUMERAL}+、财政拨款(?:收入)?$"), "fiscal_appropriation_income"),
    (re.compile(r"^\d+[.、．]\s*一般公共预算(?:资金|拨款|财政拨款)?(?:收入)?$"), "general_public_budget_income"),
    (re.compile(rf"^{CN_NUMERAL}+、一般公共预算资金$"), "general_public_budget_income"),
    (re.compile(rf"^{CN_NUMERAL}*、?上年结转(?:结余)?$"), "carry_over_income"),
)
# The words of a total row (a 合计 row of any table is never an item of it).
SUBTOTAL_WORDS = ("合计", "小计", "总计")
SUBTOTAL_ROW = re.compile(rf"^(?:{'|'.join(SUBTOTAL_WORDS)})$")
# The 合计 row of an expenditure table, and the measure its amount states per column expense type.
SUBTOTAL_NAMES = re.compile(rf"^(?:{'|'.join(SUBTOTAL_WORDS)}|本年支出合计|支出合计)$")
SUBTOTAL_MEASURES = {
    "total": "expenditure_total",
    "basic": "basic_expenditure",
    "project": "project_expenditure",
    "personnel": "personnel_expenditure",
    "public": "public_expenditure",
}
# The rows of a 政府采购预算表 read as totals (``合计``, ``一、货物A``, ``二、工程B``, ``三、服务C``); its
# item rows (采购物品名称) are not modelled.
TABLE_PROCUREMENT = (
    (re.compile(r"^(?:合计|总计)$"), "procurement_total"),
    (re.compile(rf"^{CN_NUMERAL}*、?货物[A-Z]?$"), "procurement_goods"),
    (re.compile(rf"^{CN_NUMERAL}*、?工程[A-Z]?$"), "procurement_works"),
    (re.compile(rf"^{CN_NUMERAL}*、?服务[A-Z]?$"), "procurement_services"),
)
# A column of the 三公 table that states the 机关运行经费 (``2024年机关运行经费预算数``).
TABLE_OFFICE_OPERATION = re.compile(r"机关运行经费|机关运行费")
# 三公 categories by the words of a row or column label (the first row that matches wins).
TABLE_THREE_PUBLIC = (
    (re.compile(r"因公出国"), "overseas_travel"),
    (re.compile(r"公务用车购置及运行|公务用车购置和运行"), "vehicle"),
    (re.compile(r"公务用车购置|^购置费$"), "vehicle_purchase"),
    (re.compile(r"公务用车运行|公车运行|^运行(?:维护)?费$"), "vehicle_operation"),
    (re.compile(r"公务接待"), "official_reception"),
)
THREE_PUBLIC_TOTAL_WORDS = re.compile(rf"{SUBTOTAL_ROW.pattern}|三公")
