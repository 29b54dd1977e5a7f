"""Static HTML audit reports: one page per document listing each finding with both snippets, and an index.

Plain functions over plain rows (dicts), so they are tested without Dagster or DuckDB. Pages are
self-contained (inline CSS, no scripts, no external assets): a journalist can open them from disk,
attach them to an email, or publish them as they are.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path

from orchestration.defs.audit.finding_counts import ALL_FAMILIES, STATUSES, FindingCounts
from orchestration.defs.audit.page_marks import marked_files, side_pages
from orchestration.defs.build.reuse import OutputMemo, digest, new_file, write_new

PAGES_MEMO = "report_pages"  # <reports>/.report_pages.json: which digest each document's page was written from

STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem;max-width:72rem;color:#222}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.4rem;vertical-align:top}
th{background:#f3f3f3;text-align:left}.fail{background:#fde2e1}.rounding{background:#fff6d6}
.num{text-align:right;white-space:nowrap}code{background:#f6f6f6;padding:0 .2rem}.snippet{font-size:.9em;color:#444}
a.page{white-space:nowrap}.review{font-size:.85em;margin-top:.3rem}.confirmed{color:#8a1c14}
.dismissed{color:#2f6b2f}.reopened{color:#8a5a00;font-weight:bold}
"""


def _text(value) -> str:
    return html.escape("" if value is None else str(value))


def wan_yuan(value) -> str:
    """Amounts are shown in 万元, the unit disclosures print, with two decimals."""
    if value is None:
        return ""
    return f"{Decimal(str(value)) / Decimal(10000):,.2f}"


def figure(finding: Mapping, side: str) -> str:
    """A check compares amounts (shown in 万元) or, for stated percentages, percentages."""
    amount = finding.get(f"{side}_yuan")
    if amount is not None:
        return wan_yuan(amount)
    percent = finding.get(f"{side}_percent")
    return "" if percent is None else f"{Decimal(str(percent)):.2f}%"


def page_name(document: Mapping) -> str:
    """A stable, filesystem-safe file name per document: its id plus the source file's stem."""
    return f"{document['document_id']}_{_safe_stem(str(document['source_file']))}.html"


@functools.cache
def _safe_stem(source_file: str) -> str:
    """Each source file's part of its page name, worked out once: a build names each page three times."""
    return re.sub(r"[^0-9A-Za-z_.-]+", "_", Path(source_file).stem)[:60]


def _page_start(title: str) -> str:
    return (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{_text(title)}</title>'
        f"<style>{STYLE}</style></head><body>"
    )


_PAGE_END = "</body></html>"


def _page(title: str, body: str) -> str:
    return _page_start(title) + body + _PAGE_END


def _page_link(finding: Mapping, side: str, images: Mapping[int, str]) -> str:
    """Links to the rendered pages holding this side, its boxes drawn (PDF sources only)."""
    pages = [page for page in side_pages(finding, side) if page in images]
    return "".join(f' <a class=page href="{_text(images[page])}">page {page} ▸</a>' for page in pages)


def review_note(finding: Mapping) -> str:
    """The latest review of a finding (warehouse/reviews/): the decision, who, when and why — or, when the
    figures changed since, that the review no longer applies."""
    state = finding.get("review_state")
    if not state:
        return ""
    who = f"{_text(finding.get('reviewed_by'))}, {_text(str(finding.get('reviewed_at') or '')[:10])}"
    if state == "reopened":
        return (
            f"<div class='review reopened'>reopened: {_text(finding.get('review_decision'))} by {who} when the "
            f"figures were <code>{_text(finding.get('reviewed_figures_fingerprint'))}</code>; review again</div>"
        )
    return f"<div class='review {_text(state)}'>{_text(state)} by {who}: {_text(finding.get('review_reason'))}</div>"


def _finding_row(number: int, finding: Mapping, images: Mapping[int, str]) -> str:
    sides = []
    for side, label in (("expected", "stated / expected"), ("actual", "computed / other side")):
        locator, snippet = finding.get(f"{side}_source_locator"), finding.get(f"{side}_source_text")
        if locator or snippet:
            sides.append(
                f"<b>{label}</b> at <code>{_text(locator)}</code>{_page_link(finding, side, images)}"
                f"<div class=snippet>{_text(snippet)}</div>"
            )
    return (
        f'<tr id="finding-{number}" class="{_text(finding["status"])}"><td>#{number} {_text(finding["status"])}'
        f"{review_note(finding)}</td>"
        f"<td><code>{_text(finding['rule_id'])}</code> {_text(finding['rule_label'])}<br>{_text(finding['scope'])}"
        f"<br>check <code>{_text(finding.get('check_id'))}</code></td>"
        f"<td class=num>{figure(finding, 'expected')}</td><td class=num>{figure(finding, 'actual')}</td>"
        f"<td class=num>{figure(finding, 'difference')}</td>"
        f"<td>{_text(finding.get('detail'))}</td><td>{'<hr>'.join(sides)}</td></tr>"
    )


