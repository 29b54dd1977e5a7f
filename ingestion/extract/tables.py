"""Amounts printed in tables: subject line items, stated totals, and 三公 figures.

Every table goes through the same steps, whatever document or format it came from: find the header
rows and label each column (:mod:`ingestion.extract.table_layout`), decide what each amount column
measures from its label (expense type, fund source, amount kind), then read each data row. A column
whose meaning cannot be established is left out and recorded as an :class:`IssueFact` — never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingestion.amounts import find_unit_declaration, normalize_text, parse_amount
from ingestion.document import Document, Table, TextLine
from ingestion.extract.facts import Evidence, Fact, IssueFact, LineItemFact, ProjectFact, ThreePublicFact, TotalFact
from ingestion.extract.subjects import lookup_code, resolve_subject
from ingestion.extract.table_layout import (
    DECIMAL_AMOUNT,
    clean_cell,
    column_labels,
    find_row_codes,
    header_row_count,
    is_column_number_row,
)
from ingestion.extract.table_projects import form_project, list_projects

SUBTOTAL_NAMES = re.compile(r"^(?:合计|小计|总计|本年支出合计|支出合计)$")
_FUND_SOURCES = (
    ("一般公共预算", "general_public_budget"),
    ("公共财政", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本经营", "state_capital"),
    ("财政拨款", "fiscal_appropriation"),
    ("专户", "fiscal_special_account"),
    ("上年结转", "carry_over"),
    ("其他收入", "other"),
)
_EXPENSE_TYPES = (
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("人员经费", "personnel"),
    ("人员支出", "personnel"),
    ("公用经费", "public"),
    ("公用支出", "public"),
)
# Words a column label may contain without changing what the column measures.
_GENERIC_WORDS = re.compile(
    r"合计|总计|小计|本年|年初|全年|调整|预算数|预算|决算数|决算|支出数|执行数|金额|支出|经费|"
    r"数|资金|安排|科目|本年度|年度|\d{4}年度?|[/()（）:：]"
)
_NOT_AMOUNT_COLUMNS = re.compile(r"增减|变动|%|率|代码|编码|名称|序号|数量|单价|人数")
_ECONOMIC_CHILD = re.compile(r"工资福利|商品和服务|个人和家庭|资本性|债务利息|对企|对事业|其他支出|补助|补贴")
TOTAL_LABELS = (
    (re.compile(r"^(?:收支总计|收入总计|支出总计|总计)$"), "grand_total"),
    (re.compile(r"^(?:本年|当年)收入(?:合计|小计)?$"), "income_total"),
    (re.compile(r"^(?:本年|当年)支出(?:合计|小计)$"), "expenditure_total"),
    # Bare 收入合计/支出合计 include the carry-over lines when the table prints them (江苏 收支预算总表).
    (re.compile(r"^收入合计$"), "income_or_grand_total"),
    (re.compile(r"^支出合计$"), "expenditure_or_grand_total"),
    (re.compile(r"^[一二三四五六七八九十]*、?基本支出$"), "basic_expenditure"),
    (re.compile(r"^[一二三四五六七八九十]*、?项目支出$"), "project_expenditure"),
    (re.compile(r"^[一二三四五六七八九十]*、?(?:单位)?预留机动经费$"), "reserve_expenditure"),
    (re.compile(r"^[一二三四五六七八九十]+、一般公共预算(?:拨款|财政拨款)?(?:收入)?$"), "general_public_budget_income"),
    (re.compile(r"^[一二三四五六七八九十]*、?上年结转(?:结余)?$"), "carry_over_income"),
)
THREE_PUBLIC_LABELS = (
    (re.compile(r"因公出国"), "overseas_travel"),
    (re.compile(r"公务用车购置及运行|公务用车购置和运行"), "vehicle"),
    (re.compile(r"公务用车购置|^购置费$"), "vehicle_purchase"),
    (re.compile(r"公务用车运行|公车运行|^运行(?:维护)?费$"), "vehicle_operation"),
    (re.compile(r"公务接待"), "official_reception"),
)
_TOTAL_WORDS = re.compile(r"^(?:合计|小计|总计)$|三公")


@dataclass(frozen=True)
class ColumnMeaning:
    expense_type: str
    fund_source: str
    amount_kind: str
    economic_code: str | None = None  # a functional × economic cross-tab column (基本支出/工资福利支出)


@dataclass(frozen=True)
class TableScope:
    """What a table's title restricts all its amounts to (``一般公共预算基本支出…工资福利支出``)."""

    expense_type: str | None = None
    fund_source: str | None = None
    economic_class: str | None = None
    is_unmodelled: bool = False  # the title names a restriction we cannot represent: skip the table


