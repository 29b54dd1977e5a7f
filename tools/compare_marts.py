"""Dump every mart of a warehouse to canonical CSV files, or compare two such dumps.

A refactoring of the readers, extractors or dbt models must leave the warehouse's rows unchanged.
Build the warehouse before and after (``make run`` with ``BUDGET_DUCKDB_PATH`` and
``BUDGET_INBOX_DIRS`` pointing where you like), dump each, and compare:

    python -m tools.compare_marts dump warehouse/budget.duckdb /tmp/before
    python -m tools.compare_marts dump /tmp/after.duckdb /tmp/after
    python -m tools.compare_marts diff /tmp/before /tmp/after

Columns that differ between two builds of the same documents by design (when and where a file was
read) are left out of the dump; rows are sorted, so the order a model happens to produce is ignored.
Exit code 1 when the dumps differ, with the first differing rows of each table printed.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

VOLATILE_COLUMNS = {"ingested_at", "source_path", "built_at", "generated_at"}


def dump(database: Path, out_dir: Path, schema: str = "marts") -> list[str]:
    """One ``<table>.csv`` per table of ``schema``: stable columns, rows sorted as text."""
    import duckdb

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with duckdb.connect(str(database), read_only=True) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
            ).fetchall()
        ]
        for table in tables:
            relation = connection.execute(f'select * from "{schema}"."{table}"')
            columns = [column[0] for column in relation.description]
            keep = [index for index, name in enumerate(columns) if name not in VOLATILE_COLUMNS]
            rows = sorted(
                ["" if row[index] is None else str(row[index]) for index in keep] for row in relation.fetchall()
            )
            with (out_dir / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow([columns[index] for index in keep])
                writer.writerows(rows)
            written.append(table)
    return written


def diff(before: Path, after: Path, shown: int = 5) -> int:
    """Print the tables whose rows differ; return how many differ (missing tables count)."""
    differing = 0
    names = sorted({path.name for path in before.glob("*.csv")} | {path.name for path in after.glob("*.csv")})
    for name in names:
        old, new = before / name, after / name
        if not old.exists() or not new.exists():
            print(f"{name}: only in {'after' if not old.exists() else 'before'}")
            differing += 1
            continue
        old_rows, new_rows = _rows(old), _rows(new)
        if old_rows == new_rows:
            continue
        differing += 1
        removed, added = sorted(set(old_rows) - set(new_rows)), sorted(set(new_rows) - set(old_rows))
        print(f"{name}: {len(old_rows)} rows before, {len(new_rows)} after; -{len(removed)} +{len(added)}")
        for row in removed[:shown]:
            print(f"  - {row}")
        for row in added[:shown]:
            print(f"  + {row}")
    print(f"{len(names) - differing} of {len(names)} tables identical")
    return differing


def _rows(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dump_command = commands.add_parser("dump", help="write the marts of a DuckDB file as CSV files")
    dump_command.add_argument("database", type=Path)
    dump_command.add_argument("out_dir", type=Path)
    dump_command.add_argument("--schema", default="marts")
    diff_command = commands.add_parser("diff", help="compare two dumps")
    diff_command.add_argument("before", type=Path)
    diff_command.add_argument("after", type=Path)
    arguments = parser.parse_args(argv)
    if arguments.command == "dump":
        tables = dump(arguments.database, arguments.out_dir, arguments.schema)
        print(f"{len(tables)} tables written to {arguments.out_dir}")
        return 0
    return 1 if diff(arguments.before, arguments.after) else 0


if __name__ == "__main__":
    sys.exit(main())
