"""Marts exported in parts keyed by document: which part a row goes to, what each part file holds (byte for
byte), which parts a run rewrites, and that the same rows give the same files whatever order they were stored in."""

from __future__ import annotations

import os
import shutil

import duckdb
import pytest

from orchestration.defs.exports import parts
from orchestration.defs.exports.parts import OTHER_PART, part_key, part_name, prefix_length
from orchestration.defs.exports.writers import BOM, write_exports

# three documents in part "1", one in "a", one in "f" (the first hex digit of their ids)
DOCUMENTS = ["1000000000000001", "1000000000000002", "1fffffffffffffff", "a000000000000000", "f000000000000000"]


def _warehouse(path, documents, *, shuffle: bool = False) -> None:
    """marts.fct_item: three rows per document (one with a comma, quote and newline); marts.dim_thing: two rows.
    ``shuffle`` stores the same rows in another order."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema if not exists marts")
        connection.execute("create or replace table documents (document_id varchar)")
        connection.executemany("insert into documents values (?)", [[document] for document in documents])
        order = "order by hash(item_id)" if shuffle else "order by item_id"
        connection.execute(
            f"""create or replace table marts.fct_item as
            select document_id || '-' || n as item_id, document_id, n * 1.50::decimal(20, 2) as amount_yuan,
                   case n when 2 then '预算, "总表"' || chr(10) || '第二行' else '财政局' end as label
            from documents, range(3) as r(n) {order}"""
        )
        connection.execute(
            f"create or replace table marts.dim_thing as select * from (values (2, 'b'), (1, 'a')) as t(id, name) "
            f"{'order by id desc' if shuffle else 'order by id'}"
        )


def _files(directory):
    return {str(path.relative_to(directory)): path.read_bytes() for path in directory.rglob("*") if path.is_file()}


def _expected_csv(database, where: str) -> bytes:
    """What the part's CSV must hold: a BOM, the header, the rows in key order, as DuckDB writes them."""
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            f"select * from marts.fct_item where {where} order by document_id, item_id"
        ).fetchall()
    header = "item_id,document_id,amount_yuan,label\n"
    lines = []
    for item_id, document_id, amount, label in rows:
        text = f'"{label.replace(chr(34), chr(34) * 2)}"' if any(char in label for char in ',"\n') else label
        lines.append(f"{item_id},{document_id},{amount},{text}\n")
    return BOM + (header + "".join(lines)).encode()


def test_facts_and_audits_are_keyed_by_document_or_agency_and_dimensions_are_single_files():
    assert part_key("fct_line_item", ["line_item_id", "document_id", "agency_id"]) == "document_id"
    assert part_key("fct_budget_execution", ["execution_id", "agency_id"]) == "agency_id"
    assert part_key("audit_document_completeness", ["completeness_id", "agency_id", "document_id"]) == "agency_id"
    assert part_key("dim_document", ["document_id", "agency_id"]) is None
    assert part_key("fct_without_key", ["id"]) is None


def test_a_part_is_named_by_the_first_hex_digits_and_the_prefix_grows_with_the_rows(monkeypatch):
    monkeypatch.setattr(parts, "PART_ROWS", 10)
    assert [prefix_length(rows) for rows in (0, 160, 161, 2560, 2561)] == [1, 1, 2, 2, 3]
    assert part_name("3f", 2) == "3f"
    assert [part_name(prefix, 2) for prefix in (None, "3", "3F", "../", "zz")] == [OTHER_PART] * 5


def test_each_part_holds_its_documents_rows_in_key_order_byte_for_byte(tmp_path):
    database = tmp_path / "w.duckdb"
    _warehouse(database, DOCUMENTS, shuffle=True)
    exports = write_exports(database, tmp_path / "exports", {})
    folder = exports.files["csv/fct_item"]
    assert sorted(path.name for path in folder.iterdir()) == ["1.csv", "a.csv", "f.csv"]
    assert (folder / "1.csv").read_bytes() == _expected_csv(database, "document_id like '1%'")
    assert (folder / "f.csv").read_bytes() == _expected_csv(database, "document_id like 'f%'")
    assert exports.files["csv/dim_thing"].read_bytes() == BOM + b"id,name\n1,a\n2,b\n"
    with duckdb.connect() as connection:
        parquet = exports.files["parquet/fct_item"]
        assert sorted(path.name for path in parquet.iterdir()) == ["1.parquet", "a.parquet", "f.parquet"]
        assert connection.execute(f"select count(*), sum(amount_yuan) from '{parquet}/*.parquet'").fetchone() == (
            15,
            pytest.approx(22.5),
        )
        assert connection.execute(f"select item_id from '{parquet}/1.parquet'").fetchall()[:2] == [
            ("1000000000000001-0",),
            ("1000000000000001-1",),
        ]