_SCOPE_ECONOMIC_CLASSES = (("工资福利", "301"), ("商品和服务", "302"), ("个人和家庭", "303"))
_UNMODELLED_TITLES = re.compile(r"转移支付|绩效|采购|资产|非税收入|专户|国有资本经营|政府性基金")


def title_scope(title: str | None) -> TableScope:
    if not title:
        return TableScope()
    expense_type = next((kind for word, kind in _EXPENSE_TYPES if word in title), None)
    fund_source = next((source for word, source in _FUND_SOURCES if word in title), None)
    economic = next((code for word, code in _SCOPE_ECONOMIC_CLASSES if word in title), None)
    # Income by subject (收入决算表) has no place in a fact table of spending: sums would double.
    income_only = "收入" in title and "支出" not in title
    unmodelled = income_only or (bool(_UNMODELLED_TITLES.search(title)) and fund_source != "government_fund")
    return TableScope(expense_type, fund_source, economic, unmodelled)


@dataclass(frozen=True)
class TableContext:
    title: str | None
    unit: str
    unit_declared: bool
    doc_kind: str
    fiscal_year: int | None

    @property
    def scope(self) -> TableScope:
        return title_scope(self.title)


def _amount_kind(label: str, context: TableContext) -> str:
    years = [int(year) for year in re.findall(r"(\d{4})年", label)]
    if context.fiscal_year and any(year < context.fiscal_year for year in years) or "上年" in label:
        return "prior_year"
    if "决算" in label or "执行数" in label or "支出数" in label:
        return "actual"
    if "预算" in label:
        return "budget"
    return "actual" if context.doc_kind == "final_account" else "budget"


def _leaf_most(label: str, vocabulary: tuple[tuple[str, str], ...]) -> str | None:
    """The most specific match in a header path: ``基本支出/人员经费`` is personnel, not basic."""
    for segment in reversed(label.split("/")):
        found = next((value for word, value in vocabulary if word in segment), None)
        if found:
            return found
    return None


def column_meaning(label: str, context: TableContext) -> ColumnMeaning | None:
    """What an amount column measures, or ``None`` when its label names something we do not model."""
    if not label or _NOT_AMOUNT_COLUMNS.search(label):
        return None
    expense_type = _leaf_most(label, _EXPENSE_TYPES) or "total"
    fund_source = next((source for word, source in _FUND_SOURCES if word in label), "all")
    leaf = label.split("/")[-1]
    if _ECONOMIC_CHILD.search(leaf):
        return _cross_tab_meaning(label, leaf, expense_type, fund_source, context)
    residue = label
    for word, _ in _FUND_SOURCES + _EXPENSE_TYPES:
        residue = residue.replace(word, "")
    if _GENERIC_WORDS.sub("", residue).strip():
        return None
    if expense_type == "total" and context.scope.expense_type:
        expense_type = context.scope.expense_type
    if fund_source == "all" and context.scope.fund_source:
        fund_source = context.scope.fund_source
    return ColumnMeaning(expense_type, fund_source, _amount_kind(label, context))


