"""The environment helpers of ingestion/config.py."""

import os

import pytest

from ingestion.config import environment_set


def test_environment_set_restores_what_was_there(monkeypatch):
    monkeypatch.setenv("BUDGET_STAGING_DIR", "/before")
    monkeypatch.delenv("BUDGET_BUILD_DUCKDB_PATH", raising=False)
    with environment_set({"BUDGET_STAGING_DIR": "/run/staging", "BUDGET_BUILD_DUCKDB_PATH": "/run/copy.duckdb"}):
        assert os.environ["BUDGET_STAGING_DIR"] == "/run/staging"
        assert os.environ["BUDGET_BUILD_DUCKDB_PATH"] == "/run/copy.duckdb"
    assert os.environ["BUDGET_STAGING_DIR"] == "/before"
    assert "BUDGET_BUILD_DUCKDB_PATH" not in os.environ


def test_environment_set_restores_after_an_error(monkeypatch):
    monkeypatch.setenv("BUDGET_STAGING_DIR", "/before")
    with pytest.raises(RuntimeError), environment_set({"BUDGET_STAGING_DIR": "/run/staging"}):
        raise RuntimeError("dbt failed")
    assert os.environ["BUDGET_STAGING_DIR"] == "/before"
