"""Word-reading cases kept as CSV beside the tests (one row per printed phrase): the reader that reads
it, by name, what it must say (empty: nothing), and why, so that a new wording is one row."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest


def read_cases(file_name: str, readers: list[Callable[[str], str | None]]) -> list:
    """pytest params (reader, text, expected) from a CSV with columns reader, text, expected, why."""
    by_name = {reader.__name__: reader for reader in readers}
    with (Path(__file__).parent / file_name).open(encoding="utf-8", newline="") as handle:
        return [
            pytest.param(
                by_name[row["reader"]], row["text"], row["expected"] or None, id=f"{row['reader']}:{row['text']}"
            )
            for row in csv.DictReader(handle)
        ]
