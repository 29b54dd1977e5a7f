"""Building on the last assembly gives exactly the rows, in exactly the order, of assembling every document's file."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from ingestion.frames import frame_columns
from ingestion.staging_assembly import MANIFEST, AssembledStaging, segments

FRAME = "line_items"


def _document_file(folder: Path, key: str, rows: int) -> Path | None:
    """A document's Parquet of FRAME: ``rows`` rows whose every column names the document and the row."""
    if not rows:
        return None
    path = folder / f"{key}.parquet"
    columns = ", ".join(f"'{key}/' || range || '/{column}' as \"{column}\"" for column in frame_columns(FRAME))
    with duckdb.connect() as connection:
        connection.execute(f"copy (select {columns} from range({rows})) to '{path}' (format parquet)")
    return path


class Documents:
    """Documents and their Parquet files; ``locate`` answers as the parse store does, with the rows of the
    documents in ``recorded`` (the others' rows are read from their files' footers)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, Path | None] = {}
        self.rows: dict[str, int] = {}
        self.recorded: set[str] = set()

    def add(self, key: str, rows: int, recorded: bool = False) -> str:
        self.files[key], self.rows[key] = _document_file(self.folder, key, rows), rows
        if recorded:
            self.recorded.add(key)
        return key

    def locate(self, key: str) -> tuple[Path | None, int | None]:
        return self.files[key], self.rows[key] if key in self.recorded else None


def _assemble(root: Path, keys: list[str], documents: Documents, parser_version: str = "1") -> tuple[str, Path]:
    staging = AssembledStaging(root, parser_version)
    staging.begin(keys)
    with duckdb.connect() as connection:
        assembly = staging.assemble(connection, FRAME, documents.locate)
    staging.commit()
    return assembly.how, assembly.path


def _rows(path: Path | None) -> list[tuple]:
    if path is None:
        return []
    with duckdb.connect() as connection:
        return connection.execute(f"select * from read_parquet('{path}')").fetchall()


def _full(tmp_path: Path, keys: list[str], documents: Documents) -> list[tuple]:
    """The reference: a fresh full assembly (no manifest)."""
    root = tmp_path / f"reference-{len(list(tmp_path.glob('reference-*')))}"
    how, path = _assemble(root, keys, documents)
    assert how == "full"
    return _rows(path)


@pytest.fixture
def documents(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    found = Documents(folder)
    for index, rows in enumerate([3, 0, 2, 4, 1, 5, 2, 3]):
        found.add(f"d{index}", rows, recorded=index % 2 == 0)  # rows known from the store, or from the footers
    return found


def test_a_document_added_in_the_middle_lands_where_a_full_assembly_puts_it(tmp_path, documents):
    root = tmp_path / "assembled"
    keys = ["d0", "d1", "d2", "d3", "d5", "d6", "d7"]
    assert _assemble(root, keys, documents)[0] == "full"
    keys.insert(4, "d4")
    how, path = _assemble(root, keys, documents)
    assert how == "incremental"
    assert _rows(path) == _full(tmp_path, keys, documents)
    assert _rows(path)[9] == tuple(f"d4/0/{column}" for column in frame_columns(FRAME))  # after d0, d2, d3: 3+2+4


def test_a_deleted_document_leaves_and_a_changed_one_is_replaced_in_place(tmp_path, documents):
    root = tmp_path / "assembled"
    keys = [f"d{index}" for index in range(8)]
    _assemble(root, keys, documents)
    keys.remove("d2")  # deleted
    keys[keys.index("d5")] = documents.add("d5-changed", 2)  # new content of the same file: a new key
    how, path = _assemble(root, keys, documents)
    assert how == "incremental"
    assert _rows(path) == _full(tmp_path, keys, documents)
    assert not any(row[0].startswith(("d2/", "d5/")) for row in _rows(path))


def test_documents_moved_in_the_order_and_added_at_both_ends(tmp_path, documents):
    root = tmp_path / "assembled"
    keys = ["d2", "d3", "d4", "d5", "d6", "d7"]
    _assemble(root, keys, documents)
    keys = ["d0", "d6", "d3", "d2", "d4", "d5", "d7", documents.add("d8", 7)]  # renamed files sort elsewhere
    how, path = _assemble(root, keys, documents)
    assert how == "incremental"
    assert _rows(path) == _full(tmp_path, keys, documents)


def test_an_unchanged_list_reuses_the_file_and_documents_without_rows_do_not_force_a_rewrite(tmp_path, documents):
    root = tmp_path / "assembled"
    keys = [f"d{index}" for index in range(8)]
    _, first = _assemble(root, keys, documents)
    assert _assemble(root, keys, documents) == ("reused", first)
    how, path = _assemble(root, [*keys, documents.add("empty", 0)], documents)
    assert (how, path) == ("reused", first)


def test_more_than_half_new_documents_and_a_new_parser_version_assemble_in_full(tmp_path, documents):
    root = tmp_path / "assembled"
    _assemble(root, ["d0", "d1", "d2"], documents)
    keys = [f"d{index}" for index in range(8)]
    assert _assemble(root, keys, documents)[0] == "full"
    assert _assemble(root, keys, documents, parser_version="2")[0] == "full"  # the manifest is of version 1
    how, path = _assemble(root, keys[:-1], documents, parser_version="2")
    assert how == "incremental"
    assert _rows(path) == _full(tmp_path, keys[:-1], documents)


@pytest.mark.parametrize("damage", ["manifest", "file", "columns"])
def test_a_damaged_or_foreign_manifest_means_a_full_assembly(tmp_path, documents, damage):
    root = tmp_path / "assembled"
    keys = [f"d{index}" for index in range(8)]
    _, path = _assemble(root, keys[:-1], documents)
    manifest = root / MANIFEST
    if damage == "manifest":
        manifest.write_text("{not json", encoding="utf-8")
    elif damage == "file":
        path.unlink()
    else:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["frames"][FRAME]["columns"] = ["document_id"]
        manifest.write_text(json.dumps(data), encoding="utf-8")
    how, path = _assemble(root, keys, documents)
    assert how == "full"
    assert _rows(path) == _full(tmp_path, keys, documents)


def test_only_the_files_the_manifest_names_are_kept(tmp_path, documents):
    root = tmp_path / "assembled"
    keys = [f"d{index}" for index in range(8)]
    _assemble(root, keys, documents)
    _, path = _assemble(root, keys[1:], documents)
    assert sorted(file.name for file in root.iterdir()) == sorted([MANIFEST, path.name])


def test_a_frame_no_document_has_rows_of_has_no_file(tmp_path, documents):
    root = tmp_path / "assembled"
    assert _assemble(root, ["d1"], documents) == ("full", None)
    assert _assemble(root, ["d1", documents.add("e", 0)], documents) == ("reused", None)
    how, path = _assemble(root, ["d1", "e", "d4"], documents)
    assert how == "incremental" and _rows(path) == _full(tmp_path, ["d1", "e", "d4"], documents)


def test_the_order_holds_across_row_groups_and_threads(tmp_path):
    """Files of several row groups (122,880 rows each), read by several threads: still the full assembly's order."""
    folder = tmp_path / "documents"
    folder.mkdir()
    documents = Documents(folder)
    keys = [documents.add(key, rows) for key, rows in (("a", 200_000), ("b", 5), ("c", 150_000))]
    root = tmp_path / "assembled"
    _assemble(root, keys, documents)
    keys = ["a", documents.add("new", 130_000), "c"]
    how, path = _assemble(root, keys, documents)
    assert how == "incremental"
    _, reference = _assemble(tmp_path / "reference", keys, documents)
    with duckdb.connect(config={"threads": 4}) as connection:
        column = f'"{frame_columns(FRAME)[0]}"'
        counts = connection.execute(
            f"select count(*), count(*) filter (where a.{column} is distinct from b.{column}) "
            f"from read_parquet('{path}', file_row_number = true) as a "
            f"join read_parquet('{reference}', file_row_number = true) as b using (file_row_number)"
        ).fetchone()
    assert counts == (480_000, 0)


def test_segments_merge_neighbouring_ranges_and_files():
    previous = [("a", 2), ("b", 0), ("c", 3), ("d", 1)]
    current = [("a", None, 2), ("x", Path("x"), 1), ("y", Path("y"), 2), ("c", None, 3), ("d", None, 1), ("b", None, 0)]
    assert segments(previous, current) == [("range", 0, 2), ("files", [Path("x"), Path("y")]), ("range", 2, 6)]
    assert segments(previous, [("d", None, 1), ("a", None, 2)]) == [("range", 5, 6), ("range", 0, 2)]
