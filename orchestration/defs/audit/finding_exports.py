"""Findings out of the warehouse for spreadsheets and other tools: ``findings.csv`` and ``findings.json``.

One row per finding the report lists (every non-passing check: ``fail`` and ``rounding``), numbered as
on its document's report page, with both sides' locators, pages, boxes and snippets (a side that sums
several printed sources lists each one's page and box in ``<side>_source_boxes``), its latest review
(state, decision, reason, who, when) and the fingerprint of its figures, and links to the page images
and the annotated PDF (relative to the reports folder). The CSV starts with a UTF-8 byte-order mark so
that Excel opens the Chinese text correctly; the JSON is UTF-8 without escapes.

DuckDB writes the rows (``COPY``) from ``finding_tables``' temporary tables and a small table of the
images and annotated PDFs ``page_marks.mark_documents`` produced: at 10,000 documents (~93,000 findings)
the Python writer took half a minute and held every row as a dict. On a later build only the rows of
documents whose digest changed are made; the others' bytes are copied from the last files
(``finding_files``). The bytes are those the Python
writer wrote (``csv.DictWriter`` on rows converted by pandas, ``json.dumps(rows, ensure_ascii=False,
indent=1)``): amounts as the doubles pandas made of them (``7747000.0``), timestamps in ISO form, CSV
lines ending in CRLF and quoted only where needed; the tests compare both writers on the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import duckdb

from orchestration.defs.audit import finding_files
from orchestration.defs.audit.finding_files import Piece
from orchestration.defs.audit.finding_tables import FINDINGS, FULL, PLACES
from orchestration.defs.build.reuse import digest

FINDING_COLUMNS = [
    "document_id",
    "finding_number",
    "source_file",
    "agency_name",
    "fiscal_year",
    "doc_kind",
    "check_id",
    "rule_id",
    "rule_label",
    "check_name",
    "scope",
    "status",
    "review_state",
    "review_decision",
    "review_reason",
    "reviewed_by",
    "reviewed_at",
    "figures_fingerprint",
    "finding_kind",
    "detail",
    "expected_yuan",
    "actual_yuan",
    "difference_yuan",
    "expected_percent",
    "actual_percent",
    "difference_percent",
    *(
        f"{side}_{part}"
        for side in ("expected", "actual")
        for part in ("source_locator", "source_page", "source_bbox", "source_text")
    ),
    "expected_source_boxes",
    "actual_source_boxes",
    "expected_page_image",
    "actual_page_image",
    "annotated_pdf",
]
DERIVED = {"expected_source_boxes", "actual_source_boxes", "expected_page_image", "actual_page_image", "annotated_pdf"}
BOM = "\ufeff"
IMAGES, ANNOTATED = "report_marked_images", "report_marked_pdfs"
_INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
_HEX_ESCAPE = re.compile(r"(\\\\)|\\u(00[0-9A-F]{2})")  # an escaped backslash, or a \u00XX escape


def python_escapes(line: str) -> str:
    """DuckDB's ``to_json`` escapes a control character without a short form as ``\\u001F``, Python's
    ``json.dumps`` as ``\\u001f``: lower the hex digits of such escapes in a line of JSON (an escaped
    backslash followed by "u001F" is text and stays as it is)."""
    return _HEX_ESCAPE.sub(lambda match: match.group(1) or "\\u" + match.group(2).lower(), line)


def _json_value(name: str, kind: str) -> str:
    """A column as JSON text: a number as it is, text through ``to_json``."""
    return f'"{name}"' if kind == "number" else f'to_json("{name}")::varchar'


def register_marked(connection: duckdb.DuckDBPyConnection, marked: Mapping[str, Mapping]) -> None:
    """What ``mark_documents`` produced as two small temporary tables: (document, page, image) and
    (document, annotated PDF)."""
    images = [
        (document_id, page, image) for document_id, extras in marked.items() for page, image in extras["images"].items()
    ]
    connection.execute(
        f"create or replace temp table {IMAGES} as select unnest(?::varchar[]) as document_id, "
        "unnest(?::integer[]) as page, unnest(?::varchar[]) as image",
        [[row[0] for row in images], [row[1] for row in images], [row[2] for row in images]],
    )
    connection.execute(
        f"create or replace temp table {ANNOTATED} as select unnest(?::varchar[]) as document_id, "
        "unnest(?::varchar[]) as annotated_pdf",
        [list(marked), [extras.get("annotated") for extras in marked.values()]],
    )


def _plain(name: str, kind: str) -> tuple[str, str]:
    """(SQL of the column as the text the Python writer wrote, its kind: number, text) — the values pandas
    made of it: decimals and floats as doubles, timestamps in ISO form."""
    column = f'"{name}"'
    if kind in _INTEGER_TYPES:
        return f"cast({column} as varchar)", "number"
    if kind.startswith("DECIMAL") or kind in {"DOUBLE", "FLOAT"}:
        return f"cast(cast({column} as double) as varchar)", "number"
    if kind in {"VARCHAR"}:
        return column, "text"
    if kind == "TIMESTAMP":
        fraction = f"case when epoch_us({column}) % 1000000 <> 0 then strftime({column}, '.%f') else '' end"
        return f"(strftime({column}, '%Y-%m-%dT%H:%M:%S') || {fraction})", "text"
    raise TypeError(f"findings export: no rule for column {name} of type {kind}")


ORDER = "document_id, cast(finding_number as integer)"  # documents in id order, findings by number


def _derived() -> str:
    """Per check, each side's boxes (every placed source, in the order the side names them) and page
    images (each page once, in page order, where ``mark_documents`` rendered it): grouped once, joined
    by check id."""
    boxes = ", ".join(
        f"string_agg('p' || page || ' ' || bbox, '; ' order by position) filter (where side = '{side}') "
        f"as {side}_source_boxes"
        for side in ("expected", "actual")
    )
    images = ", ".join(
        f"string_agg(image, '; ' order by page) filter (where side = '{side}') as {side}_page_image"
        for side in ("expected", "actual")
    )
    return (
        f"left join (select check_id, {boxes} from {PLACES} group by check_id) as boxes using (check_id) "
        f"left join (select check_id, {images} from (select distinct places.check_id, places.side, places.page, "
        f"images.image from {PLACES} as places join {IMAGES} as images "
        "on images.document_id = places.document_id and images.page = places.page) group by check_id) "
        "as images using (check_id)"
    )


def export_select(connection: duckdb.DuckDBPyConnection, where: str = "") -> tuple[str, dict[str, str]]:
    """The export rows in SQL (unordered: order by ``ORDER``) of the findings ``where`` picks (SQL on
    ``report_findings_full``), every column as the text the Python writer wrote, and each column's kind
    (number or text). Needs ``finding_tables.create_finding_tables`` and :func:`register_marked`."""
    types = dict(connection.execute(f"select column_name, column_type from (describe {FULL})").fetchall())
    columns, kinds = [], {}
    for name in FINDING_COLUMNS:
        if name in DERIVED:
            columns.append(f'"{name}"')
            kinds[name] = "text"
        else:
            expression, kinds[name] = _plain(name, types[name])
            columns.append(f'{expression} as "{name}"')
    select = (
        f"select {', '.join(columns)} from (select findings.*, boxes.* exclude (check_id), "
        f"images.* exclude (check_id), marked.annotated_pdf from (select * from {FULL} where status <> 'pass' "
        f"{where}) as findings {_derived()} "
        f"left join {ANNOTATED} as marked using (document_id))"
    )
    return select, kinds


EXPORT = "report_export"


def csv_header() -> bytes:
    """findings.csv's first line: the column names behind a UTF-8 byte-order mark (none needs quoting)."""
    return (BOM + ",".join(FINDING_COLUMNS) + "\r\n").encode()