def ordered_findings(findings: Iterable[Mapping]) -> list[Mapping]:
    """Fails first, largest difference first: the order (and so the numbers) findings have on their page.

    Ties are broken by rule and check id, never by the order the rows were read in (DuckDB returns an
    unordered select in a different order from build to build): otherwise a finding's number, and with
    it the page images drawn for it, would change on every build and every PDF's pages be redrawn."""
    return sorted(
        findings,
        key=lambda f: (
            f["status"] != "fail",
            -abs(Decimal(str(f.get("difference_yuan") or 0))),
            str(f.get("rule_id") or ""),
            str(f.get("check_id") or ""),
        ),
    )


def document_page(
    document: Mapping,
    findings: Iterable[Mapping],
    images: Mapping[int, str] | None = None,
    annotated: str | None = None,
) -> str:
    """Every non-passing check of one document, fails first, with the evidence of both sides.

    ``images`` maps a page number to the rendered page (boxes drawn) a side links to; ``annotated``
    is the annotated copy of the PDF.
    """
    ordered = ordered_findings(findings)
    counts = (
        f"{document['checks_run']} checks: {document['checks_passed']} passed, "
        f"{document['checks_rounding']} rounding, {document['checks_failed']} failed"
    )
    header = (
        f"<p><a href=index.html>← all documents</a></p><h1>{_text(document['agency_name'])}</h1>"
        f"<p>{_text(document['fiscal_year'])} · {_text(document['doc_kind'])} · "
        f"file <code>{_text(document['source_file'])}</code> · {counts}. "
        "Amounts in 万元; a difference of at most 0.01万元 per addend is rounding.</p>"
        + (
            f'<p><a href="{_text(annotated)}">annotated PDF</a> (a highlight and a note per finding)</p>'
            if annotated
            else ""
        )
        + f"<p>{version_checked(document)}</p>"
    )
    if not ordered:
        return _page(str(document["agency_name"]), header + "<p>Every check passed.</p>")
    table = (
        "<table><tr><th>status</th><th>rule and scope</th><th>expected</th><th>actual</th><th>difference</th>"
        "<th>what it means</th><th>where to look</th></tr>"
        + "".join(_finding_row(n, f, images or {}) for n, f in enumerate(ordered, start=1))
        + "</table>"
    )
    return _page(str(document["agency_name"]), header + table)


def version_checked(document: Mapping) -> str:
    """Which version of the disclosure these checks are about (a corrected re-publication supersedes)."""
    sha256 = str(document.get("sha256") or "")
    number, count = document.get("version_number"), document.get("version_count")
    version = f"version {number} of {count}" if number and count else "version"
    newer = " (the newest: earlier versions are superseded)" if count and count > 1 else ""
    return (
        f"Checked: {version}{newer}, content sha256 <code>{_text(sha256[:16])}…</code>, "
        f"file modified {_text(document.get('file_modified_at'))}."
    )


def index_page(
    documents: list[Mapping],
    findings: Iterable[Mapping] = (),
    counts: FindingCounts | None = None,
    numbers: Mapping[str, int] | None = None,
) -> str:
    """The index of ``documents`` and their ``findings`` (``numbers``: check id → its number on its
    document's page), built in Python: :func:`index_parts` with the failed checks grouped here."""
    failed: dict[str, list[Mapping]] = {}
    for finding in findings:
        if finding["status"] == "fail":
            failed.setdefault(str(finding.get("rule_family") or "unknown"), []).append(finding)
    rows = (
        (family, {**finding, "finding_number": (numbers or {}).get(str(finding.get("check_id")))})
        for family in sorted(failed)
        for finding in ordered_findings(failed[family])
    )
    return "".join(index_parts(documents, {family: len(listed) for family, listed in failed.items()}, rows, counts))


