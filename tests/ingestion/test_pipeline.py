"""The ingestion pipeline on the samples and on malformed inputs: facts, provenance, rejections."""

from decimal import Decimal

import pandas as pd
import pytest

from ingestion.errors import StagingValidationFailed
from ingestion.extract.statements import merge_statements
from ingestion.frames import validate_frames
from ingestion.pipeline import discover_documents, ingest, ingest_document, ingest_documents
from ingestion.staging_store import read_frame, write_frames
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def sample_batch():
    return ingest(discover_documents([SAMPLES]))


def test_all_samples_parse(sample_batch):
    documents = sample_batch.frames["documents"]
    assert len(documents) == 5
    assert set(documents["status"]) == {"parsed"}
    assert set(documents["doc_kind"]) == {"budget", "final_account"}


def test_every_amount_is_printed_in_its_snippet(sample_batch):
    for name in ("line_items", "reported_totals", "three_public_expenses"):
        frame = sample_batch.frames[name]
        assert len(frame) > 0
        for amount, snippet in zip(frame["reported_amount"], frame["source_text"], strict=True):
            assert amount in snippet


def test_duplicate_statements_are_merged_with_both_sources(sample_batch):
    items = sample_batch.frames["line_items"]
    zhuzhou = items[(items.functional_subject_code == "2013701") & (items.expense_type == "total")
                    & (items.fund_source == "general_public_budget") & (items.reported_amount == "292.74")]  # fmt: skip
    assert len(zhuzhou) == 1  # printed in 部门支出总表 and 一般公共预算拨款支出预算分类汇总表
    assert zhuzhou.iloc[0]["other_source_locators"]
    key = ["document_id", "functional_subject_code", "economic_subject_code", "expense_type", "fund_source",
           "amount_kind", "amount_yuan"]  # fmt: skip
    assert not items.duplicated(subset=key).any()


def _document_id(batch, agency_name: str) -> str:
    documents = batch.frames["documents"]
    return documents.loc[documents.agency_name == agency_name, "document_id"].iloc[0]


def test_nagqu_housing_fund_amount(sample_batch):
    items = sample_batch.frames["line_items"]
    nagqu = items[items.document_id == _document_id(sample_batch, "那曲市委网信办")]
    row = nagqu[nagqu.functional_subject_code == "2210201"].iloc[0]
    assert Decimal(row["amount_yuan"]) == Decimal("795300.00")
    assert row["reported_unit"] == "万元" and row["amount_kind"] == "actual"


def test_only_economic_amounts_of_the_prose_carry_a_prose_scope(sample_batch):
    """满城 l49 lists the parts of its 机关运行经费; table lines and functional prose lines carry no prose scope."""
    items = sample_batch.frames["line_items"]
    scoped = items.prose_expense_scope.notna()
    assert (scoped == items.prose_fund_source.notna()).all()
    assert (scoped == ((items.extraction_method == "narrative") & items.economic_subject_code.notna())).all()
    documents = sample_batch.frames["documents"]
    mancheng = documents.loc[documents.source_file == "001_95ce8eaf8f51288c.txt", "document_id"].iloc[0]
    listed = items[scoped & (items.document_id == mancheng)]
    assert set(listed.economic_subject_code) == {"30201", "30207", "30217", "30231", "30239"}
    assert set(listed.prose_expense_scope) == {"office_operation"} and set(listed.prose_fund_source) == {"all"}


def test_parquet_round_trip_keeps_exact_amounts(sample_batch, tmp_path):
    write_frames(sample_batch.frames, tmp_path)
    items = read_frame(tmp_path, "line_items")
    assert len(items) == len(sample_batch.frames["line_items"])
    nagqu = items[items.document_id == _document_id(sample_batch, "那曲市委网信办")]
    assert str(nagqu.loc[nagqu.functional_subject_code == "2210201", "amount_yuan"].iloc[0]) == "795300.00"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty_file"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "unsupported_format"),
        ("这是一份会议通知，没有任何预算内容。".encode(), "not_a_disclosure"),
    ],
)
def test_bad_inputs_are_rejected_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = ingest_document(path)
    assert result.is_rejected
    assert result.document_row["rejection_reason"] == reason
    assert result.document_row["rejection_detail"]


