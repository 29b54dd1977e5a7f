"""The report as the asset writes it: the same files as the Python writer on every row, and on a second
build only the pages of documents added or changed, with deleted documents' pages gone."""

from __future__ import annotations

import copy
import os
import shutil

import duckdb
import pytest

from orchestration.defs.audit import assets
from orchestration.defs.audit.assets import write_report
from orchestration.defs.audit.finding_counts import read_counts
from orchestration.defs.audit.finding_tables import create_finding_tables, read_documents, read_findings
from orchestration.defs.audit.report_pages import page_name, write_reports
from tests.orchestration import report_warehouse


def reference(database, directory):
    """Every row in Python, written by ``write_reports`` (the report as it was written before)."""
    with duckdb.connect(str(database), read_only=True) as connection:
        create_finding_tables(connection)
        ids = [
            row[0]
            for row in connection.execute("select distinct document_id from marts.audit_reconciliation").fetchall()
        ]
        documents, findings = read_documents(connection), read_findings(connection, ids)
        counts = read_counts(connection)
    return write_reports(directory, documents, findings, {}, counts)


def html_files(directory) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in directory.glob("*.html")}


def next_build(previous, folder):
    """A run's reports folder: hard links to the published files, as ``working_folder(linked=True)``."""
    shutil.copytree(previous, folder, copy_function=os.link)
    return folder


@pytest.mark.parametrize("batch", [1, 500])
def test_the_report_is_the_one_the_python_writer_wrote(tmp_path, monkeypatch, batch):
    """Changed documents' findings are read ``STALE_BATCH`` documents at a time: the pages are the same."""
    monkeypatch.setattr(assets, "STALE_BATCH", batch)
    database = report_warehouse.fixture(tmp_path / "w.duckdb")
    report = write_report(str(database), tmp_path / "reports")
    expected = reference(database, tmp_path / "reference")
    assert html_files(tmp_path / "reports") == html_files(tmp_path / "reference")
    assert len(expected) == 4 and len(report.rewritten) == 3
    index = report.index.read_text(encoding="utf-8")
    assert 'id="family-totals">totals: 4 failed' in index and 'id="family-unknown">unknown: 1 failed' in index


def test_a_second_build_writes_only_the_pages_of_added_and_changed_documents(tmp_path):
    documents, findings, places = report_warehouse.rows()
    database = report_warehouse.build(tmp_path / "w0.duckdb", documents, findings, places)
    first = write_report(str(database), tmp_path / "r0")
    inodes = {path.name: path.stat().st_ino for path in first.pages}

    unchanged = write_report(str(database), next_build(tmp_path / "r0", tmp_path / "r1"))
    assert unchanged.rewritten == set()
    assert {path.name: path.stat().st_ino for path in unchanged.pages} == inodes  # the same files, not rewritten

    added = report_warehouse.document("dddddddddddddddd", "丁单位", failed=0)
    reviewed = copy.deepcopy(findings)
    reviewed[-3].update(review_state="confirmed", review_decision="confirmed", reviewed_by="王审")  # b-01
    database = report_warehouse.build(tmp_path / "w2.duckdb", [*documents[:2], added], reviewed, places)
    second = write_report(str(database), next_build(tmp_path / "r1", tmp_path / "r2"))
    a, b, c = documents
    assert second.rewritten == {added["document_id"], b["document_id"]}
    assert (tmp_path / "r2" / page_name(a)).stat().st_ino == inodes[page_name(a)]
    assert "confirmed by 王审" in (tmp_path / "r2" / page_name(b)).read_text(encoding="utf-8")
    assert not (tmp_path / "r2" / page_name(c)).exists()  # its document was deleted
    assert (tmp_path / "r1" / page_name(c)).exists()  # the published folder is untouched
    assert html_files(tmp_path / "r2") == html_files(next_build_reference(database, tmp_path))


def next_build_reference(database, tmp_path):
    folder = tmp_path / "reference"
    reference(database, folder)
    return folder
