# sakip: LKjIP reports from validated agency inputs.  `make help` lists the targets.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
AGENCY ?= payakumbuh-disnakerperin
YEAR   ?= 2024
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup report all test test-fast snapshots lint typecheck architecture notebook bench browser-deps clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	MPLBACKEND=Agg $(BIN)/python -c "import matplotlib.pyplot"  # warm the font cache once
	touch $(STAMP)

setup: $(STAMP)  ## create the virtual environment and install sakip

report: setup  ## render the example report (AGENCY=.. YEAR=..)
	$(BIN)/sakip render --agency $(AGENCY) --year $(YEAR)

all: setup  ## render every params/*.yaml report
	$(BIN)/sakip render --all

browser-deps:  ## install Debian's chromium for the browser tests (needs root)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: /usr/bin/chromium missing and not root: browser tests will be skipped" >&2; fi; fi

test: setup browser-deps  ## run the whole test suite (lint, layers, types, unit, notebooks, browser)
	$(BIN)/ruff check lib tests
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadfile -q

test-fast: setup  ## unit tests only (no notebooks, no browser)
	$(BIN)/pytest -q -m "not slow and not browser"

snapshots: setup  ## refresh the HTML snapshots after an intended change (review the diff)
	SAKIP_UPDATE_SNAPSHOTS=1 $(BIN)/pytest -q tests/test_snapshots.py

lint: setup  ## static checks: ruff, the layer contracts, the type checker
	$(BIN)/ruff check lib tests
	$(BIN)/lint-imports
	$(BIN)/mypy

architecture: setup  ## the layer contracts of docs/ARCHITECTURE.md (import-linter)
	$(BIN)/lint-imports

typecheck: setup  ## mypy over lib/
	$(BIN)/mypy

notebook: setup  ## open the chapter notebooks in JupyterLab (run from the repository root)
	$(BIN)/jupyter lab notebooks/

bench: setup  ## benchmarks: medians and ratios on this machine
	$(BIN)/python bench/run.py

clean:  ## remove outputs (keeps the virtual environment)
	rm -rf output .pytest_cache