def _cross_tab_meaning(
    label: str, leaf: str, expense_type: str, fund_source: str, context: TableContext
) -> ColumnMeaning | None:
    """A column named by an economic class (工资福利支出 under 基本支出): only exact reference names count.

    Local wordings such as 一般商品和服务支出 or 业务性商品和服务支出 do not name one national class, so
    those columns are left out (and reported) rather than mapped to 302 by guesswork.
    """
    resolution = resolve_subject(leaf, scheme="economic", level="类", fiscal_year=context.fiscal_year)
    if resolution.code is None or resolution.how not in {"name", "renamed"}:
        return None
    if expense_type == "total" and context.scope.expense_type:
        expense_type = context.scope.expense_type
    if fund_source == "all" and context.scope.fund_source:
        fund_source = context.scope.fund_source
    return ColumnMeaning(expense_type, fund_source, _amount_kind(label, context), resolution.code)


def _evidence(table: Table, row_index: int, column: int, context: TableContext) -> Evidence | None:
    raw = table.rows[row_index][column]
    amount = parse_amount(raw)
    if amount is None:
        return None
    return Evidence(
        reported_amount=amount.printed,
        value=amount.value,
        reported_unit=amount.unit or context.unit,
        locator=table.cell_locator(row_index, column),
        source_text=clean_row_text(table, row_index),
        method="table",
    )


def clean_row_text(table: Table, row_index: int) -> str:
    return "\t".join(normalize_text(cell) for cell in table.rows[row_index]).strip()


def _panel_facts(
    table: Table, row_index: int, start: int, end: int, meanings: dict, context: TableContext, skipped: set[int]
) -> list[Fact]:
    """The facts of one row within one panel (columns ``start``..``end``)."""
    row = table.rows[row_index]
    codes = find_row_codes(row[start:end])
    first_amount = start + codes.first_amount_column
    if not codes.code:
        return _subtotal_facts(table, row_index, first_amount, meanings, context, (start, end))
    functional = codes.code if codes.code.startswith("2") else None
    economic = codes.code if codes.code[0] in "35" else context.scope.economic_class
    if not functional and not economic:
        return []
    facts: list[Fact] = []
    for column in range(first_amount, end):
        evidence = _evidence(table, row_index, column, context)
        if evidence is None:
            continue
        meaning = meanings.get(column)
        if meaning is None or (meaning.economic_code and economic):
            skipped.add(column)
            continue
        facts.append(
            LineItemFact(
                evidence=evidence,
                functional_subject_code=functional,
                economic_subject_code=economic or meaning.economic_code,
                subject_name=codes.name,
                expense_type=meaning.expense_type,
                fund_source=meaning.fund_source,
                amount_kind=meaning.amount_kind,
                table_title=context.title,
            )
        )
    return facts


_PANEL_HEAD = re.compile(r"编码|代码|科目|分类")  # a panel starts with its own code column


def table_panels(labels: list[str]) -> list[tuple[int, int]]:
    """Column ranges of side-by-side panels: ``经济分类 | 科目名称 | 决算数 | 经济分类 | 科目名称 | 决算数``
    prints two tables in one grid (301… on the left, 302… on the right); each panel has its own codes."""
    first = next((index for index, label in enumerate(labels) if label), None)
    if first is None:
        return [(0, len(labels))]
    starts = [index for index, label in enumerate(labels) if label == labels[first]]
    widths = {end - start for start, end in zip(starts, starts[1:], strict=False)}
    if len(starts) < 2 or not _PANEL_HEAD.search(labels[first]) or min(widths) < 3:
        return [(0, len(labels))]
    starts[0] = 0
    return list(zip(starts, starts[1:] + [len(labels)], strict=True))


def _subject_facts(table: Table, labels: list[str], header_rows: int, context: TableContext) -> list[Fact]:
    facts: list[Fact] = []
    meanings = {column: column_meaning(label, context) for column, label in enumerate(labels)}
    skipped: set[int] = set()
    panels = table_panels(labels)
    for row_index in range(header_rows, len(table.rows)):
        row = table.rows[row_index]
        if is_column_number_row(row):
            continue
        for start, end in panels if len(row) >= panels[-1][0] else [(0, len(row))]:
            facts.extend(_panel_facts(table, row_index, start, min(end, len(row)), meanings, context, skipped))
    for column in sorted(skipped):
        facts.append(
            IssueFact(
                "column_not_extracted",
                f"amounts under column '{labels[column] or '(no header)'}' of table '{context.title}' were left "
                "out: the column's meaning is not one the warehouse models yet",
                table.cell_locator(header_rows, column),
                clean_row_text(table, max(header_rows - 1, 0)),
            )
        )
    return facts


