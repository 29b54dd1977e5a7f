"""Benchmark: the cost of agency identity at scale, ingestion side and dbt side, on synthetic names.

    python -m tools.bench_agency_identity [--names 5000]

Generates N printed agency names from the admin_divisions seed (every city and county, full and short
body forms, with or without 人民政府), then prints:

* the seconds ``canonical_agency`` takes for all of them (ingestion resolves each document once);
* the seconds DuckDB takes to run the SQL of ``int_agencies_resolved`` at ``--ref`` (default: the working
  tree) on a documents table of those names, so a change of the model can be compared with the one
  before it (``--ref main``, when that version placed names itself);
* with ``--documents FILE_OR_FOLDER …``, the seconds per real document of reading its metadata and
  resolving its agency (``extract_metadata`` + ``resolve_document_agency``, the fastest of three runs),
  the per-document cost that grows with the admin-division seed (``tools.bench_extraction`` times the
  facts extraction, which starts after them).
"""

from __future__ import annotations

import argparse
import itertools
import re
import subprocess
import time
from pathlib import Path

import duckdb

from ingestion.extract.agency_identity import canonical_agency
from ingestion.extract.agency_names import identity_columns, resolve_document_agency
from ingestion.extract.metadata import extract_metadata
from ingestion.extract.places import divisions
from ingestion.readers import file_sha256, read_document
from ingestion.readers.web_forms import prepare

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MODEL = "dbt_project/models/intermediate/agencies/int_agencies_resolved.sql"
SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"
BODIES = (
    "财政局",
    "网信办",
    "委网信办",
    "人社局",
    "发改委",
    "政府办",
    "人大常委会办公室",
    "长征街道办事处",
    "人民政府长征街道办事处",
)


def synthetic_names(count: int) -> list[str]:
    places = [d.full_place for d in divisions() if d.level in ("city", "county")]
    pairs = itertools.cycle(itertools.product(BODIES, places))
    return [f"{place}{body}" for body, place in itertools.islice(pairs, count)]


def _model_sql(ref: str | None) -> str:
    if ref is None:
        text = (PROJECT_ROOT / MODEL).read_text(encoding="utf-8")
    else:
        text = subprocess.run(
            ["git", "show", f"{ref}:{MODEL}"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
        ).stdout
    text = re.sub(r"\{#-.*?-#\}", "", text, flags=re.S)
    text = re.sub(r"\{\{\s*ref\('stg_ingested__documents'\)\s*\}\}", "documents_table", text)
    text = re.sub(r"\{\{\s*ref\('int_documents_identified'\)\s*\}\}", "documents_table", text)
    text = re.sub(r"\{\{\s*ref\('(\w+)'\)\s*\}\}", r"\1", text)
    return re.sub(r"\{\{\s*agency_id\('([^']+)'\)\s*\}\}", r"substr(sha256(\1), 1, 16)", text)


def bench_sql(names: list[str], ref: str | None) -> tuple[float, int]:
    connection = duckdb.connect()
    for seed in ("admin_divisions", "agency_types"):
        connection.execute(f"create table {seed} as select * from read_csv('{SEEDS / seed}.csv', all_varchar=true)")
    rows = []
    for index, name in enumerate(names):
        columns = identity_columns(canonical_agency(name))
        rows.append((f"{index:016d}", "parsed", name, None, *columns.values()))
    connection.execute(
        "create table documents_table (document_id varchar, status varchar, agency_name varchar, short_name varchar,"
        " canonical_agency_name varchar, agency_province varchar, agency_city varchar, agency_county varchar,"
        " agency_admin_level varchar)"
    )
    connection.executemany("insert into documents_table values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    connection.execute(
        "create or replace table documents_table as select * exclude (agency_name), agency_name as printed_agency_name,"
        " coalesce(canonical_agency_name, agency_name) as agency_name from documents_table"
        if ref is None
        else "select 1"
    )
    started = time.perf_counter()
    count = connection.execute(f"select count(*) from ({_model_sql(ref)})").fetchone()[0]
    return time.perf_counter() - started, count


def bench_documents(inputs: list[Path], repeat: int = 3) -> None:
    files = [
        p
        for path in inputs
        for p in (sorted(path.iterdir()) if path.is_dir() else [path])
        if p.is_file() and p.suffix != ".md"
    ]
    total = 0.0
    for path in files:
        document, _ = prepare(read_document(path, file_sha256(path)))
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            agency = resolve_document_agency(document, extract_metadata(document))
            best = min(best, time.perf_counter() - started)
        total += best
        name = agency.identity.canonical_name if agency.identity else "-"
        print(f"{path.name[:50]:<50} {best:7.3f} s  {name}")
    print(f"metadata + agency identity: mean {total / max(len(files), 1):.3f} s per document over {len(files)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=5000)
    parser.add_argument("--ref", default=None, help="git ref of int_agencies_resolved.sql (default: working tree)")
    parser.add_argument("--documents", nargs="*", type=Path, default=None, help="time real documents instead")
    arguments = parser.parse_args()
    if arguments.documents:
        bench_documents(arguments.documents)
        return
    names = synthetic_names(arguments.names)
    started = time.perf_counter()
    canonical = {canonical_agency(name).canonical_name for name in names}
    python_seconds = time.perf_counter() - started
    print(f"names: {len(names)}, canonical agencies: {len(canonical)}")
    print(f"canonical_agency: {python_seconds:.2f} s ({python_seconds / len(names) * 1000:.3f} ms per name)")
    seconds, rows = bench_sql(names, arguments.ref)
    print(f"int_agencies_resolved ({arguments.ref or 'working tree'}): {seconds:.2f} s, {rows} agencies")


if __name__ == "__main__":
    main()