def _register_python_escapes(connection: duckdb.DuckDBPyConnection) -> None:
    try:
        connection.create_function("python_escapes", python_escapes, ["VARCHAR"], "VARCHAR")
    except duckdb.NotImplementedException:  # registered by an earlier call on this connection
        pass


def create_export_rows(connection: duckdb.DuckDBPyConnection, document_ids: list[str] | None = None) -> dict:
    """``report_export``: the rows of the findings of ``document_ids`` (all when ``None``) as text, numbered
    in file order (``export_row``); returns each column's kind (number or text). Needs
    ``finding_tables.create_finding_tables`` and :func:`register_marked`."""
    where, parameters = "", []
    if document_ids is not None:
        where, parameters = "and document_id in (select unnest(?))", [document_ids]
    select, kinds = export_select(connection, where)
    # Rows in file order, scanned in the order inserted (DuckDB keeps insertion order): no sort of the
    # written text, whose size grows with the findings.
    connection.execute(
        f"create or replace temp table {EXPORT} as select row_number() over (order by {ORDER}) as export_row, * "
        f"from ({select}) order by export_row",
        parameters,
    )
    return kinds


def copy_export_lines(
    connection: duckdb.DuckDBPyConnection, kinds: Mapping[str, str], csv_path: Path, json_path: Path
) -> dict[str, tuple[int, int]]:
    """Write ``report_export``'s rows, in file order, as CSV lines (DuckDB's CSV writer, no header) and as
    JSON objects each followed by ``,`` and a newline; returns per document, in file order, the bytes of its
    CSV and of its JSON text (found in the files written: :func:`finding_files.record_ends`)."""
    names = [f'nullif("{name}", \'\') as "{name}"' for name in FINDING_COLUMNS]
    connection.execute(
        f"copy (select {', '.join(names)} from {EXPORT}) to '{csv_path}' "
        "(format csv, header false, new_line e'\\r\\n', comment '')"
    )
    _register_python_escapes(connection)
    # One concat() of every piece: a chain of `||` keeps each intermediate string of a chunk alive, which
    # measured 300 MB for 9,000 findings.
    values = [f"'  \"{name}\": ', coalesce({_json_value(name, kinds[name])}, 'null')" for name in FINDING_COLUMNS]
    block = ", ',\n', ".join(values)
    connection.execute(
        "copy (select case when contains(line, '\\u00') then python_escapes(line) else line end "
        f"from (select concat(' {{\n', {block}, '\n }},') as line from {EXPORT})) "
        f"to '{json_path}' (format csv, header false, quote '', escape '', delimiter e'\\x01', new_line e'\\n')"
    )
    rows = connection.execute(
        f"select document_id, count(*) from {EXPORT} group by document_id order by min(export_row)"
    ).fetchall()
    connection.execute(f"drop table {EXPORT}")
    lengths = {}
    for path, record_end, complete in ((csv_path, b"\r\n", finding_files.even_quotes), (json_path, JSON_END, None)):
        ends = finding_files.record_ends(path, record_end, complete)
        start = 0
        for document_id, count in rows:
            for _ in range(count):
                end = next(ends)
            lengths.setdefault(document_id, []).append(end - start)
            start = end
        if next(ends, None) is not None:
            raise RuntimeError(f"findings export: {path.name} holds more rows than DuckDB wrote")
    return {document_id: tuple(sizes) for document_id, sizes in lengths.items()}


