"""The shared corpus beside the checkout (``../shared/corpus``): the eight real PDFs and the web-page
excerpts. A test that reads one of its files skips, saying why, when the corpus or the file is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
PDF_DIR = CORPUS / "pdf"
WEB_DIR = CORPUS / "web"


def corpus_file(number: str, folder: Path = PDF_DIR) -> Path:
    """The corpus file numbered ``number`` ("001") in ``folder``; skips the test when it is missing."""
    if not folder.is_dir():
        pytest.skip(f"corpus not found at {folder} (it lives beside the checkout in ../shared/corpus)")
    matches = sorted(folder.glob(f"{number}_*"))
    if not matches:
        pytest.skip(f"corpus file {number}_* is missing from {folder}")
    return matches[0]
