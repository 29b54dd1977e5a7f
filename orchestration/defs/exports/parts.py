"""Which marts are exported in parts, what a part holds, how a mart's rows are digested and ordered.

A fact or audit mart grows with the documents (``audit_reconciliation`` holds ~1 M rows at 10,000 documents,
``audit_agency_identity`` ~2 M): written as one CSV and one Parquet file, adding one document rewrote
them whole (~15 CPU seconds of ``COPY`` at 10,000 documents, for a few hundred new rows). So every
``fct_``/``audit_`` mart is a folder of parts, ``csv/<mart>/<prefix>.csv`` and
``parquet/<mart>/<prefix>.parquet``: part ``3f`` holds the rows whose key (``document_id``, or ``agency_id``
for marts at agency grain) starts with ``3f``. Keys are hashes, so parts are even, and a document's rows
stay in the same part from one build to the next: adding a document rewrites one part per mart. The
prefix is one hex digit (16 parts) until a mart passes 16 × ``PART_ROWS`` rows, then two (256), and so
on; when a mart's prefix grows, its parts are all written once more under their new names. The ``dim_``
marts (a few thousand rows each, the tables a reader joins to) stay single files.

A reader takes a folder as one table: ``read_csv('csv/<mart>/*.csv')`` and ``read_parquet('parquet/<mart>/
*.parquet')`` in DuckDB, ``pyarrow.dataset.dataset(folder)``, ``pandas.read_parquet(folder)``, Excel's
Power Query "From Folder"; one CSV of a million rows did not open in Excel (1,048,576 rows at most) anyway.

Rows are written in a fixed order, so that the same rows give the same bytes from one build to the next
(a mart has no ``order by``, and a table's stored order depends on the threads dbt built it with): by the
part key, then by every column left to right (each mart's first column is its unique id).

Whether a part must be written again is decided from its row count and a digest of its rows (DuckDB's
``hash`` of every column, summed and xor-ed over the part's rows): one scan of the mart, grouped by part,
and a row that changed cannot keep a stale file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from orchestration.defs.build.reuse import digest

MART_SCHEMA = "marts"
PART_ROWS = 50_000  # rows a part holds, at most, before the mart's parts split 16 ways (a prefix one digit longer)
MAX_PREFIX = 4
OTHER_PART = "other"  # rows whose key is null or not a hex hash (none in a warehouse built by this project)
AGENCY_GRAIN = {  # marts of rows per agency (dbt's marts/across/): a document of the agency changes rows of others
    "audit_agency_identity",
    "audit_cross_document",
    "audit_division_completeness",
    "audit_document_completeness",
    "fct_agency_year_measure",
    "fct_budget_execution",
}
LAYOUT = "parts by key prefix, rows by key then every column"  # in every digest: a new layout rewrites all files


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def part_key(table: str, columns: Sequence[str]) -> str | None:
    """The column a mart's parts are keyed by, or ``None`` for a mart written as one file."""
    if not table.startswith(("fct_", "audit_")):
        return None
    preferred = ("agency_id", "document_id") if table in AGENCY_GRAIN else ("document_id", "agency_id")
    return next((column for column in preferred if column in columns), None)


def prefix_length(rows: int) -> int:
    """Hex digits of the key that name a part: the fewest (from one) that keep parts within ``PART_ROWS`` rows."""
    length = 1
    while rows > PART_ROWS * 16**length and length < MAX_PREFIX:
        length += 1
    return length


def part_filter(key: str, length: int, parts: Sequence[str]) -> str:
    """SQL selecting the rows of ``parts``: a comparison of the key's prefix (cheap, no pattern on every row)
    unless ``OTHER_PART`` is among them."""
    prefix = f"left({quoted(key)}, {length})"
    hexadecimal = [name for name in parts if name != OTHER_PART]
    listed = ", ".join(f"'{name}'" for name in hexadecimal)
    conditions = [f"{prefix} in ({listed})"] if hexadecimal else []
    if OTHER_PART in parts:
        conditions.append(f"not coalesce(regexp_full_match({prefix}, '[0-9a-f]{{{length}}}'), false)")
    return " or ".join(conditions)


