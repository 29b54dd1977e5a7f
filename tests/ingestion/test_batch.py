"""The parallel batch driver gives exactly the frames of the one-process reference ``pipeline.ingest``."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from ingestion.batch import Progress, ingest_to_store, write_staging
from ingestion.frames import frame_columns
from ingestion.parse_store import ParseStore
from ingestion.pipeline import discover_documents, ingest
from ingestion.schemas import STAGING_FRAMES
from ingestion.staging_store import read_frame, write_frames
from tests.conftest import SAMPLE_FILES, SAMPLES

TIMES = ["ingested_at", "file_modified_at"]  # when, not what: differ between two reads of the same file
NOT_IN_SAMPLES = {"procurement_line_items"}  # no sample prints a 政府采购 item table (the generated PDFs do)


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=[column for column in TIMES if column in frame.columns]).astype(str)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    paths = discover_documents([SAMPLES])
    write_frames(ingest(paths).frames, root / "serial")
    store = ParseStore(root / "store")
    reports: list[Progress] = []
    batch = ingest_to_store(paths, store, workers=2, progress=reports.append, progress_every=0)
    write_staging(batch, store, root / "parallel")
    return root, batch, reports


@pytest.mark.parametrize("name", list(STAGING_FRAMES))
def test_parallel_staging_equals_the_serial_reference(both, name):
    root, _, _ = both
    serial, parallel = read_frame(root / "serial", name), read_frame(root / "parallel", name)
    assert list(parallel.columns) == list(serial.columns)
    assert len(serial) > 0 or name in NOT_IN_SAMPLES
    pd.testing.assert_frame_equal(_canonical(parallel), _canonical(serial))


def test_progress_counts_up_to_the_total_with_a_rate(both):
    _, batch, reports = both
    assert batch.parsed == 5
    assert [report.done for report in reports][-1] == 5
    assert all(report.total == 5 for report in reports)
    assert reports[-1].rate > 0 and reports[-1].eta_seconds == 0
    assert "5/5 documents" in reports[-1].describe()


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    """An inbox with a byte copy, a GB18030 re-encoding, a symbolic link, a FIFO and an empty file."""
    import os
    import shutil

    root = tmp_path_factory.mktemp("messy")
    inbox = root / "inbox"
    inbox.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for sample in samples[:3]:
        shutil.copy(sample, inbox / sample.name)
    shutil.copy(samples[0], inbox / "z_copy.txt")
    (inbox / "z_gbk.txt").write_bytes(samples[1].read_text(encoding="utf-8").encode("gb18030"))
    (inbox / "z_link.txt").symlink_to(inbox / samples[2].name)
    os.mkfifo(inbox / "z_fifo")
    (inbox / "z_empty.txt").write_bytes(b"")
    paths = discover_documents([inbox])
    write_frames(ingest(paths).frames, root / "serial")
    store = ParseStore(root / "store")
    batch = ingest_to_store(paths, store, workers=2)
    write_staging(batch, store, root / "parallel")
    return root, batch


def test_every_entry_gets_the_row_the_serial_reference_gives_it(messy):
    root, batch = messy
    statuses = {row["source_file"]: (row["status"], row["rejection_reason"]) for row in batch.rows}
    assert statuses["z_copy.txt"] == ("duplicate", "duplicate_file")
    assert statuses["z_gbk.txt"] == ("duplicate", "same_disclosure")
    assert statuses["z_link.txt"][0] == "skipped"
    assert statuses["z_fifo"][0] == "skipped"
    assert statuses["z_empty.txt"][0] == "rejected"
    assert sum(status == "parsed" for status, _ in statuses.values()) == 3
    for name in STAGING_FRAMES:  # copies add no facts: the same rows as the one-process reference
        serial, parallel = read_frame(root / "serial", name), read_frame(root / "parallel", name)
        pd.testing.assert_frame_equal(_canonical(parallel), _canonical(serial))


@pytest.fixture(scope="module")
def store_of_every_version(tmp_path_factory):
    """A parse store holding the five samples and a corrected 巴中 (parsed once for the tests below)."""
    root = tmp_path_factory.mktemp("versions")
    inbox = root / "inbox"
    inbox.mkdir()
    for sample in SAMPLES.glob("*.txt"):
        shutil.copy(sample, inbox / sample.name)
    corrected = inbox / f"z_{SAMPLE_FILES['bazhong']}"
    corrected.write_text(_corrected(SAMPLES / SAMPLE_FILES["bazhong"]), encoding="utf-8")
    store = ParseStore(root / "store")
    ingest_to_store(discover_documents([inbox]), store, workers=2)
    return store


def _corrected(path) -> str:
    content = path.read_text(encoding="utf-8")
    return content + "\n（更正版）\n"  # new bytes, the same disclosure: a corrected re-publication


def _rows_in_order(path) -> list[tuple]:
    with duckdb.connect() as connection:
        return connection.execute(f"select * from read_parquet('{path}')").fetchall()


def _assert_equal_to_a_full_assembly(tmp_path, store, batch, staging):
    fresh = ParseStore(tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}", store.parser_version)
    shutil.copytree(store.root / "documents", fresh.root / "documents")
    reference = write_staging(batch, fresh, fresh.root / "staging")
    assert {assembly.how for assembly in reference.assemblies.values()} == {"full"}
    for name in STAGING_FRAMES:
        assert _rows_in_order(staging.files[name]) == _rows_in_order(reference.files[name]), name


def test_staging_built_on_the_last_assembly_equals_a_full_assembly(store_of_every_version, tmp_path):
    """Add (in the middle of the order), change, delete, and a new parser version: each run's staging files
    hold exactly the rows, in order, that assembling every document's file gives."""
    source = store_of_every_version
    store = ParseStore(tmp_path / "store", source.parser_version)
    shutil.copytree(source.root / "documents", store.root / "documents")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for key in ("xiamen", "bazhong", "nagqu"):
        shutil.copy(SAMPLES / SAMPLE_FILES[key], inbox / SAMPLE_FILES[key])

    def run(expected_how: set[str]):
        batch = ingest_to_store(discover_documents([inbox]), store)
        assert batch.parsed == 0  # every content is in the store: only the assembly is under test
        staging = write_staging(batch, store, tmp_path / "staging")
        assert {assembly.how for assembly in staging.assemblies.values()} == expected_how
        _assert_equal_to_a_full_assembly(tmp_path, store, batch, staging)
        return staging

    first = run({"full"})
    assert len(_rows_in_order(first.files["line_items"])) > 0
    shutil.copy(SAMPLES / SAMPLE_FILES["mancheng"], inbox / SAMPLE_FILES["mancheng"])  # sorts second of four
    added = run({"incremental", "reused"})
    assert added.assemblies["line_items"].how == "incremental"
    (inbox / SAMPLE_FILES["bazhong"]).write_text(_corrected(SAMPLES / SAMPLE_FILES["bazhong"]), encoding="utf-8")
    changed = run({"incremental", "reused"})
    assert changed.assemblies["line_items"].how == "incremental"
    (inbox / SAMPLE_FILES["xiamen"]).unlink()
    deleted = run({"incremental", "reused"})
    column = frame_columns("line_items").index("document_id")
    documents = {row[column] for row in _rows_in_order(deleted.files["line_items"])}
    assert len(documents) == 3  # 满城, the corrected 巴中, 那曲
    run({"reused"})  # nothing changed: every file as it was
    newer = ParseStore(store.root, parser_version=f"{store.parser_version}-next")
    batch = ingest_to_store(discover_documents([inbox]), newer)
    assert batch.parsed == 3  # a new parser version parses again …
    staging = write_staging(batch, newer, tmp_path / "staging")
    assert {assembly.how for assembly in staging.assemblies.values()} == {"full"}  # … and assembles in full
    _assert_equal_to_a_full_assembly(tmp_path, newer, batch, staging)
