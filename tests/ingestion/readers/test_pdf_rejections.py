"""Unreadable inputs: each is refused with its own error type and a message that says what to do."""

from __future__ import annotations

import resource
import shutil
import time

import pytest
from pdfminer.psparser import PSSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

import ingestion.readers.pdf as pdf_reader
from ingestion.errors import (
    CorruptDocument,
    EmptyFile,
    EncryptedDocument,
    NoTextLayer,
    ResourceLimitExceeded,
    UnsupportedFormat,
)
from ingestion.isolation import read_document_isolated
from ingestion.readers import read_document
from tests.fixtures import bad_pdfs
from tools.fixtures.disclosure_pdf import render_disclosure


@pytest.fixture
def good_pdf(tmp_path):
    return render_disclosure(tmp_path / "good.pdf", "ruled").path


def test_a_scan_without_text_layer_needs_ocr(tmp_path):
    path = bad_pdfs.image_only_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayer, match="OCR") as error:
        read_document(path)
    assert error.value.reason == "no_text_layer" and "2 pages" in error.value.message


def test_a_password_protected_pdf_is_encrypted(tmp_path):
    path = bad_pdfs.encrypted_pdf(tmp_path / "locked.pdf")
    with pytest.raises(EncryptedDocument, match="password"):
        read_document(path)


def test_a_truncated_download_is_corrupt(tmp_path, good_pdf):
    path = bad_pdfs.truncated_copy(good_pdf, tmp_path / "cut.pdf")
    with pytest.raises(CorruptDocument, match="truncated.*download it again"):
        read_document(path)


def test_bytes_that_are_no_pdf_structure_are_corrupt(tmp_path):
    with pytest.raises(CorruptDocument, match="re-save|print it to a new PDF"):
        read_document(bad_pdfs.garbage_pdf(tmp_path / "garbage.pdf"))


def test_a_pdf_without_pages_is_corrupt(tmp_path):
    with pytest.raises(CorruptDocument, match="(no pages|cannot open it).*download it again"):
        read_document(bad_pdfs.no_pages_pdf(tmp_path / "empty-tree.pdf"))


def test_a_wrong_startxref_is_repaired_not_rejected(tmp_path, good_pdf):
    data = good_pdf.read_bytes()
    broken = tmp_path / "bad-xref.pdf"
    broken.write_bytes(data[: data.rfind(b"startxref")] + b"startxref\n123\n%%EOF\n")
    assert read_document(broken).tables() == read_document(good_pdf).tables()


def test_a_pdfminer_failure_is_corrupt_with_its_cause(monkeypatch, good_pdf):
    def broken(layout, scan):
        raise PdfminerException(PSSyntaxError("bad content stream"))

    monkeypatch.setattr(pdf_reader, "layout_glyphs", broken)
    with pytest.raises(CorruptDocument, match="pdfminer cannot parse page 1") as error:
        read_document(good_pdf)
    assert isinstance(error.value.__cause__, PdfminerException)


def test_zero_bytes_is_an_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile, match="re-download"):
        read_document(path)


def test_a_png_named_pdf_is_unsupported(tmp_path):
    with pytest.raises(UnsupportedFormat, match="OCR"):
        read_document(bad_pdfs.png_file(tmp_path / "picture.pdf"))


def test_a_pdf_named_txt_is_still_read_as_a_pdf(tmp_path, good_pdf):
    renamed = tmp_path / "disclosure.txt"
    shutil.copy(good_pdf, renamed)
    document = read_document(renamed)
    assert document.source_format == "pdf" and len(document.tables()) == 2


def test_a_decompression_bomb_is_stopped_quickly_with_bounded_memory(tmp_path):
    path = bad_pdfs.decompression_bomb(tmp_path / "bomb.pdf", inflated_mb=2048)
    assert path.stat().st_size < 16_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(ResourceLimitExceeded, match="memory_mb|timeout") as error:
        read_document_isolated(path, timeout_seconds=60, memory_mb=512)
    assert time.monotonic() - started < 30
    assert error.value.reason == "resource_limit"
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100_000  # the parent never held the inflated stream
