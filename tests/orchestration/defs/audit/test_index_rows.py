"""The index keeps the rows of unchanged documents from the last index.html and reads into Python only the
failed checks of changed documents; the file is the one a fresh write makes."""

from __future__ import annotations

import copy
import os
import shutil

import pytest

from orchestration.defs.audit import index_rows
from orchestration.defs.audit.assets import write_report
from orchestration.defs.audit.index_rows import MEMO
from tests.orchestration import report_warehouse


def report(database, folder):
    write_report(str(database), folder)
    return (folder / "index.html").read_bytes()


@pytest.fixture
def read(monkeypatch) -> list:
    """The check ids the index reads into Python, per write (None: all)."""
    calls: list = []
    original = index_rows.failed_rows

    def recording(connection, check_ids=None, batch=5000):
        calls.append(None if check_ids is None else sorted(check_ids))
        return original(connection, check_ids, batch)

    monkeypatch.setattr(index_rows, "failed_rows", recording)
    return calls


def test_only_changed_documents_failed_checks_are_read_and_the_index_equals_a_fresh_one(tmp_path, read):
    documents, findings, places = report_warehouse.rows()
    database = report_warehouse.build(tmp_path / "w0.duckdb", documents, findings, places)
    first = report(database, tmp_path / "r0")
    assert read == [None]

    def next_folder(previous, name):
        shutil.copytree(tmp_path / previous, tmp_path / name, copy_function=os.link)
        return tmp_path / name

    read.clear()
    assert report(database, next_folder("r0", "r1")) == first and read == []  # all rows kept

    reviewed = copy.deepcopy(findings)
    reviewed[-3].update(review_state="confirmed", review_decision="confirmed", reviewed_by="王审\r")  # b-01
    reviewed[0].update(rule_family="a new family")  # a-03 moves to a family of its own
    database = report_warehouse.build(tmp_path / "w2.duckdb", documents, reviewed, places)
    read.clear()
    second = report(database, next_folder("r1", "r2"))
    assert read == [None]  # both documents with failed checks changed: all read
    assert second == report(database, tmp_path / "fresh2")
    text = second.decode()
    assert "confirmed by 王审\r" in text and 'id="family-a new family">a new family: 1 failed' in text

    only_b = copy.deepcopy(reviewed)
    only_b[-2].update(review_state="dismissed", review_decision="dismissed", reviewed_by="李审")  # b-02
    database = report_warehouse.build(tmp_path / "w3.duckdb", documents, only_b, places)
    read.clear()
    third = report(database, next_folder("r2", "r3"))
    assert read == [["b-01", "b-02"]]  # a's rows (after a row with "\r" in it) are kept
    assert third == report(database, tmp_path / "fresh3")

    folder = next_folder("r3", "r4")
    (folder / "index.html").unlink()
    (folder / "index.html").write_text("changed", encoding="utf-8")
    read.clear()
    assert report(database, folder) == third and read == [None]
    assert (folder / MEMO).exists()
