"""No inbox entry without a row: links, loops, FIFOs, unlistable folders, undecodable names, duplicates."""

import logging
import os

import pytest

from ingestion.discovery import discover_documents, display_name, skip_reason
from ingestion.pipeline import ingest
from tests.fixtures import bad_files

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file types")


@pytest.fixture
def inbox(tmp_path, sample_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a_zhuzhou.txt").write_bytes(sample_path("zhuzhou").read_bytes())
    outside = tmp_path / "outside.txt"
    outside.write_bytes(sample_path("nagqu").read_bytes())
    (inbox / "b_link_inside.txt").symlink_to(inbox / "a_zhuzhou.txt")
    (inbox / "c_link_outside.txt").symlink_to(outside)
    (inbox / "d_loop").symlink_to(inbox / "d_loop")
    (inbox / "e_dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(inbox / "f_fifo")
    (inbox / "g_folder_link").symlink_to(tmp_path)  # would loop back into the inbox if followed
    (inbox / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return inbox


def test_every_entry_but_hidden_ones_gets_a_row_and_a_log_line(inbox, caplog):
    caplog.set_level(logging.INFO)
    result = ingest(discover_documents([inbox]))
    rows = bad_files.document_statuses(result.frames["documents"])
    assert rows == {
        "a_zhuzhou.txt": ("parsed", None),
        "b_link_inside.txt": ("skipped", "symlink"),
        "c_link_outside.txt": ("skipped", "symlink"),
        "d_loop": ("skipped", "symlink_loop"),
        "e_dangling.txt": ("skipped", "dangling_symlink"),
        "f_fifo": ("skipped", "not_a_regular_file"),
        "g_folder_link": ("skipped", "symlink"),
    }
    for name in ("b_link_inside.txt", "d_loop", "e_dangling.txt", "f_fifo"):
        assert any(name in record.getMessage() and "skipped" in record.getMessage() for record in caplog.records)
    assert any(".DS_Store" in record.getMessage() for record in caplog.records)
    assert result.frames["documents"]["document_id"].is_unique


def test_only_the_outside_file_is_never_read(inbox):
    result = ingest(discover_documents([inbox]))
    assert set(result.frames["line_items"]["document_id"]) == {
        result.frames["documents"].query("status == 'parsed'")["document_id"].iloc[0]
    }


def test_a_folder_that_cannot_be_listed_is_a_skipped_row(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def refuse(path):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    entries = discover_documents([tmp_path])
    assert entries == [locked]
    assert skip_reason(locked).code == "unreadable_folder"


def test_an_undecodable_file_name_is_read_and_shown_readably(tmp_path, sample_path):
    raw_name = "预算.txt".encode("gbk")
    path = tmp_path.joinpath(os.fsdecode(raw_name))
    path.write_bytes(sample_path("zhuzhou").read_bytes())
    result = ingest(discover_documents([tmp_path]))
    row = result.frames["documents"].iloc[0]
    assert (row["status"], row["source_file"]) == ("parsed", "预算.txt")
    assert display_name(path).endswith("预算.txt")
