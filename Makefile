# Two commands matter: `make serve` and `make test`. Everything else is for maintainers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
# cffconvert (checks CITATION.cff) needs an older jsonschema than the rest: a venv of its own.
CFF_VENV := $(VENV)/cffconvert
CFF_STAMP := $(CFF_VENV)/.installed-$(shell cksum < requirements-cffconvert.txt | cut -d' ' -f1)
# Zensical (the successor generator, make build-zensical) needs Python 3.11: a venv of its own too.
ZENSICAL_VENV := $(VENV)/zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed-$(shell cksum < requirements-zensical.txt | cut -d' ' -f1)
# Material for MkDocs prints an end-of-life banner for MkDocs 2 on every build; we pin mkdocs<2.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build build-zensical validate test test-fast browser fonts lint format format-check schemas new diff review bench clean

# Everything else comes from the system: tools/system-packages installs what is missing with
# apt-get when it can (root or password-less sudo), or stops with one line saying what to run.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed")'
	@tools/system-packages venv $(PYTHON)
	@test -x $(BIN)/pip || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*; touch $@

$(CFF_STAMP): requirements-cffconvert.txt | $(STAMP)
	@test -x $(CFF_VENV)/bin/python || $(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-cffconvert.txt
	@rm -f $(CFF_VENV)/.installed-*; touch $@

# On Python 3.10 nothing is installed: make build-zensical then says so, and its tests are skipped.
$(ZENSICAL_STAMP): requirements-zensical.txt | $(STAMP)
	@if $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then \
	  { test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV); } && \
	  $(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt; \
	else echo "Zensical needs Python 3.11 or newer: not installed"; fi
	@rm -f $(ZENSICAL_VENV)/.installed-*; mkdir -p $(ZENSICAL_VENV); touch $@

serve: $(STAMP) fonts ## build and serve the site with live reload (watches data/ too)
	$(BIN)/mkdocs serve --strict

build: $(STAMP) fonts ## static site into site/
	$(BIN)/mkdocs build --strict

build-zensical: $(STAMP) $(ZENSICAL_STAMP) fonts ## the same site built by Zensical, Material's successor, into site-zensical/
	$(BIN)/python -m macros zensical site-zensical

validate: $(STAMP) ## check every file in data/
	$(BIN)/python -m macros validate

test: browser fonts $(STAMP) $(CFF_STAMP) $(ZENSICAL_STAMP) ## the whole test suite, browser tests included
	$(BIN)/python -m pytest

# The quick loop while changing code: no browser, no test that builds the site or runs many random
# cases (those are marked `browser` or `slow`), on every core; under a minute. CI runs `make test`, all of it.
test-fast: $(STAMP) ## the tests that take under a minute: no browser, no site builds
	$(BIN)/python -m pytest -q -n auto -m "not browser and not slow"

browser: ## Debian's chromium for the browser tests, installed when missing
	@tools/system-packages browser

fonts: ## the font card images are drawn with (fonts-dejavu-core), installed when missing
	@tools/system-packages fonts

# The checks of the pull request's "Validate data" job, all of them, then one verdict
# (tests/test_setup.py keeps the two lists the same).
lint: $(STAMP) ## what the pull request checks in data/: validation, canonical layout, schemas, yamllint
	@failed=; \
	$(BIN)/python -m macros validate || failed="$$failed validate"; \
	$(BIN)/python -m macros format --check || failed="$$failed format-check"; \
	$(BIN)/python -m macros schemas --check || failed="$$failed schemas"; \
	$(BIN)/python -m macros yamllint data/ || failed="$$failed yamllint"; \
	if [ -n "$$failed" ]; then echo "make lint: failed:$$failed" >&2; exit 1; fi; \
	echo "make lint: all checks passed"

format: $(STAMP) ## rewrite data files in canonical form (comments kept), and regenerate schemas/
	$(BIN)/python -m macros format
	$(BIN)/python -m macros schemas

schemas: $(STAMP) ## regenerate from the model: schemas/ (with data/vocabulary.yml), the issue forms and CONTRIBUTING's lists
	$(BIN)/python -m macros schemas
	$(BIN)/python -m macros forms
	$(BIN)/python -m macros docs

format-check: $(STAMP)
	$(BIN)/python -m macros format --check

new: $(STAMP) ## scaffold a record: make new KIND=event ID=2026-01-09-example
	$(BIN)/python -m macros new $(KIND) $(ID)

diff: $(STAMP) ## what the data change does to the site, since the branch left main (or REV=...)
	$(BIN)/python -m macros diff $(REV)

review: $(STAMP) ## what needs an editor, as of today: make review (AS_OF=2026-02-01 for another day)
	$(BIN)/python -m macros review $(if $(AS_OF),--as-of $(AS_OF))

bench: $(STAMP) $(ZENSICAL_STAMP) fonts
	$(BIN)/python -m tools.bench

clean:
	rm -rf site site-zensical .pytest_cache
