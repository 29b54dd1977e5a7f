"""Fixtures for the reader tests: the real corpus (skipped when absent) and generated layouts."""

from __future__ import annotations

import pytest

from ingestion.document import Document, Table, TextLine
from ingestion.readers.pdf import read_pdf
from tests.corpus import corpus_file
from tools.fixtures.disclosure_pdf import LAYOUTS, GeneratedDisclosure, render_disclosure

FAKE_SHA = "0" * 64


@pytest.fixture(scope="session")
def corpus_pdf():
    """Path of a real corpus PDF by its number ("001"); skips when ../shared/corpus is not checked out."""

    return corpus_file


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> dict[str, tuple[GeneratedDisclosure, Document]]:
    """Every layout rendered once per session, with its ground truth and what read_pdf made of it."""
    folder = tmp_path_factory.mktemp("layouts")
    result = {}
    for layout in LAYOUTS:
        truth = render_disclosure(folder / f"{layout}.pdf", layout)
        result[layout] = (truth, read_pdf(truth.path, FAKE_SHA))
    return result


def titled_tables(document: Document, window: int = 4) -> list[tuple[str, Table]]:
    """Each table with the text of the lines printed just before it (titles wrap over two lines)."""
    result, recent = [], []
    for block in document.blocks:
        if isinstance(block, TextLine):
            recent = (recent + [block.text])[-window:]
        elif isinstance(block, Table):
            result.append(("".join(recent), block))
            recent = []
    return result
