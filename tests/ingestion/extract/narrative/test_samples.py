"""Golden tests: what the narrative extractor reads from the prose of each bundled sample.

The rows of ``golden/*.csv`` (one file per kind of fact) were checked line by line against the sample texts
(warehouse/samples/*.txt; ``line`` is the file's line number, amounts are as printed, an empty cell is
"none"). Every row must be read and nothing else: a missing or extra fact fails.
"""

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from ingestion.extract.facts import IssueFact, LineItemFact, ProjectFact, ThreePublicFact, TotalFact
from ingestion.extract.metadata import extract_metadata
from ingestion.extract.narrative import extract_narrative_details, is_table_line
from ingestion.extract.narrative.text import normalize, scan_numbers
from ingestion.readers import read_document

GOLDEN = Path(__file__).parent / "golden"
PARTS = ("totals", "three_public", "line_items", "projects", "issues")
SAMPLES = ("xiamen", "mancheng", "bazhong", "zhuzhou", "nagqu")


def _golden(part: str) -> dict[str, list[tuple]]:
    """golden/<part>.csv as {sample: [row tuple]}: ``line`` an int, an empty cell ``None``, notes dropped."""
    rows: dict[str, list[tuple]] = {sample: [] for sample in SAMPLES}
    with (GOLDEN / f"{part}.csv").open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            row.pop("note", None)
            sample = row.pop("sample")
            assert sample in rows, f"golden/{part}.csv names an unknown sample {sample!r}"
            rows[sample].append(tuple(int(v) if k == "line" else (v or None) for k, v in row.items()))
    return rows


EXPECTED = {part: _golden(part) for part in PARTS}

_cache: dict = {}


def _read(sample_path, key: str):
    if key not in _cache:
        document = read_document(sample_path(key))
        metadata = extract_metadata(document)
        result = extract_narrative_details(
            document.text_lines(), doc_kind=metadata.doc_kind, fiscal_year=metadata.fiscal_year
        )
        _cache[key] = (document, result)
    return _cache[key]


def _rows(facts):
    totals = [
        (f.evidence.locator.line, f.measure, f.amount_kind, f.fund_source, f.evidence.reported_amount)
        for f in facts
        if isinstance(f, TotalFact)
    ]
    three = [
        (f.evidence.locator.line, f.category, f.amount_kind, f.evidence.reported_amount)
        for f in facts
        if isinstance(f, ThreePublicFact)
    ]
    items = [
        (
            f.evidence.locator.line,
            f.functional_subject_code or f.economic_subject_code,
            f.expense_type,
            f.amount_kind,
            f.evidence.reported_amount,
        )
        for f in facts
        if isinstance(f, LineItemFact)
    ]
    projects = [
        (
            f.locator.line,
            f.project_code,
            f.project_name,
            f.budget and f.budget.reported_amount,
            f.actual and f.actual.reported_amount,
        )
        for f in facts
        if isinstance(f, ProjectFact)
    ]
    issues = [(f.locator.line, f.issue_kind) for f in facts if isinstance(f, IssueFact)]
    return totals, three, items, projects, issues


@pytest.mark.parametrize("key", SAMPLES)
@pytest.mark.parametrize("part", PARTS)
def test_golden(sample_path, key, part):
    index = PARTS.index(part)
    _, result = _read(sample_path, key)
    assert sorted(_rows(result.facts)[index], key=repr) == sorted(EXPECTED[part][key], key=repr)


def _evidences(result):
    for fact in result.facts:
        if isinstance(fact, ProjectFact):
            yield from (e for e in (fact.budget, fact.actual) if e is not None)
        elif not isinstance(fact, IssueFact):
            yield fact.evidence
    yield from (change.evidence for change in result.changes)


@pytest.mark.parametrize("key", SAMPLES)
def test_every_amount_is_in_its_snippet(sample_path, key):
    _, result = _read(sample_path, key)
    for evidence in _evidences(result):
        assert evidence.reported_amount in evidence.source_text
        assert evidence.method == "narrative" and evidence.amount_yuan is not None


@pytest.mark.parametrize("key", SAMPLES)
def test_every_printed_amount_in_prose_is_accounted_for(sample_path, key):
    """Each number-with-unit of a prose line is a fact, a change, or named in an issue of that line."""
    document, result = _read(sample_path, key)
    accounted = Counter((e.locator, e.reported_amount) for e in _evidences(result))
    issues = [f for f in result.facts if isinstance(f, IssueFact)]
    for line in document.text_lines():
        if is_table_line(line.text):
            continue
        for mention in scan_numbers(normalize(line.text)):
            if mention.kind != "money":
                continue
            printed = mention.printed(line.text)
            if accounted[(line.locator, printed)] > 0:
                accounted[(line.locator, printed)] -= 1
                continue
            assert any(i.locator == line.locator and printed in i.detail for i in issues), (
                line.locator,
                printed,
            )


def test_xiamen_unit_anomaly_is_converted_as_wan(sample_path):
    _, result = _read(sample_path, "xiamen")
    item = next(f for f in result.facts if isinstance(f, LineItemFact) and f.evidence.reported_amount == "1183.39元")
    assert (item.functional_subject_code, item.evidence.reported_unit) == ("2013701", "万元")
    assert item.evidence.amount_yuan == Decimal("11833900.00")


def test_xiamen_listed_items_add_up_to_the_stated_total(sample_path):
    _, result = _read(sample_path, "xiamen")
    listed = [f.evidence.amount_yuan for f in result.facts if isinstance(f, LineItemFact) and f.expense_type == "total"]
    assert sum(listed) == Decimal("18415500.00")


def test_nagqu_projects_add_up_to_the_project_expenditure(sample_path):
    _, result = _read(sample_path, "nagqu")
    actual = sum(f.actual.amount_yuan for f in result.facts if isinstance(f, ProjectFact))
    assert actual == Decimal("2135600.00")  # 213.56万元, the stated 项目支出


def test_zhuzhou_staffing_counts_are_not_amounts(sample_path):
    _, result = _read(sample_path, "zhuzhou")
    assert [(s.label, s.count) for s in result.staffing][:2] == [("编制人数", 18), ("行政编制", 12)]
