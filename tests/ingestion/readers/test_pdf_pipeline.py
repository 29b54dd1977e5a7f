"""Generated PDF → ingestion pipeline → staging frames: the facts equal the generator's ground truth."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from tools.fixtures.disclosure_pdf import AGENCY, YEAR

pipeline = pytest.importorskip("ingestion.pipeline", reason="the ingestion pipeline is not in this checkout")

EXPENDITURE_LAYOUTS = ["ruled", "unruled", "page_break_repeated_header", "page_break_no_header", "landscape"]


def _ingest(truth):
    result = pipeline.ingest_document(truth.path)
    row = result.document_row
    assert row["status"] == "parsed", row["rejection_detail"]
    assert (row["agency_name"], row["fiscal_year"], row["doc_kind"]) == (AGENCY, YEAR, "budget")
    return result.frames


@pytest.mark.parametrize("layout", EXPENDITURE_LAYOUTS)
def test_every_functional_item_reaches_the_frames_in_yuan(generated, layout):
    truth, _ = generated[layout]
    items = _ingest(truth)["line_items"]
    items = items[items["table_title"].str.contains("支出")]
    got = {(r.functional_subject_code, r.expense_type): Decimal(r.amount_yuan) for r in items.itertuples()}
    expected = {
        (item.code, kind): Decimal(amount)
        for item in truth.items
        for kind, amount in (("total", item.total), ("basic", item.basic), ("project", item.project))
    }
    assert got == expected


def test_a_yuan_table_beside_wanyuan_prose_keeps_its_own_unit(generated):
    truth, _ = generated["yuan_tables_wanyuan_prose"]
    totals = _ingest(truth)["reported_totals"]
    grand = totals[totals["measure"] == "grand_total"]
    assert [Decimal(v) for v in grand["amount_yuan"]] == [Decimal(truth.grand_total)]
    assert set(grand["reported_unit"]) == {"元"}


@pytest.mark.parametrize("layout", ["merged_spaced_header", "yuan_tables_wanyuan_prose"])
def test_three_public_categories_reach_the_frames(generated, layout):
    truth, _ = generated[layout]
    frame = _ingest(truth)["three_public_expenses"]
    got = {row.category: Decimal(row.amount_yuan) for row in frame.itertuples()}
    assert got == {category: Decimal(yuan) for category, yuan in truth.three_public.items()}


def test_income_tables_by_subject_and_by_label_reach_the_income_frame(generated):
    """An unruled 收入预算总表 in 元 with split codes and a ruled one by source label in 万元."""
    truth, _ = generated["income_tables"]
    frame = _ingest(truth)["income_line_items"]
    got = {
        (None if pd.isna(row.functional_subject_code) else row.functional_subject_code, row.income_source,
         None if pd.isna(row.parent_income_source) else row.parent_income_source): Decimal(row.amount_yuan)
        for row in frame.itertuples()
    }  # fmt: skip
    assert got == {key: Decimal(yuan) for key, yuan in truth.income.items()}
    assert set(frame[frame["functional_subject_code"].notna()]["reported_unit"]) == {"元"}
    assert set(frame[frame["functional_subject_code"].isna()]["reported_unit"]) == {"万元"}


def test_procurement_lines_and_totals_reach_their_frames(generated):
    """江苏's 政府采购预算表: every 专项 × 经济科目 line and item under its kind, the kinds and 合计 as totals."""
    truth, _ = generated["procurement_table"]
    frames = _ingest(truth)
    lines = frames["procurement_line_items"]
    got = [
        (row.procurement_kind, row.line_level, row.project_name, row.economic_subject_name,
         None if pd.isna(row.item_name) else row.item_name,
         None if pd.isna(row.organisation_form) else row.organisation_form, Decimal(row.amount_yuan))
        for row in lines.itertuples()
    ]  # fmt: skip
    assert got == [(*line[:-1], Decimal(line[-1])) for line in truth.procurement_lines]
    totals = frames["reported_totals"]
    stated = {row.measure: Decimal(row.amount_yuan) for row in totals.itertuples() if row.measure.startswith("proc")}
    assert stated == {measure: Decimal(yuan) for measure, yuan in truth.procurement_totals.items()}
    issues = frames["extraction_issues"]
    assert not len(issues[issues["issue_kind"].isin(["table_not_modelled", "amount_not_read"])])


def test_the_units_of_an_income_table_by_unit_keep_their_own_rows(generated):
    """A 部门收入总表 by 单位 with three units: each unit's income under its code and name, the 合计 row the
    department's (unit null)."""
    truth, _ = generated["income_by_unit"]
    frame = _ingest(truth)["income_line_items"]

    def value(cell):
        return None if pd.isna(cell) else cell

    got = {
        (value(row.unit_code), value(row.unit_name), row.income_source, value(row.parent_income_source)):
            Decimal(row.amount_yuan)
        for row in frame.itertuples()
        if "收入总表" in row.table_title
    }  # fmt: skip
    assert got == {key: Decimal(yuan) for key, yuan in truth.income_units.items()}