def part_name(prefix: str | None, length: int) -> str:
    """The part of a key prefix: itself when it is ``length`` lower-case hex digits (so, a safe file name)."""
    if prefix is not None and len(prefix) == length and all(char in "0123456789abcdef" for char in prefix):
        return prefix
    return OTHER_PART


def order_clause(columns: Sequence[str], key: str | None) -> str:
    """``order by`` the part key, then every column left to right: the same rows give the same file."""
    return "order by " + ", ".join(quoted(column) for column in ([key] if key else []) + list(columns))


@dataclass(frozen=True)
class Mart:
    """A mart's shape and, per part (``""`` for a mart written as one file), the digest of its rows."""

    name: str
    columns: list[str]
    types: list[str]
    rows: int
    key: str | None
    prefix: int  # hex digits naming a part (0 for a mart written as one file)
    parts: dict[str, str]  # part name → digest of the part's rows, schema and layout
    counts: dict[str, int]  # part name → its rows

    @property
    def relation(self) -> str:
        return f"{MART_SCHEMA}.{quoted(self.name)}"

    @property
    def order(self) -> str:
        return order_clause(self.columns, self.key)

    def files(self, part: str) -> list[str]:
        """The files of one part (relative to the exports folder)."""
        if self.key is None:
            return [f"csv/{self.name}.csv", f"parquet/{self.name}.parquet"]
        return [f"csv/{self.name}/{part}.csv", f"parquet/{self.name}/{part}.parquet"]

    def path(self, extension: str) -> str:
        """The mart's file, or folder of parts, in one format (``csv``, ``parquet``; relative to the exports)."""
        return f"{extension}/{self.name}" + ("" if self.key else f".{extension}")

    def location(self, extension: str) -> str:
        """Where a reader finds the mart's rows: its file, or the pattern of its parts."""
        return self.path(extension) + (f"/*.{extension}" if self.key else "")


def describe_mart(connection: duckdb.DuckDBPyConnection, table: str) -> Mart:
    """The mart's columns, types and parts with their digests: one scan of its rows."""
    relation = f"{MART_SCHEMA}.{quoted(table)}"
    description = connection.execute(f"select * from {relation} limit 0").description
    columns = [column[0] for column in description]
    types = [str(column[1]) for column in description]
    key = part_key(table, columns)
    row_hash = f"hash({', '.join(quoted(column) for column in columns)})" if columns else "0"
    # grouped by the longest prefix a part can have, then added up in Python by the prefix the row count
    # asks for: sums and xors add up across groups, so one scan gives both the count and the parts' digests
    prefix_sql = f"left({quoted(key)}, {MAX_PREFIX})" if key else "''"
    sums = connection.execute(
        f"select prefix, count(*), sum(row_hash::hugeint), bit_xor(row_hash) "
        f"from (select {prefix_sql} as prefix, {row_hash} as row_hash from {relation}) group by prefix"
    ).fetchall()
    rows = sum(count for _, count, _, _ in sums)
    prefix = prefix_length(rows) if key else 0
    totals: dict[str, list[int]] = {}  # part → [rows, sum, xor] (prefixes that are not hex go together)
    for name, count, total, xor in sums:
        part = part_name(None if name is None else name[:prefix], prefix) if key else ""
        previous = totals.setdefault(part, [0, 0, 0])
        totals[part] = [previous[0] + count, previous[1] + int(total), previous[2] ^ int(xor)]
    schema = [LAYOUT, columns, types, key, prefix]
    parts = {name: digest([*schema, *values]) for name, values in sorted(totals.items())}
    counts = {name: values[0] for name, values in sorted(totals.items())}
    if not parts:  # no rows: one empty file (a header, a Parquet schema), so that the mart's folder is never empty
        parts, counts = {"0" * prefix: digest([*schema, 0])}, {"0" * prefix: 0}
    return Mart(table, columns, types, int(rows), key, prefix, parts, counts)