_SUBTOTAL_MEASURES = {
    "total": "expenditure_total",
    "basic": "basic_expenditure",
    "project": "project_expenditure",
    "personnel": "personnel_expenditure",
    "public": "public_expenditure",
}


def _subtotal_facts(
    table: Table, row_index: int, first_amount: int, meanings: dict, context: TableContext, panel: tuple[int, int]
) -> list[Fact]:
    """The 合计 row of an expenditure table states the document's totals, one per column meaning.

    A 合计 row whose amounts do not start in the same column as the coded rows' is misaligned (an export
    dropped a cell): its amounts are left to the ``amount_not_read`` issues rather than misread.
    """
    row = table.rows[row_index]
    start, end = panel
    if not any(SUBTOTAL_NAMES.match(clean_cell(cell)) for cell in row[start:first_amount]):
        return []
    if "支出" not in (context.title or "") or "收入" in (context.title or ""):
        return []
    if first_amount != _coded_first_amount(table, panel):
        return []
    facts: list[Fact] = []
    for column in range(first_amount, end):
        meaning = meanings.get(column)
        evidence = _evidence(table, row_index, column, context) if meaning else None
        if evidence is None:
            continue
        economic = meaning.economic_code or context.scope.economic_class
        if economic:  # a 合计 under 工资福利支出 (cross-tab column or table scope): that class's total
            facts.append(
                LineItemFact(evidence, None, economic, _class_name(economic), meaning.expense_type,
                             meaning.fund_source, meaning.amount_kind, "printed", context.title)
            )  # fmt: skip
            continue
        measure = _SUBTOTAL_MEASURES[meaning.expense_type]
        facts.append(TotalFact(evidence, measure, meaning.amount_kind, meaning.fund_source))
    return facts


def _coded_first_amount(table: Table, panel: tuple[int, int]) -> int | None:
    """The column where the coded rows of a panel print their first amount (the most common one)."""
    start, end = panel
    firsts: Counter[int] = Counter()
    for row in table.rows:
        codes = find_row_codes(row[start:end])
        if codes.code:
            firsts[start + codes.first_amount_column] += 1
    return firsts.most_common(1)[0][0] if firsts else None


def _class_name(code: str) -> str:
    row = lookup_code(code)
    return row.name if row else code


def _label_value_facts(table: Table, context: TableContext) -> list[Fact]:
    """Totals printed as label / amount pairs (收支总表, 收入总表): ``本年收入合计 | 472.74``.

    The amount is the next non-empty cell to the right of the label. Below a carry-over label
    (年初结转和结余, 上年结转) in the same column, numbered lines are parts of the carry-over, not income.
    """
    facts: list[Fact] = []
    kind = "actual" if context.doc_kind == "final_account" else "budget"
    fund = context.scope.fund_source or "all"  # 财政拨款收支总表 states fiscal-appropriation totals
    has_carry_over = any(_CARRY_OVER.search(clean_cell(cell)) for row in table.rows for cell in row)
    carry_over_columns: set[int] = set()
    for row_index, row in enumerate(table.rows):
        for column in range(len(row) - 1):
            label = clean_cell(row[column])
            if _CARRY_OVER.search(label) and not label.startswith("结转下年"):
                carry_over_columns.add(column)
            measure = next((name for pattern, name in TOTAL_LABELS if pattern.match(label)), None)
            if measure is None or (column in carry_over_columns and measure.endswith("_income")):
                continue
            measure = _resolve_bare_total(measure, has_carry_over)
            value_column = _next_filled(row, column)
            evidence = _evidence(table, row_index, value_column, context) if value_column is not None else None
            if evidence is not None:
                facts.append(TotalFact(evidence=evidence, measure=measure, amount_kind=kind, fund_source=fund))
    return facts