def test_the_same_rows_stored_in_another_order_give_the_same_bytes(tmp_path):
    first, second = tmp_path / "first.duckdb", tmp_path / "second.duckdb"
    _warehouse(first, DOCUMENTS)
    _warehouse(second, DOCUMENTS, shuffle=True)
    write_exports(first, tmp_path / "first", {})
    write_exports(second, tmp_path / "second", {})
    written, again = _files(tmp_path / "first"), _files(tmp_path / "second")
    del written["marts.xlsx"], again["marts.xlsx"]  # a zip: its entries carry the time they were written
    assert written == again


def test_adding_a_document_rewrites_its_part_only_and_equals_a_build_from_scratch(tmp_path):
    database, published = tmp_path / "w.duckdb", tmp_path / "published"
    _warehouse(database, DOCUMENTS)
    write_exports(database, published, {})
    working = tmp_path / "working"
    shutil.copytree(published, working, copy_function=os.link)  # what a run starts from
    untouched = {name: (working / name).stat().st_ino for name in ("csv/fct_item/1.csv", "parquet/fct_item/f.parquet")}

    _warehouse(database, [*DOCUMENTS, "a000000000000001"])
    exports = write_exports(database, working, {})
    assert exports.rewritten["fct_item"] == "1 of 3 parts" and "dim_thing" not in exports.rewritten
    assert {name: (working / name).stat().st_ino for name in untouched} == untouched  # still the published files
    assert (working / "csv/fct_item/a.csv").read_bytes() == _expected_csv(database, "document_id like 'a%'")
    assert b"a000000000000001" not in (published / "csv/fct_item/a.csv").read_bytes()  # published: never written

    scratch = write_exports(database, tmp_path / "scratch", {})
    incremental, full = _files(working), _files(tmp_path / "scratch")
    assert scratch.rewritten["fct_item"] == "3 of 3 parts"
    del incremental["marts.xlsx"], full["marts.xlsx"]
    assert incremental == full


def test_a_deleted_documents_rows_leave_and_an_emptied_part_is_removed(tmp_path):
    database, directory = tmp_path / "w.duckdb", tmp_path / "exports"
    _warehouse(database, DOCUMENTS)
    write_exports(database, directory, {})
    _warehouse(
        database, [document for document in DOCUMENTS if document not in ("1000000000000002", "f000000000000000")]
    )
    exports = write_exports(database, directory, {})
    assert exports.rewritten["fct_item"] == "1 of 2 parts"
    assert sorted(path.name for path in (directory / "csv/fct_item").iterdir()) == ["1.csv", "a.csv"]
    assert sorted(path.name for path in (directory / "parquet/fct_item").iterdir()) == ["1.parquet", "a.parquet"]
    assert b"1000000000000002" not in (directory / "csv/fct_item/1.csv").read_bytes()
    assert (directory / "csv/fct_item/1.csv").read_bytes() == _expected_csv(database, "document_id like '1%'")


def test_when_the_prefix_grows_the_parts_are_renamed_and_the_old_ones_removed(tmp_path, monkeypatch):
    database, directory = tmp_path / "w.duckdb", tmp_path / "exports"
    _warehouse(database, DOCUMENTS)
    write_exports(database, directory, {})
    monkeypatch.setattr(parts, "PART_ROWS", 0.5)  # 15 rows: now more than 16 parts hold, two digits
    exports = write_exports(database, directory, {})
    assert exports.rewritten["fct_item"] == "4 of 4 parts"
    assert sorted(path.name for path in (directory / "csv/fct_item").iterdir()) == [
        "10.csv",
        "1f.csv",
        "a0.csv",
        "f0.csv",
    ]
    assert (directory / "csv/fct_item/10.csv").read_bytes() == _expected_csv(database, "document_id like '10%'")


def test_rows_whose_key_is_not_a_hash_go_to_one_other_part_and_an_empty_mart_to_an_empty_part(tmp_path):
    database = tmp_path / "w.duckdb"
    _warehouse(database, ["1000000000000001", "../etc", "A000000000000000"])
    with duckdb.connect(str(database)) as connection:
        connection.execute("insert into marts.fct_item values ('null-0', null, 1, 'x')")
        connection.execute("create table marts.audit_nothing (finding_id varchar, document_id varchar)")
    exports = write_exports(database, tmp_path / "exports", {})
    assert sorted(path.name for path in exports.files["csv/fct_item"].iterdir()) == ["1.csv", f"{OTHER_PART}.csv"]
    with duckdb.connect() as connection:
        other = exports.files["csv/fct_item"] / f"{OTHER_PART}.csv"
        items = {item for (item,) in connection.execute(f"select item_id from read_csv('{other}')").fetchall()}
    assert items == {f"{key}-{n}" for key in ("../etc", "A000000000000000") for n in range(3)} | {"null-0"}
    assert exports.files["csv/audit_nothing"].joinpath("0.csv").read_bytes() == BOM + b"finding_id,document_id\n"
    with duckdb.connect() as connection:
        empty = exports.files["parquet/audit_nothing"] / "0.parquet"
        assert connection.execute(f"select count(*) from '{empty}'").fetchone() == (0,)
