"""Agency pages: where people look rather than read — budget against actual, the 三公 trend over the
years, and what the agency published, for one agency on one static page, plus an index of agencies.

Plain functions over plain rows (dicts from the marts), tested without Dagster or DuckDB. Charts are
SVG files written next to the pages at build time (charts.py); the pages load nothing from the web.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path

from orchestration.defs.agency_pages import charts
from orchestration.defs.audit.report_pages import STYLE, _text, wan_yuan
from orchestration.defs.build.reuse import OutputMemo, digest, write_new

GRID_STYLE = (
    ".present{background:#dff3e0}.missing{background:#fde2e1}.empty_with_statement{background:#fff6d6}"
    "img{max-width:100%}h2{margin-top:2rem}"
)
FUND_PREFERENCE = ["all", "general_public_budget", "fiscal_appropriation"]
HEADLINE_MEASURES = [
    "expenditure_total",
    "basic_expenditure",
    "project_expenditure",
    "personnel_expenditure",
    "public_expenditure",
    "office_operation_expense",
    "three_public_total",
]
PER_AGENCY_MARTS = [
    "fct_budget_execution",
    "fct_agency_year_measure",
    "audit_document_completeness",
    "audit_cross_document",
]
STATUS_LABELS = {"present": "有 present", "missing": "缺 missing", "empty_with_statement": "空表 empty (stated)"}


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{_text(title)}</title>'
        f"<style>{STYLE}{GRID_STYLE}</style></head><body>{body}</body></html>"
    )


def _rate(value) -> str:
    return "" if value is None else f"{Decimal(str(value)) * 100:.1f}%"


def subject_lines(execution: Iterable[Mapping], year: int) -> list[dict]:
    """Functional lines of one year at the most aggregated level printed (类 when printed, never summed
    here), budget against actual, in the best-covered fund source."""
    functional = [
        row
        for row in execution
        if row["fiscal_year"] == year and row["subject_kind"] == "functional" and row["expense_type"] == "total"
    ]
    if not functional:
        return []
    level = min(len(row["functional_subject_code"]) for row in functional)
    lines = [row for row in functional if len(row["functional_subject_code"]) == level]
    by_fund: dict[str, list[Mapping]] = defaultdict(list)
    for row in lines:
        by_fund[row["fund_source"]].append(row)
    fund = max(
        by_fund,
        key=lambda name: (
            sum(1 for row in by_fund[name] if row["sides_present"] == "both"),
            len(by_fund[name]),
            -FUND_PREFERENCE.index(name) if name in FUND_PREFERENCE else -99,
        ),
    )
    return [
        {
            "label": f"{row['functional_subject_code']} {row['subject_name'] or ''}".strip(),
            "budget": row["reference_budget_yuan"],
            "actual": row["actual_yuan"],
            "fund_source": fund,
        }
        for row in sorted(by_fund[fund], key=lambda row: row["functional_subject_code"])
    ]


def three_public_series(series: Iterable[Mapping]) -> dict[str, dict[int, object]]:
    """{'<category> 预算' / '<category> 决算': {year: yuan}} of the 三公 measures."""
    points: dict[str, dict[int, object]] = defaultdict(dict)
    for row in series:
        if row["measure"].startswith("three_public_") and row["amount_yuan"] is not None:
            kind = "预算" if row["doc_kind"] == "budget" else "决算"
            points[f"{row['measure_label']} {kind}"][row["fiscal_year"]] = row["amount_yuan"]
    return dict(points)


def _measure_table(execution: Iterable[Mapping]) -> str:
    rows = sorted(
        (row for row in execution if row["subject_kind"] == "measure" and row["measure"] in HEADLINE_MEASURES),
        key=lambda row: (row["fiscal_year"], HEADLINE_MEASURES.index(row["measure"]), row["fund_source"]),
    )
    if not rows:
        return "<p>No stated totals to compare.</p>"
    body = "".join(
        f"<tr><td>{row['fiscal_year']}</td><td>{_text(row['subject_name'])}</td><td>{_text(row['fund_source'])}</td>"
        f"<td class=num>{wan_yuan(row['reference_budget_yuan'])}</td><td class=num>{wan_yuan(row['actual_yuan'])}</td>"
        f"<td class=num>{_rate(row['execution_rate'])}</td><td>{_text(row['sides_present'])}"
        f"{'<br>' + _text(row['missing_side_reason']) if row['missing_side_reason'] else ''}</td></tr>"
        for row in rows
    )
    return (
        "<table><tr><th>year</th><th>measure</th><th>fund source</th><th>budget</th><th>actual</th>"
        f"<th>execution</th><th>sides</th></tr>{body}</table>"
    )


def completeness_grid(completeness: Iterable[Mapping]) -> str:
    """Items (the document, then the standard tables) down, year × kind across, status in each cell."""
    rows = list(completeness)
    if not rows:
        return "<p>Nothing published.</p>"
    columns = sorted({(row["fiscal_year"], row["doc_kind"]) for row in rows})
    # one row for the document whatever its kind (the mart labels it 部门预算 / 部门决算)
    items = sorted(
        {(row["item_order"], row["item_key"], "文件 document" if row["item_kind"] == "document" else row["item_label"])
         for row in rows}
    )  # fmt: skip
    cells = {(row["item_key"], row["fiscal_year"], row["doc_kind"]): row for row in rows}
    header = "".join(f"<th>{year}<br>{'预算' if kind == 'budget' else '决算'}</th>" for year, kind in columns)
    body = ""
    for _, key, label in items:
        body += f"<tr><td>{_text(label)}</td>"
        for year, kind in columns:
            cell = cells.get((key, year, kind))
            if cell is None:
                body += "<td></td>"
                continue
            title = f' title="{_text(cell["detail"])}"' if cell.get("detail") else ""
            body += f'<td class="{cell["status"]}"{title}>{STATUS_LABELS.get(cell["status"], cell["status"])}</td>'
        body += "</tr>"
    return f"<table><tr><th>item</th>{header}</tr>{body}</table>"


def _findings(findings: Iterable[Mapping], identity: Iterable[Mapping]) -> str:
    items = [
        f"<li><code>{_text(row['rule_id'])}</code> {row['fiscal_year']}: {_text(row['detail'])}</li>"
        for row in findings
        if row["status"] != "pass"
    ]
    items += [f"<li>identity ({_text(row['disagreement_kind'])}): {_text(row['detail'])}</li>" for row in identity]
    return f"<ul>{''.join(items)}</ul>" if items else "<p>None.</p>"


def agency_page(
    agency: Mapping,
    execution: list[Mapping],
    series: list[Mapping],
    completeness: list[Mapping],
    findings: list[Mapping],
    identity: list[Mapping],
    chart_dir: Path,
) -> str:
    """One agency's page; its charts are written to ``chart_dir`` (named by agency id) and linked."""
    agency_id = agency["agency_id"]
    place = " · ".join(str(agency[key]) for key in ("province", "city", "county") if agency.get(key))
    body = (
        f"<p><a href=index.html>← all agencies</a></p><h1>{_text(agency['agency_name'])}</h1>"
        f"<p>{_text(place)} · agency id <code>{_text(agency_id)}</code>. Amounts in 万元; the budget is the "
        "budget document's figure, else the final account's own 预算数.</p><h2>预算与决算 Budget against actual</h2>"
    )
    years = sorted({row["fiscal_year"] for row in execution})
    for year in years:
        lines = subject_lines(execution, year)
        if lines:
            name = f"{agency_id}_{year}_subjects.svg"
            title = f"{year} 支出功能分类 · {lines[0]['fund_source']}"
            write_new(chart_dir / name, charts.budget_actual_bars(title, lines))
            body += f'<p><img src="charts/{name}" alt="{year} budget against actual by functional class"></p>'
    body += _measure_table(execution)
    trend = three_public_series(series)
    body += "<h2>“三公”经费 over the years</h2>"
    if trend:
        name = f"{agency_id}_three_public.svg"
        write_new(chart_dir / name, charts.trend_lines("“三公”经费", trend))
        body += f'<p><img src="charts/{name}" alt="三公 expenses by year"></p>'
    else:
        body += "<p>No 三公 figures.</p>"
    body += "<h2>What was published</h2>" + completeness_grid(completeness)
    body += "<h2>Findings across documents</h2>" + _findings(findings, identity)
    return _page(str(agency["agency_name"]), body)


