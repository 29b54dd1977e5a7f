"""Golden facts of the eight real PDFs: what ``ingest_document`` hands to the warehouse, checked by hand.

Every expected value (``real_pdf_facts.yaml`` beside this file) was read off the PDF page named in its
comment there (pdfplumber's ``page.extract_text()``, NFKC-normalised; column positions checked with
``extract_words`` where the text order is ambiguous). Per file: identity (agency, year, kind), the
收支总表 totals the tables produce, at least four functional items of the main expenditure table (a
7-digit 项 with its 款 and 类), and the 三公 table. Each file is ingested once per module.

Where the pipeline is wrong against the PDF, the correct value is asserted under a strict xfail whose
reason says what is printed, where, and what was extracted; when the defect is fixed the xfail turns
into a failure (XPASS) so the mark gets removed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml

from ingestion.pipeline import DocumentResult, ingest_document
from tests.corpus import corpus_file

# The expected values, read off the PDFs by hand (each with the page and printed text it came from).
GOLDEN = yaml.safe_load((Path(__file__).parent / "real_pdf_facts.yaml").read_text(encoding="utf-8"))

UNIT_FACTOR = {"元": Decimal(1), "万元": Decimal(10000)}


def defect(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# --------------------------------------------------------------------------------------------------
# Identity (agency, fiscal year, kind) as printed on each file's first pages.
# --------------------------------------------------------------------------------------------------
IDENTITY = {number: tuple(row) for number, row in GOLDEN["identity"].items()}
AMOUNT_KIND = {number: "actual" if kind == "final_account" else "budget" for number, (_, _, kind) in IDENTITY.items()}


@pytest.fixture(scope="module")
def ingested():
    """``ingested("001")`` -> DocumentResult; each file is ingested at most once per module."""
    cache: dict[str, DocumentResult] = {}

    def get(number: str) -> DocumentResult:
        if number not in cache:
            cache[number] = ingest_document(corpus_file(number))
        return cache[number]

    return get


def frame(ingested, number: str, name: str) -> pd.DataFrame:
    result = ingested(number)
    assert result.document_row["status"] == "parsed", result.document_row
    return result.frames[name]


def locators(row: pd.Series) -> list[str]:
    """Where a fact was printed: its source_locator, then those of merged restatements."""
    others = row["other_source_locators"]
    extra = [] if others is None or pd.isna(others) else [part.strip() for part in str(others).split(";")]
    return [row["source_locator"], *extra]


def at(df: pd.DataFrame, locator: str) -> pd.Series:
    """The one fact printed at ``locator`` (a fact stated twice is merged; either place may lead)."""
    rows = df[df.apply(lambda row: locator in locators(row), axis=1)] if len(df) else df
    assert len(rows) == 1, f"expected one fact at {locator}, found {len(rows)}"
    return rows.iloc[0]


@pytest.mark.parametrize("number", sorted(IDENTITY))
def test_document_identity(ingested, number):
    row = ingested(number).document_row
    agency, year, kind = IDENTITY[number]
    assert row["status"] == "parsed", row.get("rejection_detail")
    assert (row["agency_name"], row["fiscal_year"], row["doc_kind"]) == (agency, year, kind)


# --------------------------------------------------------------------------------------------------
# 收支总表 totals produced from the table (fund_source 'all', extraction_method 'table').
# (number, measure, amount_yuan, reported_amount, unit, locator or None = any, other-side locator or None)
# --------------------------------------------------------------------------------------------------
TOTALS = [tuple(row) for row in GOLDEN["totals"]]


@pytest.mark.parametrize("number, measure, yuan, reported, unit, locator, other_side", TOTALS)
def test_statement_total_from_table(ingested, number, measure, yuan, reported, unit, locator, other_side):
    totals = frame(ingested, number, "reported_totals")
    rows = totals[
        (totals["measure"] == measure)
        & (totals["fund_source"] == "all")
        & (totals["extraction_method"] == "table")
        & (totals["amount_kind"] == AMOUNT_KIND[number])
    ]
    assert len(rows) == 1, rows[["source_locator", "amount_yuan"]].to_dict("records")
    row = rows.iloc[0]
    assert (row["amount_yuan"], row["reported_amount"], row["reported_unit"]) == (yuan, reported, unit)
    if locator is not None:
        assert locator in locators(row)
    if other_side is not None:
        assert other_side in locators(row)


# --------------------------------------------------------------------------------------------------
# No other fact (table or prose) of the same measure, fund 'all' and kind contradicts the statement:
# every one lies within half a unit of its last printed digit of the hand-checked value.
# --------------------------------------------------------------------------------------------------
STATEMENT: dict[str, dict[str, str]] = GOLDEN["statement"]
# Prose facts contradicting the statement, as (number, measure): reason. Fixed, now plain assertions:
# 001 p21 '财政拨款收入支出总计0.3万元' (grand_total/fiscal_appropriation), 012 p23 '增加基本支出 844.15
# 万元' and 015 p24 '较上年减少部门支出 1,653 万元' (changes), 015 p26-27 款 subtotals 16,444.36 /
# 1,836.22 / 3,660.38 (line items or an issue row), 015 p27 '财政拨款基本支出预算 13,979.92 万元'
# (basic_expenditure/fiscal_appropriation).
CONFLICTS: dict[tuple[str, str], str] = {}


def _tolerance(reported: str, unit: str) -> Decimal:
    digits = re.search(r"[\d,]+(?:\.(\d+))?", reported)
    decimals = len(digits.group(1) or "") if digits else 0
    return Decimal(5) * Decimal(10) ** -(decimals + 1) * UNIT_FACTOR[unit]


CONFLICT_PARAMS = [
    pytest.param(number, measure, marks=defect(CONFLICTS[(number, measure)]), id=f"{number}-{measure}")
    if (number, measure) in CONFLICTS
    else pytest.param(number, measure, id=f"{number}-{measure}")
    for number, measures in STATEMENT.items()
    for measure in measures
]


@pytest.mark.parametrize("number, measure", CONFLICT_PARAMS)
def test_no_fact_contradicts_the_statement_total(ingested, number, measure):
    totals = frame(ingested, number, "reported_totals")
    rows = totals[
        (totals["measure"] == measure)
        & (totals["fund_source"] == "all")
        & (totals["amount_kind"] == AMOUNT_KIND[number])
    ]
    expected = Decimal(STATEMENT[number][measure])
    wrong = [
        (row["source_locator"], row["reported_amount"])
        for _, row in rows.iterrows()
        if abs(Decimal(row["amount_yuan"]) - expected) > _tolerance(row["reported_amount"], row["reported_unit"])
    ]
    assert not wrong, f"{measure} facts contradicting {expected} yuan: {wrong}"


# --------------------------------------------------------------------------------------------------
# Main expenditure table: (title words, fund_source, unit) per file and hand-checked items
# (number, locator, code, subject name, expense_type, amount_yuan, reported_amount).
# --------------------------------------------------------------------------------------------------
MAIN_TABLE = {number: tuple(row) for number, row in GOLDEN["main_table"].items()}
ITEMS = [tuple(row) for row in GOLDEN["items"]]


def test_item_expectations_cover_a_xiang_with_its_kuan_and_lei():
    for number in MAIN_TABLE:
        codes = {item[2] for item in ITEMS if item[0] == number}
        assert len(codes) >= 4, number
        assert any(len(c) == 7 and c[:5] in codes and c[:3] in codes for c in codes), number


@pytest.mark.parametrize(
    "number, locator, code, name, expense_type, yuan, reported",
    ITEMS,
    ids=[f"{i[0]}-{i[2]}-{i[4]}" for i in ITEMS],
)
def test_main_table_item(ingested, number, locator, code, name, expense_type, yuan, reported):
    row = at(frame(ingested, number, "line_items"), locator)
    _, _, unit = MAIN_TABLE[number]
    assert row["functional_subject_code"] == code
    assert row["subject_name"] == name
    assert row["expense_type"] == expense_type
    assert row["amount_kind"] == AMOUNT_KIND[number]
    assert row["extraction_method"] == "table"
    assert (row["amount_yuan"], row["reported_unit"]) == (yuan, unit)
    if row["source_locator"] == locator:  # reported_amount is as printed at the leading locator
        assert row["reported_amount"] == reported


MAIN_TABLE_SCOPE = [pytest.param(number, id=number) for number in MAIN_TABLE]


@pytest.mark.parametrize("number", MAIN_TABLE_SCOPE)
def test_main_table_title_and_fund_source(ingested, number):
    items = frame(ingested, number, "line_items")
    title_words, fund_source, _ = MAIN_TABLE[number]
    for item in ITEMS:
        if item[0] == number:
            row = at(items, item[1])
            if row["source_locator"] == item[1]:  # a merged 类 row may be titled after the 收支总表
                assert title_words in row["table_title"], (item[1], row["table_title"])
            assert row["fund_source"] == fund_source, (item[1], row["fund_source"])


@pytest.mark.parametrize("number", sorted(MAIN_TABLE))
def test_main_table_unit(ingested, number):
    """Every item of the main table carries its unit: 元 for 005/007/010 (beside 万元 prose), else 万元."""
    items = frame(ingested, number, "line_items")
    table_ids = {item[1].split()[2] for item in ITEMS if item[0] == number}
    main = items[
        (items["extraction_method"] == "table")
        & items["source_locator"].map(lambda locator: set(locator.split()) & table_ids != set())
    ]
    assert len(main) >= 4
    assert set(main["reported_unit"]) == {MAIN_TABLE[number][2]}


@pytest.mark.parametrize("number", sorted(IDENTITY))
def test_every_table_amount_converts_exactly_to_yuan(ingested, number):
    for name in ("reported_totals", "line_items", "three_public_expenses"):
        df = frame(ingested, number, name)
        for _, row in df[df["extraction_method"] == "table"].iterrows():
            printed = Decimal(row["reported_amount"].replace(",", ""))
            assert re.fullmatch(r"-?\d+\.\d\d", row["amount_yuan"]), (
                name,
                row["source_locator"],
                row["amount_yuan"],
            )
            assert Decimal(row["amount_yuan"]) == printed * UNIT_FACTOR[row["reported_unit"]], (
                name,
                row["source_locator"],
                row["reported_amount"],
                row["reported_unit"],
                row["amount_yuan"],
            )


# --------------------------------------------------------------------------------------------------
# 三公 table: (number, category, amount_kind, amount_yuan, reported_amount or None,
# extraction_method or None, locator or None). Amounts are in 万元, also where other tables are in 元.
# --------------------------------------------------------------------------------------------------
THREE_PUBLIC = [tuple(row) for row in GOLDEN["three_public"]]


@pytest.mark.parametrize(
    "number, category, kind, yuan, reported, method, locator",
    THREE_PUBLIC,
    ids=[f"{e[0]}-{e[1]}-{e[2]}" for e in THREE_PUBLIC],
)
def test_three_public_category(ingested, number, category, kind, yuan, reported, method, locator):
    three = frame(ingested, number, "three_public_expenses")
    rows = three[(three["category"] == category) & (three["amount_kind"] == kind)]
    assert len(rows) == 1, rows[["source_locator", "amount_yuan"]].to_dict("records")
    row = rows.iloc[0]
    assert row["amount_yuan"] == yuan
    assert row["reported_unit"] == "万元"
    if reported is not None:
        assert row["reported_amount"] == reported
    if method is not None:
        assert row["extraction_method"] == method
    if locator is not None:
        # a table cell by its full locator; a prose fact by its page
        if method == "table":
            assert locator in locators(row)
        else:
            assert row["source_locator"].split()[0] == locator


@pytest.mark.parametrize("number", sorted(IDENTITY))
def test_three_public_parts_add_up(ingested, number):
    """total = 因公出国 + 公务用车 + 公务接待, and 公务用车 = 购置 + 运行 (an unprinted part counts as 0)."""
    three = frame(ingested, number, "three_public_expenses")
    assert not three.duplicated(["category", "amount_kind"]).any()
    for kind, group in three.groupby("amount_kind"):
        amount = {row["category"]: Decimal(row["amount_yuan"]) for _, row in group.iterrows()}
        overseas, vehicle, reception, purchase, operation = (
            amount.get(name, Decimal(0))
            for name in (
                "overseas_travel",
                "vehicle",
                "official_reception",
                "vehicle_purchase",
                "vehicle_operation",
            )
        )
        assert "total" in amount, (number, kind)
        assert amount["total"] == overseas + vehicle + reception, (kind, amount)
        if "vehicle_purchase" in amount or "vehicle_operation" in amount:
            assert vehicle == purchase + operation, (kind, amount)


# --------------------------------------------------------------------------------------------------
# Further defects found while checking the values above (correct value asserted, strict xfail).
# --------------------------------------------------------------------------------------------------
def test_001_three_public_total_budget_is_read_from_the_table(ingested):
    three = frame(ingested, "001", "three_public_expenses")
    rows = three[(three["category"] == "total") & (three["amount_kind"] == "budget")]
    assert any("p18 l4 t8 r4 c1" in locators(row) for _, row in rows.iterrows())


def test_001_carry_over_sub_row_is_not_income(ingested):
    totals = frame(ingested, "001", "reported_totals")
    rows = totals[totals.apply(lambda row: "p13 l3 t5 r31 c2" in locators(row), axis=1)]
    assert "general_public_budget_income" not in set(rows["measure"])


def test_014_fiscal_appropriation_summary_is_scoped_to_fiscal_appropriation(ingested):
    totals = frame(ingested, "014", "reported_totals")
    for locator in ("p4 l4 t4 r4 c2", "p4 l4 t4 r7 c4"):
        assert at(totals, locator)["fund_source"] == "fiscal_appropriation", locator


@pytest.mark.parametrize(
    "number, locator, expected",
    [
        pytest.param(
            "001",
            "p16 l3 t7 r5 c8",
            {"economic_subject_code": "30201", "subject_name": "办公费", "amount_yuan": "212100.00"},
            id="001_basic_table_right_half_keeps_its_own_codes",
        ),
        pytest.param(
            "014",
            "p7 l4 t7 r5 c3",
            {
                "functional_subject_code": "2010101",
                "fund_source": "general_public_budget",
                "amount_yuan": "74482000.00",
            },
            id="014_general_public_budget_function_table_is_kept",
        ),
        pytest.param(
            "014",
            "p6 l4 t6 r4 c3",
            {
                "economic_subject_code": "30101",
                "amount_yuan": "12582300.00",
                "expense_type": "basic",
                "fund_source": "fiscal_appropriation",
            },  # fmt: skip
            id="014_basic_economic_table_is_basic_fiscal_appropriation",
        ),
    ],
)
def test_line_item_at(ingested, number, locator, expected):
    row = at(frame(ingested, number, "line_items"), locator)
    assert {field: row[field] for field in expected} == expected


BASIC_BY_ECONOMIC_CLASS = {number: tuple(row) for number, row in GOLDEN["basic_by_economic_class"].items()}


@pytest.mark.parametrize(
    "number",
    [
        pytest.param(
            number,
            id=number,
        )
        for number, (row, _, personnel, public) in BASIC_BY_ECONOMIC_CLASS.items()
    ],
)
def test_basic_table_total_row_splits_into_personnel_and_public(ingested, number):
    row, basic, personnel, public = BASIC_BY_ECONOMIC_CLASS[number]
    totals = frame(ingested, number, "reported_totals")
    expected = {"c4": ("basic_expenditure", basic), "c5": ("personnel_expenditure", personnel)}
    expected["c6"] = ("public_expenditure", public)
    for column, (measure, yuan) in expected.items():
        fact = at(totals, f"{row} {column}")
        assert (fact["measure"], fact["amount_yuan"]) == (measure, yuan), column
