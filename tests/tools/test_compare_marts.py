"""tools/compare_marts.py on tiny generated DuckDB files: what a dump keeps, and what a diff reports."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tools.compare_marts import diff, dump, main


def _warehouse(path: Path, rows: list[tuple], ingested_at: str = "2024-01-02 03:04:05+00") -> Path:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.fct_line_item (line_item_id varchar, amount_yuan decimal(20, 2), "
            "subject_name varchar, ingested_at timestamptz)"
        )
        connection.executemany(
            "insert into marts.fct_line_item values (?, ?, ?, ?)", [(*row, ingested_at) for row in rows]
        )
        connection.execute("create table marts.dim_document (document_id varchar, source_path varchar)")
        connection.execute(f"insert into marts.dim_document values ('d1', '{path.parent}/inbox/a.pdf')")
        connection.execute("create schema staging")
        connection.execute("create table staging.ignored (x integer)")
    return path


ROWS = [("b", "7747000.00", "一般公共服务支出"), ("a", "0.50", None)]


def test_dump_writes_sorted_rows_without_volatile_columns(tmp_path):
    written = dump(_warehouse(tmp_path / "w.duckdb", ROWS), tmp_path / "dump")
    assert written == ["dim_document", "fct_line_item"]  # the marts schema only
    lines = (tmp_path / "dump" / "fct_line_item.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["line_item_id,amount_yuan,subject_name", "a,0.50,", "b,7747000.00,一般公共服务支出"]
    assert (tmp_path / "dump" / "dim_document.csv").read_text(encoding="utf-8").splitlines() == ["document_id", "d1"]


def test_two_builds_of_the_same_rows_are_identical(tmp_path, capsys):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    dump(_warehouse(tmp_path / "one" / "w.duckdb", ROWS), tmp_path / "before")
    later = _warehouse(tmp_path / "two" / "w.duckdb", list(reversed(ROWS)), ingested_at="2025-06-07 08:09:10+00")
    dump(later, tmp_path / "after")
    assert diff(tmp_path / "before", tmp_path / "after") == 0
    assert "2 of 2 tables identical" in capsys.readouterr().out


def test_a_changed_row_and_a_missing_table_are_reported(tmp_path, capsys):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    dump(_warehouse(tmp_path / "one" / "w.duckdb", ROWS), tmp_path / "before")
    dump(_warehouse(tmp_path / "two" / "w.duckdb", [ROWS[0], ("a", "0.51", None)]), tmp_path / "after")
    (tmp_path / "after" / "dim_document.csv").unlink()
    assert diff(tmp_path / "before", tmp_path / "after") == 2
    out = capsys.readouterr().out
    assert "fct_line_item.csv: 3 rows before, 3 after; -1 +1" in out
    assert "  - a,0.50," in out and "  + a,0.51," in out
    assert "dim_document.csv: only in before" in out


def test_command_line_exit_codes(tmp_path):
    database = _warehouse(tmp_path / "w.duckdb", ROWS)
    assert main(["dump", str(database), str(tmp_path / "x")]) == 0
    assert main(["dump", str(database), str(tmp_path / "y")]) == 0
    assert main(["diff", str(tmp_path / "x"), str(tmp_path / "y")]) == 0
    (tmp_path / "y" / "fct_line_item.csv").write_text("line_item_id\n", encoding="utf-8")
    assert main(["diff", str(tmp_path / "x"), str(tmp_path / "y")]) == 1
    with pytest.raises(SystemExit):
        main(["compare"])
