"""Shared test fixtures: the bundled samples and an isolated warehouse per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_ROOT / "warehouse" / "samples"
SAMPLE_FILES = {
    "xiamen": "000_861be3b78a25d240.txt",  # 厦门 2020 预算
    "mancheng": "001_95ce8eaf8f51288c.txt",  # 满城 2020 预算
    "bazhong": "002_66fc563714229e96.txt",  # 巴中 2020 决算
    "zhuzhou": "003_f78c40e0b2b09fab.txt",  # 株洲 2020 预算
    "nagqu": "004_90cf9a3d42cd3c40.txt",  # 那曲 2023 决算
}


@pytest.fixture(scope="session")
def sample_path():
    def path(key: str) -> Path:
        return SAMPLES / SAMPLE_FILES[key]

    return path
