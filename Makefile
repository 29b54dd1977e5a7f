# Budget warehouse: `make run` builds the warehouse from the sample disclosures, `make test` tests it.
# Both create the virtualenv and install everything on first use (Python 3.11, packages from PyPI only).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME := $(CURDIR)/dagster_home
export DO_NOT_TRACK := 1
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: install lock run test dev report lint bench bench-corpus coverage clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

lock:  ## re-resolve pyproject.toml in a scratch virtualenv and write the versions to constraints.txt
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	{ echo "# Every package version the test suite passed with (pip constraints, used by \`make install\`)."; \
	  echo "# Regenerate with \`make lock\` after changing the dependencies in pyproject.toml; do not edit by hand."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable; } > constraints.txt
	rm -rf .lock-venv

run: install  ## ingest → validate → dbt build → checks, then print a summary
	$(BIN)/python -m orchestration.build_warehouse

test: install  ## the whole test suite
	$(BIN)/python -m pytest

dev: install  ## the Dagster UI on http://127.0.0.1:3000
	$(BIN)/dagster dev -m orchestration.definitions

REPORT_PORT ?= 8765
report: install  ## serve the audit reports on http://127.0.0.1:$(REPORT_PORT)/ (Python's http.server, localhost only)
	$(BIN)/python -m http.server $(REPORT_PORT) --bind 127.0.0.1 \
		--directory "$$($(BIN)/python -c 'from ingestion import config; print(config.reports_dir())')"

lint: install
	$(BIN)/ruff check ingestion orchestration tests tools
	$(BIN)/ruff format --check ingestion orchestration tests tools

bench: install  ## reader throughput and memory over the corpus and a generated 300-page PDF
	$(BIN)/python -m tools.bench

coverage: install  ## per document: numbers printed, amounts held, explained by an issue, still missed
	$(BIN)/python -m tools.coverage

N ?= 1000
bench-corpus: install  ## full build, no-change run and add-one run over N synthetic documents (N=1000 by default)
	$(BIN)/python -m tools.bench_corpus --documents $(N)

clean:
	rm -rf warehouse/budget.duckdb warehouse/budget.duckdb.wal warehouse/budget.duckdb.*.fingerprint warehouse/budget.duckdb.lock warehouse/.build warehouse/run_failures.jsonl warehouse/staging warehouse/parse_store warehouse/reports warehouse/exports dbt_project/target dbt_project/logs
