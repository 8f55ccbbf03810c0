# The README's two commands: `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint serve catalogs catalogs-check example screenshots bench system-packages clean rules-page

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

# The SARIF 2.1.0 schema the tests validate against, from Microsoft's npm package (checked by its digest).
SARIF_SCHEMA := .cache/sarif/package/lib/schemas/sarif-2.1.0-rtm.5.json
$(SARIF_SCHEMA): | system-packages
	mkdir -p .cache/sarif
	cd .cache/sarif && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null
	tar -xzf .cache/sarif/microsoft-jest-sarif-1.0.0-beta.0.tgz -C .cache/sarif package/lib/schemas
	echo "2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8  $@" | sha256sum -c --quiet

## Build Exograd's site, every published locale, into site/.
site: $(VENV)/.site-installed
	$(BIN)/policydocs build

## Build the example with a real history into examples/librairie-papillon/site/.
example: $(VENV)/.site-installed
	$(BIN)/policydocs build -f examples/librairie-papillon/mkdocs.yml

## The README's pictures: screenshots/*.png, made in Chromium by the test tooling.
screenshots: $(VENV)/.test-installed
	$(BIN)/python tests/screenshots.py

## Measure builds: Exograd's site, 100 versions × 2 and × 5 locales (a few minutes).
bench: $(VENV)/.site-installed
	$(BIN)/python benchmarks/bench.py

## The Debian packages the tests need (Chromium, gettext, poppler-utils, Java, npm), if missing.
system-packages:
	bash .ci/system-packages

## Run the test suite (installs what it needs first).
test: system-packages $(VENV)/.test-installed $(SARIF_SCHEMA)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

## Preview with live reload: make serve LANG_CODE=en
serve: $(VENV)/.site-installed
	$(BIN)/policydocs serve --lang $(or $(LANG_CODE),fr)

## Re-extract the strings and merge them into every catalog: the package's page text
## (src/policydocs/locales/, domain policydocs), Exograd's and the example's own text (domain policy).
catalogs: $(VENV)/.site-installed
	$(BIN)/python -m policydocs.i18n.tool
	$(BIN)/policydocs i18n extract
	$(BIN)/policydocs i18n update
	$(BIN)/policydocs i18n extract -f examples/librairie-papillon/mkdocs.yml
	$(BIN)/policydocs i18n update -f examples/librairie-papillon/mkdocs.yml

## CI: the committed catalogs are what extract + update give, and GNU msgfmt accepts them.
## (Not `pybabel update --check`: it always reports catalogs with msgctxt as out of date.)
## The package's catalogs must also be complete (python -m policydocs.i18n.tool fails otherwise).
catalogs-check: $(VENV)/.site-installed
	$(MAKE) --no-print-directory catalogs
	git diff --exit-code -- locales/ src/policydocs/locales/ examples/librairie-papillon/locales/
	test -z "$$(git status --porcelain -- locales/ src/policydocs/locales/ examples/librairie-papillon/locales/)"
	for po in locales/*/LC_MESSAGES/*.po src/policydocs/locales/*/LC_MESSAGES/*.po \
	          examples/*/locales/*/LC_MESSAGES/*.po; do msgfmt --check -o /dev/null "$$po" || exit 1; done

clean:
	rm -rf site .site-* examples/*/site .cache $(VENV)

## The linter's rules page the package ships (lint/rules.html, a SARIF helpUri), made from the README.
rules-page: $(VENV)/.site-installed
	$(BIN)/python -m policydocs.lint.page README.md
