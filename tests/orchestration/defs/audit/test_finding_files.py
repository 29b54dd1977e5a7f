"""findings.csv and findings.json put together from the last files' bytes and the changed documents' new rows
hold exactly the bytes of a fresh write, and only the changed documents' rows are made again."""

from __future__ import annotations

import copy
import os
import shutil

import duckdb

from orchestration.defs.audit import finding_exports
from orchestration.defs.audit.assets import export_digests
from orchestration.defs.audit.finding_exports import register_marked, write_finding_exports
from orchestration.defs.audit.finding_files import MEMO, even_quotes, record_ends
from orchestration.defs.audit.finding_tables import create_finding_tables, document_digests
from tests.orchestration import report_warehouse

MARKED = {"aaaaaaaaaaaaaaaa": {"images": {1: "pages/aaaaaaaaaaaaaaaa/p1.png"}, "annotated": "annotated/a.pdf"}}


def test_record_ends_finds_csv_rows_whose_quoted_fields_hold_line_breaks(tmp_path):
    path = tmp_path / "rows.csv"
    rows = [b'a,"x\r\ny",b\r\n', b'"say ""hi""\r\n",c\r\n', b"plain\r\n", b'"\r\n"\r\n']
    path.write_bytes(b"".join(rows))
    ends = [sum(len(row) for row in rows[: index + 1]) for index in range(len(rows))]
    for block in (1, 3, 7, 1 << 20):  # records cut across blocks
        assert list(record_ends(path, b"\r\n", even_quotes, block=block)) == ends
    data = path.read_bytes()
    lines = [index + 1 for index, byte in enumerate(data) if byte == ord("\n")]  # without ``complete``: every one
    assert list(record_ends(path, b"\n", block=2)) == lines and len(lines) == 7


def exports(database, directory, marked=MARKED, reuse=True, made=None):
    """Write the exports as the report asset does; ``made`` collects the documents whose rows DuckDB made."""
    with duckdb.connect(str(database), read_only=True) as connection:
        create_finding_tables(connection)
        register_marked(connection, marked)
        digests = export_digests(document_digests(connection), marked) if reuse else None
        original = finding_exports.create_export_rows

        def recording(connection, document_ids=None):
            if made is not None:
                made.append(document_ids)
            return original(connection, document_ids)

        finding_exports.create_export_rows = recording
        try:
            paths = write_finding_exports(connection, directory, digests)
        finally:
            finding_exports.create_export_rows = original
    return tuple(path.read_bytes() for path in paths)


def next_folder(previous, folder):
    shutil.copytree(previous, folder, copy_function=os.link)  # as the report's working folder
    return folder


def test_only_changed_documents_rows_are_made_and_the_files_equal_a_fresh_write(tmp_path):
    documents, findings, places = report_warehouse.rows()
    a, b, c = (document["document_id"] for document in documents)
    database = report_warehouse.build(tmp_path / "w0.duckdb", documents, findings, places)
    made: list = []
    first = exports(database, tmp_path / "r0", made=made)
    assert made == [None] and first == exports(database, tmp_path / "fresh0", reuse=False)
    published = (tmp_path / "r0" / "findings.csv").read_bytes()

    made.clear()
    assert exports(database, next_folder(tmp_path / "r0", tmp_path / "r1"), made=made) == first
    assert made == [[]]  # nothing changed: every row copied

    reviewed = copy.deepcopy(findings)
    reviewed[-3].update(review_state="confirmed", review_decision="confirmed", reviewed_by="王审")  # b-01
    added = [report_warehouse.finding("0000000000000000", "0-01"), report_warehouse.finding("dddd", "d-01")]
    new_documents = [*documents, *(report_warehouse.document(f["document_id"], "新") for f in added)]
    database = report_warehouse.build(tmp_path / "w2.duckdb", new_documents, [*reviewed, *added], places)
    made.clear()
    second = exports(database, next_folder(tmp_path / "r1", tmp_path / "r2"), made=made)
    assert made == [["0000000000000000", b, "dddd"]]  # a's rows are copied: the first, middle and last change
    assert second == exports(database, tmp_path / "fresh2", reuse=False)
    assert "王审" in second[0].decode("utf-8-sig") and second[1].endswith(b"\n]")
    assert (tmp_path / "r0" / "findings.csv").read_bytes() == published  # the published files are untouched

    made.clear()
    removed = [finding for finding in reviewed if finding["document_id"] != "dddd"]  # the last document goes
    database = report_warehouse.build(tmp_path / "w3.duckdb", new_documents, [*removed, added[0]], places)
    third = exports(database, next_folder(tmp_path / "r2", tmp_path / "r3"), made=made)
    assert made == [[]] and third == exports(database, tmp_path / "fresh3", reuse=False)
    assert third[1].endswith(b"\n]")

    marked = {**MARKED, b: {"images": {2: "pages/b/p2.png"}, "annotated": "annotated/b.pdf"}}
    made.clear()
    fourth = exports(database, next_folder(tmp_path / "r3", tmp_path / "r4"), marked, made=made)
    assert made == [[b]]  # b's page images changed, its rows link them
    assert fourth == exports(database, tmp_path / "fresh4", marked, reuse=False)


def test_files_changed_since_the_memo_are_written_again_whole(tmp_path):
    database = report_warehouse.fixture(tmp_path / "w.duckdb")
    first = exports(database, tmp_path / "r0")
    folder = next_folder(tmp_path / "r0", tmp_path / "r1")
    (folder / "findings.json").unlink()
    (folder / "findings.json").write_bytes(b"[]")
    made: list = []
    assert exports(database, folder, made=made) == first and made == [None]
    (folder / MEMO).write_text("not json", encoding="utf-8")
    made.clear()
    assert exports(database, folder, made=made) == first and made == [None]
    made.clear()
    assert exports(database, folder, reuse=False, made=made) == first and made == [None]
    assert not (folder / MEMO).exists()  # written without digests: nothing to reuse next time