def index_parts(
    documents: list[Mapping],
    family_sizes: Mapping[str, int],
    failed: Iterable[tuple[str, Mapping]],
    counts: FindingCounts | None = None,
) -> Iterator[str]:
    """The index page in pieces, so that its failed checks can stream from the warehouse: documents ranked
    by failed checks, then by the largest unexplained difference; then the checks by rule family and
    status (the run summary's numbers) and every failed check under its rule family (``failed``:
    (family, finding with its ``finding_number``), families in name order, findings in page order;
    ``family_sizes``: failed checks per family), linked to its place with its review."""
    ranked = sorted(
        documents,
        key=lambda d: (-(d["checks_failed"] or 0), -abs(Decimal(str(d.get("largest_difference_yuan") or 0)))),
    )
    yield _page_start("Reconciliation findings")
    yield (
        "<h1>Budget disclosures: reconciliation findings</h1><p>Each document's arithmetic re-checked: "
        "sums of subjects, totals, 三公, prose against tables. Amounts in 万元.</p><table><tr><th>agency</th>"
        "<th>year</th><th>kind</th><th>failed</th><th>rounding</th><th>passed</th><th>largest difference</th></tr>"
    )
    for d in ranked:
        yield (
            f'<tr><td><a href="{page_name(d)}">{_text(d["agency_name"])}</a></td><td>{_text(d["fiscal_year"])}</td>'
            f"<td>{_text(d['doc_kind'])}</td><td class=num>{d['checks_failed']}</td>"
            f"<td class=num>{d['checks_rounding']}</td><td class=num>{d['checks_passed']}</td>"
            f"<td class=num>{wan_yuan(d.get('largest_difference_yuan'))}</td></tr>"
        )
    yield "</table>"
    yield from families_section(documents, family_sizes, failed, counts)
    yield _PAGE_END


def families_section(
    documents: list[Mapping],
    family_sizes: Mapping[str, int],
    failed: Iterable[tuple[str, Mapping | IndexRow]],
    counts: FindingCounts | None,
) -> Iterator[str]:
    """Checks by rule family × status, the review states of the failed ones, and each failed check listed
    under its family (each an :class:`IndexRow`)."""
    # each document's link, made once: ~7 failed checks per document at 10,000 documents
    links = {d["document_id"]: (page_name(d), _text(d["agency_name"])) for d in documents}
    yield "<h2>Checks by rule family</h2>"
    if counts is not None:
        header = "".join(f"<th>{status}</th>" for status in STATUSES)
        lines = "".join(
            f'<tr><td><a href="#family-{_text(family)}">{_text(family)}</a></td>'
            + "".join(f"<td class=num>{statuses[status]}</td>" for status in STATUSES)
            + "</tr>"
            for family, statuses in counts.by_family().items()
        )
        totals = counts.by_status()
        total = f"<tr><th>{ALL_FAMILIES}</th>" + "".join(f"<th class=num>{totals[s]}</th>" for s in STATUSES) + "</tr>"
        reviews = ", ".join(f"{n} {state}" for state, n in counts.fail_reviews().items())
        yield (
            f"<table><tr><th>rule family</th>{header}</tr>{lines}{total}</table><p>Failed checks: {reviews} "
            "(reviews: <code>warehouse/reviews/</code>, <code>python -m tools.review</code>).</p>"
        )
    current = None
    for family, finding in failed:
        if family != current:
            if current is not None:
                yield "</table>"
            current = family
            yield (
                f'<h3 id="family-{_text(family)}">{_text(family)}: {family_sizes[family]} failed</h3><table><tr>'
                "<th>document</th><th>rule and scope</th><th>expected</th><th>actual</th><th>difference</th>"
                "<th>review</th></tr>"
            )
        yield _family_row(finding, links)
    if current is not None:
        yield "</table>"


class IndexRow(str):
    """A failed check's row of the index, as HTML, knowing its check: the index writer notes where each row
    is in the file (``index_rows``), and a row kept from the last index is passed in as one."""

    check_id: str

    def __new__(cls, text: str, check_id: str) -> IndexRow:
        row = super().__new__(cls, text)
        row.check_id = check_id
        return row


def _family_row(finding: Mapping | IndexRow, links: Mapping[str, tuple[str, str]]) -> IndexRow:
    """A failed check in the index; ``links``: document id → (its page, its agency's name as HTML). A row
    already made (kept from the last index) is the row."""
    if isinstance(finding, IndexRow):
        return finding
    page, name = links.get(finding["document_id"]) or (None, _text(finding.get("source_file")))
    number = finding.get("finding_number")
    anchor = f"#finding-{number}" if number else ""
    link = f'<a href="{page}{anchor}">{name}</a>' if page else name
    return IndexRow(
        f"<tr class=fail><td>{link}{f' #{number}' if number else ''}</td>"
        f"<td><code>{_text(finding['rule_id'])}</code> {_text(finding['scope'])}</td>"
        f"<td class=num>{figure(finding, 'expected')}</td><td class=num>{figure(finding, 'actual')}</td>"
        f"<td class=num>{figure(finding, 'difference')}</td><td>{review_note(finding) or 'open'}</td></tr>",
        str(finding.get("check_id")),
    )


