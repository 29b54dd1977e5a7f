"""The parse store: an unchanged file is never parsed twice, a new parser version re-parses, a deleted
file's rows leave the staging files, and a changed file is hashed again even at the same size."""

from __future__ import annotations

import json
import os
import shutil

import duckdb
import pytest

from ingestion.batch import ingest_to_store, write_staging
from ingestion.parse_store import ParseStore
from ingestion.pipeline import discover_documents, ingest_documents
from ingestion.staging_store import read_frame
from tests.conftest import SAMPLE_FILES, SAMPLES


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for key in ("xiamen", "nagqu"):
        shutil.copy(SAMPLES / SAMPLE_FILES[key], folder / SAMPLE_FILES[key])
    return folder


def _run(inbox, store):
    return ingest_to_store(discover_documents([inbox]), store)


def test_an_unchanged_file_is_parsed_once_whatever_its_name(inbox, tmp_path):
    store = ParseStore(tmp_path / "store")
    first = _run(inbox, store)
    assert (first.parsed, first.reused) == (2, 0)
    again = _run(inbox, store)
    assert (again.parsed, again.reused) == (0, 2)
    (inbox / SAMPLE_FILES["xiamen"]).rename(inbox / "renamed.txt")
    renamed = _run(inbox, store)
    assert (renamed.parsed, renamed.reused) == (0, 2)
    assert "renamed.txt" in {row["source_file"] for row in renamed.rows}  # rows say where the bytes are now


def test_a_new_parser_version_parses_again(inbox, tmp_path):
    _run(inbox, ParseStore(tmp_path / "store", parser_version="1.0"))
    newer = _run(inbox, ParseStore(tmp_path / "store", parser_version="1.1"))
    assert (newer.parsed, newer.reused) == (2, 0)
    removed = ParseStore(tmp_path / "store", parser_version="1.1").prune({row["sha256"] for row in newer.rows})
    assert removed == 2  # the two entries of the old version


def test_a_changed_file_of_the_same_size_is_parsed_again(inbox, tmp_path):
    store = ParseStore(tmp_path / "store")
    _run(inbox, store)
    path = inbox / SAMPLE_FILES["nagqu"]
    content = path.read_text(encoding="utf-8")
    path.write_text(content.replace("98.65", "98.66", 1), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    changed = _run(inbox, store)
    assert (changed.parsed, changed.reused) == (1, 1)


def test_a_deleted_files_rows_leave_the_staging_files(inbox, tmp_path):
    store = ParseStore(tmp_path / "store")
    staging = tmp_path / "staging"
    write_staging(_run(inbox, store), store, staging)
    both = read_frame(staging, "line_items")["document_id"].nunique()
    (inbox / SAMPLE_FILES["nagqu"]).unlink()
    write_staging(_run(inbox, store), store, staging)
    assert both == 2
    assert read_frame(staging, "documents")["source_file"].tolist() == [SAMPLE_FILES["xiamen"]]
    assert read_frame(staging, "line_items")["document_id"].nunique() == 1


def test_a_rejected_file_is_stored_and_not_read_again(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "notes.txt").write_text("会议纪要：没有任何预算信息。", encoding="utf-8")
    store = ParseStore(tmp_path / "store")
    first = _run(inbox, store)
    assert first.rejected and first.rejected[0]["rejection_reason"] == "not_a_disclosure"
    assert _run(inbox, store).parsed == 0


def test_the_store_records_the_rows_of_each_frame_file(inbox, tmp_path):
    import duckdb

    store = ParseStore(tmp_path / "store")
    batch = _run(inbox, store)
    sha256 = batch.rows[0]["sha256"]
    recorded = store.frame_rows(sha256)
    files = {path.stem: path for path in store.entry(sha256).glob("*.parquet")}
    with duckdb.connect() as connection:
        count = lambda path: connection.execute(f"select count(*) from '{path}'").fetchone()[0]  # noqa: E731
        actual = {name: count(path) for name, path in files.items()}
    assert recorded == actual and recorded["line_items"] > 0
    assert store.locate_frame(sha256, "line_items", recorded) == (files["line_items"], recorded["line_items"])
    assert store.locate_frame(sha256, "procurement_line_items", recorded) == (None, 0)
    (store.entry(sha256) / "frame_rows.json").unlink()  # an entry stored before the rows were recorded
    assert store.frame_rows(sha256) is None
    assert store.locate_frame(sha256, "line_items", None) == (files["line_items"], None)


def test_documents_saved_together_hold_the_files_saved_one_by_one(tmp_path):
    results = ingest_documents([SAMPLES / SAMPLE_FILES[key] for key in ("xiamen", "bazhong", "nagqu")])
    alone, together = ParseStore(tmp_path / "alone"), ParseStore(tmp_path / "together")
    for result in results:
        alone.save(result)
    together.save_all(results)
    compared = 0
    for result in results:
        sha256 = result.document_row["sha256"]
        assert together.load_row(sha256) == alone.load_row(sha256)
        assert together.frame_rows(sha256) == alone.frame_rows(sha256)
        for name, rows in alone.frame_rows(sha256).items():
            with duckdb.connect() as connection:
                expected, written = (
                    connection.execute(f"select * from '{store.frame_file(sha256, name)}'").fetchall()
                    for store in (alone, together)
                )
            assert written == expected and len(written) == rows
            compared += rows
    assert compared > 300  # the three samples' rows, not only empty files
    assert not list((tmp_path / "together" / "tmp").iterdir())  # every entry renamed into place


def test_rows_are_read_from_one_file_once_known_and_again_from_entries_stored_since(tmp_path):
    results = ingest_documents([SAMPLES / SAMPLE_FILES[key] for key in ("xiamen", "bazhong")])
    store = ParseStore(tmp_path)
    store.save_all(results)
    keys = [result.document_row["sha256"] for result in results]
    expected = {key: store.load_row(key) for key in keys}
    assert store.load_rows(keys) == expected  # the entries' files, then kept in one file
    index = tmp_path / "documents" / store.parser_version / "rows.json"
    assert json.loads(index.read_text(encoding="utf-8")) == expected
    for key in keys:
        (store.entry(key) / "document.json").write_text('{"status": "changed by hand"}', encoding="utf-8")
    assert store.load_rows(keys) == expected  # no entry file read: the kept rows
    assert store.load_rows(keys, fresh=keys[:1])[keys[0]] == {"status": "changed by hand"}  # stored since
    assert store.load_rows(keys[1:]) == {keys[1]: expected[keys[1]]}  # a key gone from the inbox is dropped
    assert set(json.loads(index.read_text(encoding="utf-8"))) == {keys[1]}
    assert store.prune(keep={keys[1]}) == 1 and not index.exists()  # entries pruned: the kept rows go too