_CARRY_OVER = re.compile(r"结转|结余")


def _resolve_bare_total(measure: str, has_carry_over: bool) -> str:
    if measure == "income_or_grand_total":
        return "grand_total" if has_carry_over else "income_total"
    if measure == "expenditure_or_grand_total":
        return "grand_total" if has_carry_over else "expenditure_total"
    return measure


def _next_filled(row: tuple[str, ...], column: int) -> int | None:
    for next_column in range(column + 1, len(row)):
        if clean_cell(row[next_column]):
            return next_column
    return None


_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")
_SUMMARY_TITLE = re.compile(r"收支.*总表|收支总体情况表")


def _summary_subject_facts(table: Table, context: TableContext) -> list[Fact]:
    """收支总表 print class totals by name (``一、一般公共服务支出 | 472.74``) and, under 基本支出 /
    项目支出, economic classes (``工资福利支出 | 183.06``): codes come from exact reference names only."""
    facts: list[Fact] = []
    kind = "actual" if context.doc_kind == "final_account" else "budget"
    expense_by_column: dict[int, str] = {}
    for row_index, row in enumerate(table.rows):
        for column in range(len(row) - 1):
            label = _NUMBERED.sub("", clean_cell(row[column]))
            expense = next((kind_ for word, kind_ in _EXPENSE_TYPES[:2] if label == word), None)
            if expense:
                expense_by_column[column] = expense
                continue
            evidence = _evidence(table, row_index, column + 1, context) if label else None
            if evidence is None:
                continue
            functional = resolve_subject(label, level="类", fiscal_year=context.fiscal_year)
            economic = resolve_subject(label, scheme="economic", level="类", fiscal_year=context.fiscal_year)
            fund = context.scope.fund_source or "all"
            if functional.code and functional.how in {"name", "renamed"}:
                facts.append(LineItemFact(evidence, functional.code, None, label, "total", fund, kind,
                                          "resolved", context.title))  # fmt: skip
            elif economic.code and economic.how in {"name", "renamed"} and column in expense_by_column:
                facts.append(LineItemFact(evidence, None, economic.code, label, expense_by_column[column], fund,
                                          kind, "resolved", context.title))  # fmt: skip
    return facts


def _three_public_facts(table: Table, labels: list[str], header_rows: int, context: TableContext) -> list[Fact]:
    """三公 tables print categories either as columns (one agency row) or as rows (one column per year)."""
    facts: list[Fact] = []
    headed = any("三公" in label for label in labels)
    column_categories = {column: _category_of_path(label, headed) for column, label in enumerate(labels)}
    column_categories = {column: category for column, category in column_categories.items() if category}
    for row_index in range(header_rows, len(table.rows)):
        row = table.rows[row_index]
        row_category = _category(clean_cell(row[0])) if row else None
        for column in range(len(row)):
            if row_category:
                meaning = column_meaning(labels[column], context) if column < len(labels) else None
                category, kind = row_category, meaning.amount_kind if meaning else None
            else:
                category, kind = column_categories.get(column), _amount_kind(labels[column], context)
            evidence = _evidence(table, row_index, column, context) if category and kind else None
            if evidence is not None:
                facts.append(ThreePublicFact(evidence=evidence, category=category, amount_kind=kind))
    return facts


def _category(label: str) -> str | None:
    """The 三公 category a single label names; ``total`` for 合计/小计 rows and 三公 headings."""
    specific = next((category for pattern, category in THREE_PUBLIC_LABELS if pattern.search(label)), None)
    return specific or ("total" if _TOTAL_WORDS.search(label) else None)