def missing_documents(completeness: Iterable[Mapping]) -> dict[str, int]:
    """Documents missing per agency (audit_document_completeness rows), for the index."""
    missing: dict[str, int] = defaultdict(int)
    for row in completeness:
        if row["item_kind"] == "document" and row["status"] == "missing":
            missing[row["agency_id"]] += 1
    return missing


def index_page(agencies: list[Mapping], missing: Mapping[str, int]) -> str:
    rows = "".join(
        f'<tr><td><a href="{_text(agency["agency_id"])}.html">{_text(agency["agency_name"])}</a></td>'
        f"<td>{_text(agency.get('province'))} {_text(agency.get('city'))} {_text(agency.get('county'))}</td>"
        f"<td class=num>{agency.get('document_count') or 0}</td>"
        f"<td class=num>{missing.get(agency['agency_id'], 0)}</td></tr>"
        for agency in sorted(agencies, key=lambda agency: agency["agency_name"])
    )
    body = (
        "<p><a href=../index.html>← reconciliation findings</a></p><h1>Agencies</h1><table><tr><th>agency</th>"
        f"<th>division</th><th>documents</th><th>documents missing</th></tr>{rows}</table>"
    )
    return _page("Agencies", body)


AGENCY_ROWS = (  # an agency's rows of each mart, in the order agency_page takes them
    "fct_budget_execution",
    "fct_agency_year_measure",
    "audit_document_completeness",
    "audit_cross_document",
    "audit_agency_identity",
)


