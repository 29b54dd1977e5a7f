"""Agency pages over constructed documents: charts written as SVG with CJK labels, the completeness grid and
the cross-document findings on the page; pages rewritten only for agencies whose rows changed."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from orchestration.defs.agency_pages.assets import read_marts
from orchestration.defs.agency_pages.pages import completeness_grid, subject_lines, write_agency_pages
from tests.fixtures.across_documents import BAZHONG_NEW, FINANCE, across_warehouse  # noqa: F401


@pytest.fixture(scope="module")
def pages(across_warehouse, tmp_path_factory):  # noqa: F811
    marts = read_marts(str(across_warehouse.database))
    directory = tmp_path_factory.mktemp("agencies")
    return marts, write_agency_pages(directory, marts)


def finance_page(pages):
    marts, written = pages
    (agency,) = [row for row in marts["dim_agency"] if row["agency_name"] == FINANCE]
    (page,) = [path for path in written if path.stem == agency["agency_id"]]
    return agency, page


def test_index_links_every_agency(pages):
    marts, written = pages
    index = written[0].read_text(encoding="utf-8")
    assert len(written) == len(marts["dim_agency"]) + 1
    for agency in marts["dim_agency"]:
        assert f'href="{agency["agency_id"]}.html"' in index


def test_agency_page_shows_budget_against_actual_and_the_three_public_trend(pages):
    agency, page = finance_page(pages)
    text = page.read_text(encoding="utf-8")
    charts_dir = page.parent / "charts"
    assert f'src="charts/{agency["agency_id"]}_three_public.svg"' in text
    svg = (charts_dir / f"{agency['agency_id']}_three_public.svg").read_text(encoding="utf-8")
    trend = ET.fromstring(svg.encode("utf-8"))
    labels = {"".join(element.itertext()) for element in trend.iter("{http://www.w3.org/2000/svg}text")}
    assert {"“三公”经费合计 预算", "“三公”经费合计 决算", "2023", "2024"} <= labels
    assert f'src="charts/{agency["agency_id"]}_2023_subjects.svg"' in text  # 项 lines: no 类 printed
    bars = ET.fromstring((charts_dir / f"{agency['agency_id']}_2023_subjects.svg").read_bytes())
    assert [rect.get("class") for rect in bars.iter("{http://www.w3.org/2000/svg}rect") if rect.get("class")]
    assert "106.0%" in text  # 本年支出合计: 159 of 150万元
    assert "XDOC-PRINTED-BUDGET" in text


def test_agency_page_has_the_completeness_grid(pages):
    _, page = finance_page(pages)
    text = page.read_text(encoding="utf-8")
    assert 'class="missing"' in text and 'class="empty_with_statement"' in text and "政府性基金" in text


def test_renamed_agency_page_lists_the_identity_disagreement(pages):
    marts, written = pages
    (agency,) = [row for row in marts["dim_agency"] if row["agency_name"] == BAZHONG_NEW]
    text = (written[0].parent / f"{agency['agency_id']}.html").read_text(encoding="utf-8")
    assert "possible_same_agency" in text


def test_subject_lines_pick_the_best_covered_fund_source():
    rows = [
        {"fiscal_year": 2023, "subject_kind": "functional", "expense_type": "total", "functional_subject_code": "201",
         "fund_source": fund, "sides_present": sides, "subject_name": "一般公共服务支出",
         "reference_budget_yuan": 1, "actual_yuan": 1}
        for fund, sides in (("all", "budget_only"), ("general_public_budget", "both"))
    ]  # fmt: skip
    (line,) = subject_lines(rows, 2023)
    assert line["fund_source"] == "general_public_budget" and line["label"] == "201 一般公共服务支出"
    assert subject_lines(rows, 2024) == []


def test_completeness_grid_says_when_nothing_was_published():
    assert "Nothing published" in completeness_grid([])


def test_a_second_build_rewrites_only_the_agencies_whose_rows_changed(pages, tmp_path):
    marts, written = pages
    again = tmp_path / "agencies"
    shutil.copytree(written[0].parent, again)  # a run's reports folder starts as a copy of the published one
    agency, _ = finance_page(pages)
    others = [again / path.name for path in written[1:] if path.stem != agency["agency_id"]]
    assert others
    stamps = {path: path.stat().st_mtime_ns for path in [again / f"{agency['agency_id']}.html", *others]}
    renamed = [{**row, "city": "另一市"} if row is agency else row for row in marts["dim_agency"]]
    changed = {**marts, "dim_agency": renamed}
    for name in ("fct_budget_execution", "audit_document_completeness"):  # the marts are read in no order
        changed[name] = list(reversed(marts[name]))
    write_agency_pages(again, changed)
    rewritten = {path for path, stamp in stamps.items() if path.stat().st_mtime_ns != stamp}
    assert rewritten == {again / f"{agency['agency_id']}.html"}
    assert "另一市" in (again / f"{agency['agency_id']}.html").read_text(encoding="utf-8")


@pytest.fixture
def digested(across_warehouse):  # noqa: F811
    """The warehouse's path and what ``agency_digests`` computes of it: digests, missing documents, row counts."""
    from orchestration.defs.agency_pages.assets import agency_digests

    database = str(across_warehouse.database)
    return database, *agency_digests(database)