def _category_of_path(label: str, table_has_three_public_heading: bool) -> str | None:
    """Category of a column from its header path, leaf first: ``公务用车…费/小计`` is the vehicle subtotal.

    A 合计 that is not under a 三公 heading (``合计`` of 三公 + 会议费 + 培训费) is not the 三公 total.
    """
    segments = [segment for segment in label.split("/") if segment]
    for depth in range(len(segments) - 1, -1, -1):
        specific = next((c for pattern, c in THREE_PUBLIC_LABELS if pattern.search(segments[depth])), None)
        if specific:
            return specific
    if any("三公" in segment for segment in segments):
        return "total"
    is_total = any(_TOTAL_WORDS.search(segment) for segment in segments)
    return "total" if is_total and not table_has_three_public_heading else None


def interpret_table(table: Table, context: TableContext) -> list[Fact]:
    """All facts one table states; which recognisers apply depends on its title and header only."""
    header_rows = header_row_count(table)
    labels = column_labels(table, header_rows)
    title = context.title or ""
    if context.scope.is_unmodelled:
        projects = form_project(table, context.unit) if "绩效" in title else []
        return _label_value_facts(table, context) + projects + _not_modelled(table, context)
    header_text = " ".join(labels)
    if "三公" in title or "三公" in header_text:
        return _three_public_facts(table, labels, header_rows, context)
    if "项目" in title and not any(find_row_codes(row).code for row in table.rows[header_rows:]):
        kind = "actual" if context.doc_kind == "final_account" else "budget"
        projects = list_projects(table, labels, header_rows, context.unit, kind)
        if projects:
            return projects
    facts = _subject_facts(table, labels, header_rows, context)
    if _SUMMARY_TITLE.search(title):
        facts += _summary_subject_facts(table, context)
    facts += _label_value_facts(table, context)
    return facts + _amounts_left_unread(table, labels, header_rows, facts, context)


def _amounts_left_unread(
    table: Table, labels: list[str], header_rows: int, facts: list[Fact], context: TableContext
) -> list[Fact]:
    """An issue row for each printed amount no recogniser took, so nothing printed is silently dropped.

    Only cells that are unmistakably amounts (decimals or thousands separators) count; cells of a column
    already reported as not extracted are covered by that column's issue.
    """
    read = {str(fact.evidence.locator) for fact in facts if hasattr(fact, "evidence")}
    read |= {str(p.locator) for fact in facts if isinstance(fact, ProjectFact) for p in (fact.budget, fact.actual) if p}
    reported_columns = {
        fact.locator.column
        for fact in facts
        if isinstance(fact, IssueFact) and fact.issue_kind == "column_not_extracted"
    }
    issues: list[Fact] = []
    for row_index in range(header_rows, len(table.rows)):
        row = table.rows[row_index]
        for column, cell in enumerate(row):
            locator = table.cell_locator(row_index, column)
            text = clean_cell(cell)
            if str(locator) in read or column + 1 in reported_columns or not DECIMAL_AMOUNT.match(text):
                continue
            row_label = next((clean_cell(c) for c in row[:column] if clean_cell(c) and not parse_amount(c)), "")
            column_label = labels[column] if column < len(labels) else ""
            issues.append(
                IssueFact(
                    "amount_not_read",
                    f"{text} in row '{row_label}' under '{column_label}' of table '{context.title}': no measure the "
                    "warehouse models matches this row and column, so it was left out",
                    locator,
                    clean_row_text(table, row_index),
                )
            )
    return issues


def _not_modelled(table: Table, context: TableContext) -> list[Fact]:
    """One issue row per skipped table that prints amounts, so every amount left out is explained."""
    if not any(parse_amount(clean_cell(cell)) for row in table.rows for cell in row):
        return []
    return [
        IssueFact(
            "table_not_modelled",
            f"table '{context.title}' (performance targets, assets, procurement, income by subject or a fund "
            "the warehouse does not model) was not read for line items",
            table.locator,
            clean_row_text(table, 0),
        )
    ]