def write_reports(
    directory: Path,
    documents: list[Mapping],
    findings: list[Mapping],
    marked: Mapping[str, Mapping] | None = None,
    counts: FindingCounts | None = None,
) -> list[Path]:
    """Write the index and one page per document from rows in Python; returns the paths (index first).

    ``marked`` maps a document id to its page images and annotated PDF (``page_marks.mark_documents``);
    ``counts`` are the audit table's counts the index prints by rule family (``finding_counts``). The
    report asset streams the index from the warehouse instead (:func:`write_index`) and passes only
    the changed documents' findings to :func:`write_document_pages`.
    """
    by_document: dict[str, list[Mapping]] = {}
    for finding in findings:
        by_document.setdefault(finding["document_id"], []).append(finding)
    numbers = {
        str(finding.get("check_id")): number
        for document_findings in by_document.values()
        for number, finding in enumerate(ordered_findings(document_findings), start=1)
    }
    directory.mkdir(parents=True, exist_ok=True)
    index = directory / "index.html"
    write_new(index, index_page(documents, findings, counts, numbers))
    return [index, *write_document_pages(directory, documents, by_document, marked)]


def write_index(
    directory: Path,
    documents: list[Mapping],
    family_sizes: Mapping[str, int],
    failed: Iterable[tuple[str, Mapping | IndexRow]],
    counts: FindingCounts | None = None,
) -> dict[str, tuple[int, int]]:
    """index.html, written piece by piece as ``failed`` streams in (:func:`index_parts`); ``failed`` may hold
    rows already made (:class:`IndexRow`). Returns each failed check's row's (offset, length) in the file,
    in characters."""
    path = directory / "index.html"
    rows: dict[str, tuple[int, int]] = {}
    position = 0
    with new_file(path) as partial, partial.open("w", encoding="utf-8", newline="") as handle:
        for piece in index_parts(documents, family_sizes, failed, counts):
            handle.write(piece)
            if isinstance(piece, IndexRow):
                rows[piece.check_id] = (position, len(piece))
            position += len(piece)
    return rows


def page_digest(document: Mapping, findings: list[Mapping], extras: Mapping | None) -> str:
    """What a page is written from, for callers without ``finding_tables.document_digests``."""
    return digest([sorted(document.items()), sorted(repr(sorted(f.items())) for f in findings), extras])


def stale_documents(directory: Path, digests: Mapping[str, str], memo: OutputMemo | None = None) -> set[str]:
    """The documents whose page must be written again: new, changed (by digest) or with a file missing.
    The pages ``memo`` (``OutputMemo(directory, PAGES_MEMO)``), when given, then keeps the other documents'
    pages (recalled here, so that their files are looked at once)."""
    memo = memo if memo is not None else OutputMemo(directory, PAGES_MEMO)
    return {
        document_id for document_id, inputs in digests.items() if memo.recall(document_id, inputs, directory) is None
    }


def write_document_pages(
    directory: Path,
    documents: list[Mapping],
    findings_by_document: Mapping[str, list[Mapping]],
    marked: Mapping[str, Mapping] | None = None,
    digests: Mapping[str, str] | None = None,
    memo: OutputMemo | None = None,
) -> list[Path]:
    """One page per document; returns their paths. A document whose digest (``digests``, else one computed
    from its rows here) is the one its page was written from keeps its page, so ``findings_by_document``
    needs only the findings of the documents :func:`stale_documents` names. Pages of documents no longer
    in ``documents`` are removed. A caller that writes the pages in batches passes its ``memo``
    (``OutputMemo(directory, PAGES_MEMO)``) and saves it, and removes the forgotten pages, itself."""
    directory.mkdir(parents=True, exist_ok=True)
    own_memo = memo is None
    memo = memo if memo is not None else OutputMemo(directory, PAGES_MEMO)
    written = []
    for document in documents:
        document_id = document["document_id"]
        path = directory / page_name(document)
        extras = (marked or {}).get(document_id, {})
        findings = findings_by_document.get(document_id, [])
        inputs = digests[document_id] if digests is not None else page_digest(document, findings, extras)
        if memo.recall(document_id, inputs, directory) is None:
            write_new(path, document_page(document, findings, extras.get("images"), extras.get("annotated")))
            memo.remember(document_id, inputs, [path.name, *(marked_files(extras) if extras else [])])
        written.append(path)
    if own_memo:
        memo.save()
        memo.remove_forgotten(directory)
    return written
