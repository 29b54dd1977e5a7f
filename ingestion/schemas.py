"""pandera models for every staging frame ingestion hands to dbt.

The frames are the contract between Python and dbt: one model per frame, column names equal to the
Parquet columns dbt's sources declare. Amounts travel as exact decimal strings (``amount_yuan``,
two decimals) and are cast to ``DECIMAL(20,2)`` when written, so no float ever touches money.
Validation always runs with ``lazy=True`` so one failure report lists every bad value at once. The
allowed values of the coded columns are the keys of ``ingestion.vocabulary``.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ingestion.vocabulary import (
    amount_kinds,
    fund_sources,
    income_sources,
    measures,
    numerals,
    percentages,
    procurement,
    standard_tables,
    wording,
)

AMOUNT_PATTERN = r"^-?\d+\.\d{2}$"
AMOUNT_KINDS = amount_kinds.AMOUNT_KINDS
EXPENSE_TYPES = measures.EXPENSE_TYPES
PROSE_SCOPES = measures.PROSE_SCOPES
FUND_SOURCES = fund_sources.KEYS
INCOME_SOURCES = income_sources.KEYS
PROCUREMENT_KINDS = procurement.KINDS
PROCUREMENT_LINE_LEVELS = procurement.LINE_LEVELS
DOC_KINDS = ["budget", "final_account"]
ADMIN_LEVELS = ["province", "city", "county", "central"]
AGENCY_NAME_ROLES = ["title", "label", "table", "prose"]
EXTRACTION_METHODS = ["table", "narrative"]
REPORTED_UNITS = list(numerals.UNIT_FACTORS)
MEASURES = measures.MEASURES
THREE_PUBLIC_CATEGORIES = measures.THREE_PUBLIC_CATEGORIES
RATIO_KINDS = percentages.RATIO_KINDS
CHANGE_DIRECTIONS = percentages.CHANGE_DIRECTIONS
COMPARISONS = percentages.BUDGET_COMPARISONS
# parsed / rejected (unreadable, see rejection_reason) / duplicate (a later copy of content already read)
# / skipped (not a file: a symbolic link, a FIFO, a folder that cannot be listed).
DOCUMENT_STATUSES = ["parsed", "rejected", "duplicate", "skipped"]
BASE_STATUSES = ["printed", "zero", "missing"]
SECTION_KINDS = ["contents_entry", "table"]
STANDARD_TABLE_KEYS = standard_tables.KEYS
SENTENCE_FLAGS = wording.FLAGS
# "x0,top,x1,bottom" in PDF points, two decimals (see ingestion.document.format_box).
BOX_PATTERN = r"^-?\d+\.\d{2}(,-?\d+\.\d{2}){3}$"


class StagingModel(pa.DataFrameModel):
    """Base of every staging model: values are coerced to the declared dtypes (pandas 3 strings)."""

    class Config:
        coerce = True
        strict = True  # a column no model declares would never reach dbt: fail loudly instead


class DocumentFrame(StagingModel):
    """One row per file seen, parsed or rejected (nothing is silently dropped)."""

    document_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 16, "max_value": 16})
    source_file: Series[str]
    source_path: Series[str]
    source_format: Series[str] = pa.Field(isin=["pdf", "docx", "txt", "html", "unknown"])
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    page_count: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    parser_version: Series[str]
    ingested_at: Series[str]
    file_modified_at: Series[str] = pa.Field(nullable=True)  # orders versions of one disclosure
    status: Series[str] = pa.Field(isin=DOCUMENT_STATUSES)
    rejection_reason: Series[str] = pa.Field(nullable=True)
    rejection_detail: Series[str] = pa.Field(nullable=True)
    agency_name: Series[str] = pa.Field(nullable=True)  # as printed where the document names itself
    short_name: Series[str] = pa.Field(nullable=True)
    # The one agency the printed names resolve to (ingestion.extract.agency_identity) and its division.
    canonical_agency_name: Series[str] = pa.Field(nullable=True)
    agency_province: Series[str] = pa.Field(nullable=True)
    agency_city: Series[str] = pa.Field(nullable=True)
    agency_county: Series[str] = pa.Field(nullable=True)
    agency_admin_level: Series[str] = pa.Field(nullable=True, isin=ADMIN_LEVELS)
    fiscal_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1990, le=2100)
    doc_kind: Series[str] = pa.Field(nullable=True, isin=DOC_KINDS)
    metadata_source: Series[str] = pa.Field(nullable=True)
    # Identity and facts of a parsed document, hashed: equal for the same disclosure in two encodings/formats.
    content_fingerprint: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(error="a parsed document must have its doc_kind (agency and year may be unknown)")
    def parsed_documents_have_a_kind(cls, frame: pd.DataFrame) -> pd.Series:
        """Agency and year may stay empty (an issue row says so); without the kind no amount is read."""
        return (frame["status"] != "parsed") | frame["doc_kind"].notna()


class PlacedFrame(StagingModel):
    """Where on the page a row's source was printed: PDF only, null for flowing formats (DOCX, HTML, TXT)
    and for lines a PDF reader could not place (captions and notes drawn inside a table's border)."""

    source_page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    source_bbox: Series[str] = pa.Field(nullable=True, str_matches=BOX_PATTERN)

    @pa.dataframe_check(error="a box is on a page")
    def box_has_a_page(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["source_bbox"].isna() | frame["source_page"].notna()


class SourcedAmountFrame(PlacedFrame):
    """Columns every amount carries: the exact value, what was printed, and where."""

    document_id: Series[str]
    amount_yuan: Series[str] = pa.Field(str_matches=AMOUNT_PATTERN)
    reported_amount: Series[str] = pa.Field(str_length={"min_value": 1})
    reported_unit: Series[str] = pa.Field(isin=REPORTED_UNITS)
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    source_text: Series[str] = pa.Field(str_length={"min_value": 1})
    extraction_method: Series[str] = pa.Field(isin=EXTRACTION_METHODS)
    # Where else the same statement is printed (merged duplicates), "; "-separated locators.
    other_source_locators: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(error="the printed amount must appear in its source snippet")
    def printed_amount_is_in_snippet(cls, frame: pd.DataFrame) -> pd.Series:
        return pd.Series(
            [amount in text for amount, text in zip(frame["reported_amount"], frame["source_text"], strict=True)],
            index=frame.index,
            dtype=bool,
        )


class LineItemFrame(SourcedAmountFrame):
    """One reported amount by functional and/or economic subject."""

    line_item_id: Series[str] = pa.Field(unique=True)
    functional_subject_code: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{3}(\d{2}){0,2}$")
    economic_subject_code: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{3}(\d{2}){0,2}$")
    subject_name: Series[str] = pa.Field(nullable=True)
    expense_type: Series[str] = pa.Field(isin=EXPENSE_TYPES)
    fund_source: Series[str] = pa.Field(isin=FUND_SOURCES)
    amount_kind: Series[str] = pa.Field(isin=AMOUNT_KINDS)
    code_source: Series[str] = pa.Field(isin=["printed", "resolved"])
    table_title: Series[str] = pa.Field(nullable=True)
    # What an economic amount of the prose covers, as its words name it; null for every other line.
    prose_expense_scope: Series[str] = pa.Field(nullable=True, isin=PROSE_SCOPES)
    prose_fund_source: Series[str] = pa.Field(nullable=True, isin=FUND_SOURCES)

    @pa.dataframe_check(error="a line item needs a functional or an economic subject")
    def has_a_subject(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["functional_subject_code"].notna() | frame["economic_subject_code"].notna()


class IncomeLineItemFrame(SourcedAmountFrame):
    """One income amount by source, of one functional subject or (subject null) of the whole document or
    (unit_name set) of one of its 单位."""

    income_line_item_id: Series[str] = pa.Field(unique=True)
    functional_subject_code: Series[str] = pa.Field(nullable=True, str_matches=r"^2\d{2}(\d{2}){0,2}$")
    subject_name: Series[str] = pa.Field(nullable=True)
    income_source: Series[str] = pa.Field(isin=INCOME_SOURCES)
    parent_income_source: Series[str] = pa.Field(nullable=True, isin=INCOME_SOURCES)
    amount_kind: Series[str] = pa.Field(isin=AMOUNT_KINDS)
    table_title: Series[str] = pa.Field(nullable=True)
    # The 单位 of a row of a table by unit (null: the department's own amount); a unit's rows are never
    # the department's.
    unit_code: Series[str] = pa.Field(nullable=True)
    unit_name: Series[str] = pa.Field(nullable=True)


class ProcurementLineItemFrame(SourcedAmountFrame):
    """One line of a 政府采购 item table: a 专项 × 经济科目 row or one 采购物品 under it, names as printed."""

    procurement_kind: Series[str] = pa.Field(isin=PROCUREMENT_KINDS)
    line_level: Series[str] = pa.Field(isin=PROCUREMENT_LINE_LEVELS)
    project_name: Series[str] = pa.Field(nullable=True)
    economic_subject_name: Series[str] = pa.Field(nullable=True)
    item_name: Series[str] = pa.Field(nullable=True)
    organisation_form: Series[str] = pa.Field(nullable=True)
    amount_kind: Series[str] = pa.Field(isin=AMOUNT_KINDS)
    table_title: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(error="an item line names its item, a project line none")
    def item_lines_name_their_item(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["line_level"] == "item") == frame["item_name"].notna()


class ReportedTotalFrame(SourcedAmountFrame):
    measure: Series[str] = pa.Field(isin=MEASURES)
    amount_kind: Series[str] = pa.Field(isin=AMOUNT_KINDS)
    fund_source: Series[str] = pa.Field(isin=FUND_SOURCES)


class ThreePublicExpenseFrame(SourcedAmountFrame):
    category: Series[str] = pa.Field(isin=THREE_PUBLIC_CATEGORIES)
    amount_kind: Series[str] = pa.Field(isin=AMOUNT_KINDS)


class ProjectFrame(PlacedFrame):
    document_id: Series[str]
    project_code: Series[str] = pa.Field(nullable=True)
    project_name: Series[str] = pa.Field(str_length={"min_value": 1})
    budget_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    actual_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    # Where each amount was printed when not at source_locator: "budget: l206 t3 r4 c3; actual: …".
    amount_locators: Series[str] = pa.Field(nullable=True)
    other_source_locators: Series[str] = pa.Field(nullable=True)  # the same project printed elsewhere
    reported_unit: Series[str] = pa.Field(isin=REPORTED_UNITS)
    source_locator: Series[str]
    source_text: Series[str]
    extraction_method: Series[str] = pa.Field(isin=EXTRACTION_METHODS)


class ExtractionIssueFrame(PlacedFrame):
    """Why something printed was left out, flagged, or converted: the audit trail of extraction."""

    document_id: Series[str]
    issue_kind: Series[str]
    detail: Series[str]
    source_locator: Series[str] = pa.Field(nullable=True)
    source_text: Series[str] = pa.Field(nullable=True)


class AgencyNameFrame(PlacedFrame):
    """One place a document prints its agency's name (ingestion.extract.agency_names): the form printed,
    where, and the canonical agency it resolves to; a title or header naming another agency is flagged."""

    document_id: Series[str]
    printed_name: Series[str] = pa.Field(str_length={"min_value": 1})
    name_role: Series[str] = pa.Field(isin=AGENCY_NAME_ROLES)
    canonical_agency_name: Series[str] = pa.Field(str_length={"min_value": 1})
    is_contradiction: Series[bool]
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    source_text: Series[str] = pa.Field(str_length={"min_value": 1})


class StatedRatioFrame(PlacedFrame):
    """A printed percentage (share, change rate, completion rate) with the figures it refers to.

    Figures are exact yuan strings, null when the document does not print them where the percentage
    is (``note`` says why); ``ingestion.extract.narrative.ratios`` links them, dbt recomputes the percentage.
    """

    stated_ratio_id: Series[str] = pa.Field(unique=True)
    document_id: Series[str]
    ratio_kind: Series[str] = pa.Field(isin=RATIO_KINDS)
    printed_percent: Series[str] = pa.Field(str_length={"min_value": 1})
    percent: Series[str] = pa.Field(str_matches=r"^\d+(\.\d+)?$")
    subject_label: Series[str] = pa.Field(nullable=True)
    base_label: Series[str] = pa.Field(nullable=True)
    part_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    whole_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    current_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    prior_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    change_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    change_direction: Series[str] = pa.Field(nullable=True, isin=CHANGE_DIRECTIONS)
    rate_direction: Series[str] = pa.Field(nullable=True, isin=CHANGE_DIRECTIONS)
    actual_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    budget_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    base_status: Series[str] = pa.Field(isin=BASE_STATUSES)
    reported_unit: Series[str] = pa.Field(isin=REPORTED_UNITS)
    note: Series[str] = pa.Field(nullable=True)
    figures_locator: Series[str] = pa.Field(nullable=True)
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    source_text: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check(error="the printed percentage must appear in its source snippet")
    def printed_percent_is_in_snippet(cls, frame: pd.DataFrame) -> pd.Series:
        pairs = zip(frame["printed_percent"], frame["source_text"], strict=True)
        return pd.Series([percent in text for percent, text in pairs], index=frame.index, dtype=bool)

    @pa.dataframe_check(error="a ratio carries only the figures of its kind")
    def figures_fit_the_kind(cls, frame: pd.DataFrame) -> pd.Series:
        figures = {
            "share": {"part_yuan", "whole_yuan"},
            "change": {"current_yuan", "prior_yuan", "change_yuan"},
            "completion_rate": {"actual_yuan", "budget_yuan"},
        }
        every = set().union(*figures.values())
        return frame.apply(
            lambda row: all(pd.isna(row[column]) for column in every - figures.get(row["ratio_kind"], set())),
            axis=1,
        ).astype(bool)


class DocumentSectionFrame(PlacedFrame):
    """A table the contents page lists (``contents_entry``) or a table printed with its title (``table``),
    in document order; ``ingestion.extract.structure`` reads them, dbt compares the two."""

    document_id: Series[str]
    section_kind: Series[str] = pa.Field(isin=SECTION_KINDS)
    section_index: Series[int] = pa.Field(ge=1)
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    title_words: Series[str] = pa.Field(nullable=True)  # the title without ordinal, year, 部门, punctuation
    standard_table_key: Series[str] = pa.Field(nullable=True, isin=STANDARD_TABLE_KEYS)
    nonzero_figure_count: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)  # printed tables only
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    source_text: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check(error="a section is unique per document, kind and index")
    def one_row_per_position(cls, frame: pd.DataFrame) -> pd.Series:
        return ~frame.duplicated(["document_id", "section_kind", "section_index"], keep=False)


class SentenceFlagFrame(PlacedFrame):
    """A spot in a prose sentence a reviewer would look at (``ingestion.extract.wording``): template
    residue, a truncated explanation, a year, a figure without its unit or percent sign, an
    empty-table statement, a subject printed with its code. ``value`` is the year, the figure, the
    table named or the code; dbt decides."""

    document_id: Series[str]
    flag_index: Series[int] = pa.Field(ge=1)  # 1-based position among the document's flags: the key
    sentence_index: Series[int] = pa.Field(ge=1)
    flag: Series[str] = pa.Field(isin=SENTENCE_FLAGS)
    matched_text: Series[str] = pa.Field(str_length={"min_value": 1})
    value: Series[str] = pa.Field(nullable=True)
    is_heading: Series[bool]
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    source_text: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check(error="a flag is unique per document and index")
    def one_row_per_flag(cls, frame: pd.DataFrame) -> pd.Series:
        return ~frame.duplicated(["document_id", "flag_index"], keep=False)


class StatedComparisonFrame(PlacedFrame):
    """A printed comparison of the actual with the budget (``决算数小于预算数``) with the two figures it is
    about (``ingestion.extract.narrative.comparisons``); dbt checks the words against the figures."""

    stated_comparison_id: Series[str] = pa.Field(unique=True)
    document_id: Series[str]
    comparison: Series[str] = pa.Field(isin=COMPARISONS)
    wording: Series[str] = pa.Field(str_length={"min_value": 1})
    subject_label: Series[str] = pa.Field(nullable=True)
    actual_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    actual_reported_amount: Series[str] = pa.Field(nullable=True)
    budget_yuan: Series[str] = pa.Field(nullable=True, str_matches=AMOUNT_PATTERN)
    budget_reported_amount: Series[str] = pa.Field(nullable=True)
    reported_unit: Series[str] = pa.Field(isin=REPORTED_UNITS)
    note: Series[str] = pa.Field(nullable=True)
    figures_locator: Series[str] = pa.Field(nullable=True)
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    source_text: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check(error="the wording must appear in its source snippet")
    def wording_is_in_snippet(cls, frame: pd.DataFrame) -> pd.Series:
        pairs = zip(frame["wording"], frame["source_text"], strict=True)
        return pd.Series([wording in text for wording, text in pairs], index=frame.index, dtype=bool)


STAGING_FRAMES: dict[str, type[pa.DataFrameModel]] = {
    "documents": DocumentFrame,
    "line_items": LineItemFrame,
    "income_line_items": IncomeLineItemFrame,
    "reported_totals": ReportedTotalFrame,
    "procurement_line_items": ProcurementLineItemFrame,
    "three_public_expenses": ThreePublicExpenseFrame,
    "projects": ProjectFrame,
    "extraction_issues": ExtractionIssueFrame,
    "stated_ratios": StatedRatioFrame,
    "document_sections": DocumentSectionFrame,
    "sentence_flags": SentenceFlagFrame,
    "agency_names": AgencyNameFrame,
    "stated_comparisons": StatedComparisonFrame,
}
"""Frame name → schema. The name is also the Parquet file stem and the dbt source table name."""

DECIMAL_COLUMNS = {
    "amount_yuan",
    "budget_yuan",
    "actual_yuan",
    *("part_yuan", "whole_yuan", "current_yuan", "prior_yuan", "change_yuan"),  # stated_ratios
}


def empty_frame(name: str) -> pd.DataFrame:
    """An empty frame with the schema's columns, so dbt sources exist even with no rows."""
    columns = list(STAGING_FRAMES[name].to_schema().columns)
    return pd.DataFrame({column: pd.Series(dtype="object") for column in columns})