def agency_rows(marts: Mapping[str, list[Mapping]]) -> dict[str, dict[str, list[Mapping]]]:
    """Each mart's rows by agency (an identity finding goes to both agencies it names)."""
    grouped: dict[str, dict[str, list[Mapping]]] = defaultdict(lambda: defaultdict(list))
    for name in PER_AGENCY_MARTS:
        for row in marts[name]:
            grouped[name][row["agency_id"]].append(row)
    for row in marts["audit_agency_identity"]:
        for agency_id in {row["agency_id"], row["other_agency_id"]} - {None}:
            grouped["audit_agency_identity"][agency_id].append(row)
    return grouped


CHART_LINK = re.compile(r'<img src="(charts/[^"]+\.svg)"')
# Mart rows read into Python at once (~2.5 KB each as dicts): a full build writes thousands of agencies, and
# one agency may have thousands of rows (every pair of a big cluster of possibly-same agencies).
ROWS_PER_BATCH = 100_000


def _agency_rows(grouped: Mapping[str, Mapping[str, list[Mapping]]], agency_id: str) -> list[list[Mapping]]:
    return [grouped[name].get(agency_id, []) for name in AGENCY_ROWS]


def write_agency_pages(
    directory: Path,
    marts: Mapping[str, list[Mapping]],
    digests: Mapping[str, str] | None = None,
    missing: Mapping[str, int] | None = None,
    read_rows: Callable[[set[str]], Mapping[str, list[Mapping]]] | None = None,
    row_counts: Mapping[str, int] | None = None,
    rows_per_batch: int = ROWS_PER_BATCH,
    rewritten: set[str] | None = None,
) -> list[Path]:
    """Write index.html, one page per agency and the charts; returns the paths of the pages (index first).

    ``marts`` holds the rows of dim_agency, fct_budget_execution, fct_agency_year_measure,
    audit_document_completeness, audit_cross_document and audit_agency_identity. An agency whose
    digest (``digests``, else one computed from its rows here) is the one its files were written from
    keeps them. With ``digests`` and the documents ``missing`` per agency (for the index), ``marts``
    needs only dim_agency and ``read_rows(agency_ids)`` returns the other marts' rows of those agencies:
    only the agencies whose pages must be written are read, in batches of about ``rows_per_batch`` rows by
    their ``row_counts`` (one row each when not counted), so a full build of thousands of agencies never
    holds all their rows in Python at once. Pages of agencies gone since the last build
    are removed. The ids of the agencies whose page was written are added to ``rewritten`` when given.
    """
    chart_dir = directory / "charts"
    chart_dir.mkdir(parents=True, exist_ok=True)
    grouped = agency_rows(marts) if read_rows is None else None
    if missing is None:
        missing = missing_documents(marts["audit_document_completeness"])
    written = [directory / "index.html"]
    write_new(written[0], index_page(marts["dim_agency"], missing))
    memo = OutputMemo(directory, "agency_pages")  # an agency whose rows did not change keeps its page and charts
    stale = []
    for agency in marts["dim_agency"]:
        agency_id = agency["agency_id"]
        inputs = digests[agency_id] if digests is not None else row_digest(agency, _agency_rows(grouped, agency_id))
        if memo.recall(agency_id, inputs, directory) is None:
            stale.append((agency, inputs))
            if rewritten is not None:
                rewritten.add(agency_id)
        written.append(directory / f"{agency_id}.html")
    for chunk in _batches(stale, row_counts or {}, rows_per_batch):
        rows = grouped if read_rows is None else agency_rows(read_rows({agency["agency_id"] for agency, _ in chunk}))
        for agency, inputs in chunk:
            agency_id = agency["agency_id"]
            path = directory / f"{agency_id}.html"
            page = agency_page(agency, *_agency_rows(rows, agency_id), chart_dir)
            write_new(path, page)
            # the charts the page links (a glob of the folder per agency was quadratic in a full build, and
            # kept a chart of a year the agency no longer has)
            memo.remember(agency_id, inputs, [path.name, *sorted(set(CHART_LINK.findall(page)))])
    memo.save()
    memo.remove_forgotten(directory)
    return written


def _batches(stale: list[tuple[Mapping, str]], row_counts: Mapping[str, int], budget: int):
    """``stale`` (agency, digest) pairs in order, cut into runs of at most ``budget`` rows (one agency alone may
    pass it)."""
    batch: list[tuple[Mapping, str]] = []
    rows = 0
    for item in stale:
        size = row_counts.get(item[0]["agency_id"], 1)
        if batch and rows + size > budget:
            yield batch
            batch, rows = [], 0
        batch.append(item)
        rows += size
    if batch:
        yield batch


def row_digest(agency: Mapping, rows: list[list[Mapping]]) -> str:
    return digest([agency, [sorted(map(repr, group)) for group in rows]])  # the marts are read unordered


def stale_agencies(directory: Path, digests: Mapping[str, str]) -> set[str]:
    """The agencies whose page must be written again: new, changed (by digest) or with a file missing."""
    memo = OutputMemo(directory, "agency_pages")
    return {agency_id for agency_id, inputs in digests.items() if memo.recall(agency_id, inputs, directory) is None}
