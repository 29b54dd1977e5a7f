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


def test_an_unexpected_failure_is_a_rejection_naming_the_exception(tmp_path):
    with pytest.raises(errors.ReaderFailed, match="FileNotFoundError"):
        read_document_isolated(tmp_path / "missing.pdf")


def test_a_worker_dies_when_the_process_that_started_it_is_killed(tmp_path):
    """A reader stuck in a file outlives nothing: SIGKILL the parent and its worker goes too."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import PROJECT_ROOT

    script = (
        "import os, sys, time\n"
        "from ingestion.process_guard import die_with_parent\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    die_with_parent()\n"
        "    time.sleep(120)\n"
        "    os._exit(0)\n"
        "print(pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    time.sleep(0.5)  # let the child arm the signal
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(10)
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    pytest.fail("the child outlived its parent")