def extract_tables(document: Document, *, doc_kind: str, fiscal_year: int | None, default_unit: str) -> list[Fact]:
    """Walk the document once, tracking the latest title and unit declaration before each table."""
    facts: list[Fact] = []
    title: str | None = None
    unit: str | None = None
    for block in document.blocks:
        text = _as_title_text(block)
        if text is not None:
            unit = find_unit_declaration(text) or unit
            if _is_title(text):
                title, unit = text, find_unit_declaration(text)
            continue
        table_unit = _unit_inside(block) or unit
        context = TableContext(title, table_unit or default_unit, table_unit is not None, doc_kind, fiscal_year)
        table_facts = interpret_table(block, context)
        if table_unit is None and any(not isinstance(fact, IssueFact) for fact in table_facts):
            facts.append(
                IssueFact(
                    "unit_assumed",
                    f"table '{title}' declares no unit; the document's usual unit {default_unit} was applied",
                    block.locator,
                    clean_row_text(block, 0),
                )
            )
        facts.extend(table_facts)
    return facts


_CODE_LINE = re.compile(
    r"^(?:\d{1,2}[.、]\s*)?(?P<code>\d{3}(?:\d{2}){0,2})\s+(?P<name>[^\d\s][^\d]*?)\s+(?P<amount>-?[\d,]+(?:\.\d+)?)\s*(?P<unit>万元|元)?$"
)
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)")


def extract_code_lines(document: Document, *, doc_kind: str, default_unit: str) -> list[Fact]:
    """Code lists printed as prose lines, ``2210201   住房公积金   79.53万元``: one line = one table row."""
    facts: list[Fact] = []
    heading = ""
    kind = "actual" if doc_kind == "final_account" else "budget"
    for line in document.text_lines():
        text = clean_cell(line.text)
        if _HEADING.match(text):
            heading = text
        match = _CODE_LINE.match(text)
        if not match:
            continue
        code = match.group("code")
        amount = parse_amount(match.group("amount"))
        if amount is None or code[0] not in "235":
            continue
        evidence = Evidence(
            reported_amount=match.group("amount") + (match.group("unit") or ""),
            value=amount.value,
            reported_unit=match.group("unit") or default_unit,
            locator=line.locator,
            source_text=text,
            method="table",
        )
        facts.append(
            LineItemFact(
                evidence=evidence,
                functional_subject_code=code if code[0] == "2" else None,
                economic_subject_code=code if code[0] in "35" else None,
                subject_name=match.group("name").strip(),
                fund_source=title_scope(heading).fund_source or "all",
                amount_kind=kind,
                table_title=heading or None,
            )
        )
    return facts


_TITLE_LIKE = re.compile(r"表|情况|三公|预算|决算")
# Table numbers printed above or beside titles: 公开表四, 公开01表, 附件1, 附表2.
_TABLE_NUMBER = re.compile(r"^(?:公开|附)?(?:表|件)?[0-9一二三四五六七八九十]+表?$|^公开[0-9]+表$")


def _is_title(text: str) -> bool:
    return (
        bool(_TITLE_LIKE.search(text))
        and len(text) <= 60
        and not text.endswith(("。", "；", "，"))
        and not _TABLE_NUMBER.match(text.replace(" ", ""))
    )


def _as_title_text(block: TextLine | Table) -> str | None:
    """Text lines, and one-cell tables (exports often box a table's title in its own cell)."""
    if isinstance(block, TextLine):
        return clean_cell(block.text)
    cells = [cell for row in block.rows for cell in row if cell.strip()]
    return clean_cell(cells[0]) if len(cells) == 1 else None


def _unit_inside(table: Table) -> str | None:
    """A ``单位：万元`` printed in the table's own top rows (a common export artefact)."""
    for row in table.rows[:3]:
        for cell in row:
            unit = find_unit_declaration(clean_cell(cell))
            if unit:
                return unit
    return None


def document_unit(document: Document) -> str:
    """The unit most declarations in the document use (万元 when none is printed, flagged by callers)."""
    units: Counter[str] = Counter()
    for block in document.blocks:
        texts = [block.text] if isinstance(block, TextLine) else [cell for row in block.rows[:3] for cell in row]
        for text in texts:
            unit = find_unit_declaration(clean_cell(text))
            if unit:
                units[unit] += 1
    return units.most_common(1)[0][0] if units else "万元"
