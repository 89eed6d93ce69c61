# sakip: LKjIP reports from validated agency inputs.  `make help` lists the targets.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
AGENCY ?= payakumbuh-disnakerperin
YEAR   ?= 2024
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup report pdf docx all test test-fast messages snapshots lint typecheck architecture notebook bench browser-deps pdf-deps office-deps clean

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

setup: $(STAMP) pdf-deps  ## create the virtual environment and install sakip

report: setup  ## render the example report (AGENCY=.. YEAR=..)
	$(BIN)/sakip render --agency $(AGENCY) --year $(YEAR)

pdf: setup  ## render the example report with its PDF beside the HTML (AGENCY=.. YEAR=..)
	$(BIN)/sakip render --agency $(AGENCY) --year $(YEAR) --pdf

docx: setup  ## render the example report with its Word document beside the HTML
	$(BIN)/sakip render --agency $(AGENCY) --year $(YEAR) --docx

all: setup  ## render every params/*.yaml report
	$(BIN)/sakip render --all

browser-deps:  ## install Debian's chromium for the browser tests (needs root)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: /usr/bin/chromium missing and not root: browser tests will be skipped" >&2; fi; fi

# WeasyPrint (the PDF) is a pip package that needs Debian's pango; the fonts are the ones the
# report's CSS names, so a PDF looks the same on every machine.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core
pdf-deps:  ## install Debian's pango and the report's fonts for the PDF (needs root)
	@if ! ldconfig -p | grep -q libpangoft2-1.0 || ! fc-list 2>/dev/null | grep -q "Noto Serif"; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(PDF_DEBS) >/dev/null; \
	  else echo "note: pango or the Noto fonts are missing and not root: apt-get install $(PDF_DEBS)" >&2; fi; fi

office-deps:  ## install LibreOffice Writer (checks the .docx) and poppler-utils for the document tests (needs root)
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null; \
	  else echo "note: soffice or pdftoppm missing and not root: the LibreOffice check of the .docx will be skipped" >&2; fi; fi

test: setup browser-deps office-deps  ## run the whole test suite (lint, layers, types, unit, notebooks, browser, documents)
	$(BIN)/ruff check lib tests
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadfile -q

test-fast: setup  ## unit tests only (no notebooks, no browser)
	$(BIN)/pytest -q -m "not slow and not browser"

# The message catalogue (docs/I18N.md): extract the English msgids from lib/ into the template,
# merge them into the Indonesian catalogue (new ones untranslated, changed ones fuzzy: translate
# them, tests/test_i18n.py fails until then) and compile it; the .pot, .po and .mo are committed.
LOCALES  := lib/sakip/i18n/locales
KEYWORDS := --no-default-keywords -k _ -k ngettext:1,2 -k N_
messages: setup  ## extract the messages, update the Indonesian catalogue, compile it (.mo)
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) --add-location=file --sort-by-file \
	  --add-comments=TRANSLATORS: --project=sakip --no-wrap -o $(LOCALES)/sakip.pot lib/sakip
	$(BIN)/pybabel update -D sakip -i $(LOCALES)/sakip.pot -d $(LOCALES) -l id --no-wrap \
	  --ignore-obsolete --init-missing
	$(BIN)/pybabel compile -D sakip -d $(LOCALES) -l id --statistics

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

bench: setup  ## benchmarks against the floor (about 9 minutes; writes docs/BENCHMARKS.md)
	$(BIN)/python bench/run.py

clean:  ## remove outputs (keeps the virtual environment)
	rm -rf output .pytest_cache