def test_a_bad_file_does_not_stop_the_batch(tmp_path, sample_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(sample_path("zhuzhou").read_bytes())
    result = ingest(discover_documents([tmp_path]))
    assert list(result.frames["documents"]["status"]) == ["rejected", "parsed"]
    assert len(result.frames["line_items"]) > 10


def test_validation_failure_names_frame_column_and_values():
    frame = pd.DataFrame([{
        "document_id": "x", "amount_yuan": "12.3", "reported_amount": "1.23", "reported_unit": "万元",
        "source_locator": "l1", "source_text": "1.23", "extraction_method": "table", "measure": "grand_total",
        "amount_kind": "budget", "fund_source": "all",
    }])  # fmt: skip
    with pytest.raises(StagingValidationFailed) as raised:
        validate_frames({"reported_totals": frame}, "doc.pdf")
    message = str(raised.value)
    assert "doc.pdf" in message and "reported_totals.amount_yuan" in message and "12.3" in message


def test_conflicting_statements_are_both_kept_and_flagged():
    from ingestion.document import Locator
    from ingestion.extract.facts import Evidence, IssueFact, TotalFact

    def total(amount: str, line: int) -> TotalFact:
        evidence = Evidence(amount, Decimal(amount), "万元", Locator(line=line), f"收入合计 {amount}", "table")
        return TotalFact(evidence, "income_total")

    merged = merge_statements([total("10.00", 1), total("10.00", 2), total("11.00", 3)])
    assert len([f for f in merged if isinstance(f, IssueFact)]) == 1
    assert len([f for f in merged if not isinstance(f, IssueFact)]) == 2


def test_a_page_with_figures_but_no_agency_is_kept_with_an_issue_row(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("一、收支预算总体情况\n本年度预算总收入为376.59万元,其中:财政拨款收入376.59万元。\n", "utf-8")
    result = ingest_document(path)
    row = result.document_row
    assert (row["status"], row["agency_name"], row["fiscal_year"], row["doc_kind"]) == ("parsed", None, None, "budget")
    issues = result.frames["extraction_issues"]
    [detail] = issues.loc[issues.issue_kind == "document_identity_incomplete", "detail"]
    assert "agency and fiscal year" in detail
    assert "376.59万元" in set(result.frames["reported_totals"]["reported_amount"])


def test_a_page_in_traditional_script_is_read_after_conversion(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("杜集區政府辦2021年度部門決算\n杜集區政府辦2021年度本年支出合計為7.69萬元。\n", "utf-8")
    result = ingest_document(path)
    assert result.document_row["doc_kind"] == "final_account"
    totals = result.frames["reported_totals"]
    assert list(totals["reported_amount"]) == ["7.69万元"] and list(totals["amount_kind"]) == ["actual"]
    assert "text_converted_to_simplified" in set(result.frames["extraction_issues"]["issue_kind"])


def test_documents_ingested_together_equal_each_ingested_alone(tmp_path, sample_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    for name in ("zhuzhou", "bazhong"):
        (tmp_path / f"b_{name}.txt").write_bytes(sample_path(name).read_bytes())
    paths = sorted(tmp_path.iterdir())
    together = ingest_documents(paths)
    assert [result.document_row["status"] for result in together] == ["rejected", "parsed", "parsed"]
    for path, result in zip(paths, together, strict=True):
        alone = ingest_document(path)
        volatile = {"ingested_at"}
        assert {k: v for k, v in result.document_row.items() if k not in volatile} == {
            k: v for k, v in alone.document_row.items() if k not in volatile
        }
        assert sorted(result.frames) == sorted(alone.frames)
        for name, frame in alone.frames.items():
            pd.testing.assert_frame_equal(result.frames[name], frame, check_exact=True)
    assert len(together[1].frames["line_items"]) > 10