def assert_same_pages(directory, written):
    for path in written:  # the same pages as from every row in Python
        assert (directory / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name


def test_pages_from_duckdb_digests_are_the_same_and_a_rerun_reads_no_agency_rows(pages, digested, tmp_path):
    from orchestration.defs.agency_pages.pages import stale_agencies

    marts, written = pages
    database, digests, missing, row_counts = digested
    assert set(digests) == {row["agency_id"] for row in marts["dim_agency"]}
    for agency_id in digests:  # the rows its page reads (its dim_agency row and the others), counted by DuckDB
        rows = read_marts(database, {agency_id})
        assert row_counts[agency_id] == 1 + sum(len(rows[name]) for name in rows if name != "dim_agency")
    directory = tmp_path / "agencies"
    assert stale_agencies(directory, digests) == set(digests)  # nothing written yet
    rewritten: set[str] = set()
    agencies = read_marts(database, set(digests))
    incremental = write_agency_pages(directory, agencies, digests, missing, rewritten=rewritten)
    assert_same_pages(directory, written)
    assert [path.name for path in incremental] == [path.name for path in written] and rewritten == set(digests)
    assert stale_agencies(directory, digests) == set()
    changed = dict(digests, **{next(iter(digests)): "changed"})
    rewritten.clear()
    write_agency_pages(directory, agencies, changed, missing, rewritten=rewritten)
    assert rewritten == {next(iter(digests))}
    assert all(rows == [] for name, rows in read_marts(database, set()).items() if name != "dim_agency")


def test_pages_read_by_batches_of_agencies_are_the_same_and_a_gone_agency_loses_its_files(pages, digested, tmp_path):
    _, written = pages
    database, digests, missing, row_counts = digested
    directory = tmp_path / "agencies"
    asked: list[set[str]] = []

    def read_rows(agency_ids: set[str]):
        asked.append(agency_ids)
        return read_marts(database, agency_ids)

    agencies = read_marts(database, set())
    budget = max(row_counts.values())  # the biggest agency alone
    write_agency_pages(directory, agencies, digests, missing, read_rows, row_counts, rows_per_batch=budget)
    assert len(asked) > 1
    assert sorted(agency for ids in asked for agency in ids) == sorted(digests)  # each agency read once
    for ids in asked:  # never more rows in Python at once than the budget, unless one agency alone
        assert len(ids) == 1 or sum(row_counts[agency] for agency in ids) <= budget
    assert_same_pages(directory, written)
    gone = next(row for row in agencies["dim_agency"] if any(directory.glob(f"charts/{row['agency_id']}_*.svg")))
    kept = [row for row in agencies["dim_agency"] if row is not gone]
    gone_files = [directory / f"{gone['agency_id']}.html", *directory.glob(f"charts/{gone['agency_id']}_*.svg")]
    assert len(gone_files) > 1  # its page and at least one chart
    asked.clear()
    write_agency_pages(directory, {"dim_agency": kept}, digests, missing, read_rows)
    assert asked == []  # nothing changed for the others: no rows read
    assert not any(path.exists() for path in gone_files)
    assert all((directory / f"{agency['agency_id']}.html").exists() for agency in kept)


def test_rows_a_page_lists_in_read_order_are_read_in_a_fixed_order(digested):
    database = digested[0]
    marts = read_marts(database)
    for name, key in (("audit_agency_identity", "identity_finding_id"), ("audit_cross_document", "check_id")):
        keys = [row[key] for row in marts[name]]
        assert len(keys) > 1 and keys == sorted(keys), name