JSON_END = b"\n },\n"  # the end of each object in the JSON rows' file (a string's line breaks are escaped)
FILES = ("findings.csv", "findings.json")
# The code that turns a document's findings into its rows: a change to it makes every row stale.
_ROW_CODE = digest([(Path(__file__).parent / name).read_text(encoding="utf-8") for name in ("finding_exports.py",)])


def write_finding_exports(
    connection: duckdb.DuckDBPyConnection, directory: Path, digests: Mapping[str, str] | None = None
) -> tuple[Path, Path]:
    """findings.csv and findings.json in ``directory``. With ``digests`` (per document, of everything its rows
    show: ``finding_tables.document_digests`` and its marks), a document whose digest is the one its rows
    in the last files were written from keeps those bytes (``finding_files``: copied, not made again), and
    DuckDB makes only the other documents' rows. Needs ``finding_tables.create_finding_tables`` and
    :func:`register_marked`."""
    directory.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = (directory / name for name in FILES)
    query = f"select distinct document_id from {FINDINGS} order by all"  # ORDER's documents
    order = [row[0] for row in connection.execute(query).fetchall()]
    wanted = {d: digest([_ROW_CODE, digests[d]]) for d in order if d in (digests or {})}
    previous = finding_files.memo(directory).load(FILES) if wanted else {}
    reused = {d for d in order if d in wanted and d in previous and previous[d][0] == wanted[d]}
    finding_files.memo(directory).forget()
    kinds = create_export_rows(connection, [d for d in order if d not in reused] if reused else None)
    rows_csv, rows_json = (directory / f".{name}.rows" for name in FILES)
    try:
        lengths = copy_export_lines(connection, kinds, rows_csv, rows_json)
        for column, rows in enumerate((rows_csv, rows_json)):
            if rows.stat().st_size != sum(sizes[column] for sizes in lengths.values()):
                raise RuntimeError(f"findings export: {rows.name} holds bytes after the rows DuckDB wrote")
        pieces = [
            [Piece(True, previous[d][2 + 2 * column], previous[d][1 + 2 * column]) for column in (0, 1)]
            if d in reused
            else [Piece(False, lengths[d][column]) for column in (0, 1)]
            for d in order
        ]
        placed_csv = finding_files.splice(csv_path, csv_header(), [p[0] for p in pieces], csv_path, rows_csv)
        placed_json = finding_files.splice(
            json_path, b"[\n", [p[1] for p in pieces], json_path, rows_json, tail=(b",\n", b"\n]"), empty=b"[]"
        )
    finally:
        rows_csv.unlink(missing_ok=True)
        rows_json.unlink(missing_ok=True)
    if wanted:
        documents = {d: [wanted.get(d), *placed_csv[i], *placed_json[i]] for i, d in enumerate(order)}
        finding_files.memo(directory).save(FILES, documents)
    return csv_path, json_path
