"""The worker process: same Document as in-process, same rejection types, limits enforced."""

from __future__ import annotations

import pickle

import pytest

from ingestion import errors
from ingestion.isolation import read_document_isolated
from ingestion.readers import read_document
from tests.fixtures import bad_pdfs
from tools.fixtures.disclosure_pdf import render_disclosure


def test_the_worker_returns_the_same_document(tmp_path):
    path = render_disclosure(tmp_path / "three_pages.pdf", "page_break_repeated_header").path
    assert read_document_isolated(path) == read_document(path)


@pytest.mark.parametrize("kind", errors.DocumentRejected.__subclasses__())
def test_every_rejection_survives_pickling(kind):
    original = kind("a.pdf", "do this")
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is kind and str(copy) == str(original)
    assert (copy.source_file, copy.message, copy.reason) == ("a.pdf", "do this", kind.reason)


def test_a_rejection_in_the_worker_arrives_as_the_same_type_and_message(tmp_path):
    path = bad_pdfs.encrypted_pdf(tmp_path / "locked.pdf")
    with pytest.raises(errors.EncryptedDocument) as in_process:
        read_document(path)
    with pytest.raises(errors.EncryptedDocument) as isolated:
        read_document_isolated(path)
    assert isolated.value.message == in_process.value.message


def test_a_worker_that_runs_too_long_is_stopped(tmp_path):
    path = render_disclosure(tmp_path / "slow.pdf", "page_break_no_header").path
    with pytest.raises(errors.ResourceLimitExceeded, match="longer than 0.001 s"):
        read_document_isolated(path, timeout_seconds=0.001)


def test_an_unexpected_failure_reports_the_worker_traceback(tmp_path):
    with pytest.raises(RuntimeError, match="FileNotFoundError"):
        read_document_isolated(tmp_path / "missing.pdf")
