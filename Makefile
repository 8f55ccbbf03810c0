# The README's two commands: `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint serve catalogs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.site-installed: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

## Build Exograd's site, every published locale, into site/.
site: $(VENV)/.site-installed
	$(BIN)/policydocs build

## Run the test suite (installs what it needs first).
test: $(VENV)/.test-installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

## Preview with live reload: make serve LANG_CODE=en
serve: $(VENV)/.site-installed
	$(BIN)/policydocs serve --lang $(or $(LANG_CODE),fr)

## Re-extract the strings and merge them into every catalog.
catalogs: $(VENV)/.site-installed
	$(BIN)/policydocs i18n extract
	$(BIN)/policydocs i18n update

clean:
	rm -rf site .site-* $(VENV)
