"""The dbt label seed is the vocabulary's label tables, written out: they never disagree."""

from __future__ import annotations

from ingestion.vocabulary import fund_sources, measures
from tools.vocabulary_labels import SEED, main, rows, seed_text


def test_the_committed_seed_is_what_the_vocabulary_generates():
    assert SEED.read_text(encoding="utf-8") == seed_text(), "run python -m tools.vocabulary_labels"
    assert main(["--check"]) == 0


def test_the_seed_names_every_fund_source_and_labelled_measure():
    labelled = {(name, key): label for name, key, label in rows()}
    assert labelled[("fund_source", "general_public_budget")] == "一般公共预算"
    assert {key for name, key in labelled if name == "fund_source"} == set(fund_sources.KEYS)
    # A measure without a label prints as its key in SQL, so it has no row.
    assert ("measure", "reserve_expenditure") not in labelled
    assert measures.MEASURE_LABELS["reserve_expenditure"] is None
