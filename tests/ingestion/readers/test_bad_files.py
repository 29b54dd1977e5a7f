"""Malformed non-PDF files: each becomes a rejected row with a reason, the batch goes on, memory stays flat."""

import resource

import pytest

from ingestion.pipeline import discover_documents, ingest, ingest_document
from tests.fixtures import bad_files


def _rejection(path) -> tuple[str, str]:
    row = ingest_document(path).document_row
    assert row["status"] == "rejected"
    return row["rejection_reason"], row["rejection_detail"]


def test_a_corrupt_deflate_stream_in_a_docx_is_a_rejected_row(tmp_path):
    reason, detail = _rejection(bad_files.corrupt_deflate_docx(tmp_path / "corrupt.docx"))
    assert reason in {"reader_error", "corrupt"} and "zlib" in detail


def test_html_nested_100000_deep_is_a_rejected_row(tmp_path):
    reason, detail = _rejection(bad_files.deeply_nested_html(tmp_path / "deep.html"))
    assert reason in {"reader_error", "resource_limit"}
    assert "Recursion" in detail or "signal" in detail


def test_an_exception_in_an_extractor_is_a_rejected_row_not_a_crash(tmp_path, sample_path, monkeypatch):
    import ingestion.pipeline

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("extractor bug")

    monkeypatch.setattr(ingestion.pipeline, "extract_code_lines", broken)
    (tmp_path / "a.txt").write_bytes(sample_path("zhuzhou").read_bytes())
    reason, detail = _rejection(tmp_path / "a.txt")
    assert reason == "reader_error" and "ZeroDivisionError: extractor bug" in detail


def test_an_unreadable_file_is_a_rejected_row(tmp_path, monkeypatch):
    import ingestion.pipeline

    path = tmp_path / "locked.txt"
    path.write_bytes(b"x")

    def refuse(_path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingestion.pipeline, "file_sha256", refuse)
    reason, detail = _rejection(path)
    assert reason == "unreadable" and "Permission denied" in detail


@pytest.mark.slow
def test_the_bad_file_batch_is_rejected_row_by_row_with_the_main_process_bounded(tmp_path, sample_path):
    """zip bomb (2.5 GB inflated), 200 MB of text, corrupt deflate, 100,000-deep HTML, and one good file."""
    bad_files.zip_bomb_docx(tmp_path / "a_bomb.docx")
    bad_files.huge_text(tmp_path / "b_huge.txt", megabytes=200)
    bad_files.corrupt_deflate_docx(tmp_path / "c_corrupt.docx")
    bad_files.deeply_nested_html(tmp_path / "d_deep.html")
    (tmp_path / "e_good.txt").write_bytes(sample_path("zhuzhou").read_bytes())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = ingest(discover_documents([tmp_path]))
    growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    rows = bad_files.document_statuses(result.frames["documents"])
    assert rows["a_bomb.docx"] == ("rejected", "resource_limit")
    assert rows["b_huge.txt"] == ("rejected", "resource_limit")
    assert rows["c_corrupt.docx"][0] == rows["d_deep.html"][0] == "rejected"
    assert rows["e_good.txt"] == ("parsed", None)
    assert growth_mb < 200, f"the main process grew by {growth_mb:.0f} MB"
