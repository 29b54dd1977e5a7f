# Budget warehouse: `make run` builds the warehouse from the sample disclosures, `make test` tests it.
# Both create the virtualenv and install everything on first use (Python 3.11, packages from PyPI only).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME := $(CURDIR)/dagster_home
export DO_NOT_TRACK := 1
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: install run test dev lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

run: install  ## ingest → validate → dbt build → checks, then print a summary
	$(BIN)/python -m orchestration.build_warehouse

test: install  ## the whole test suite
	$(BIN)/python -m pytest

dev: install  ## the Dagster UI on http://127.0.0.1:3000
	$(BIN)/dagster dev -m orchestration.definitions

lint: install
	$(BIN)/ruff check ingestion orchestration tests
	$(BIN)/ruff format --check ingestion orchestration tests

bench: install  ## reader throughput and memory over the corpus and a generated 300-page PDF
	$(BIN)/python -m ingestion.bench

clean:
	rm -rf warehouse/budget.duckdb warehouse/budget.duckdb.wal warehouse/budget.duckdb.lock warehouse/.build warehouse/run_failures.jsonl warehouse/staging warehouse/reports dbt_project/target dbt_project/logs
