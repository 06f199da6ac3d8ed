# Two commands matter: `make serve` and `make test`. Everything else is for maintainers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
# cffconvert (checks CITATION.cff) needs an older jsonschema than the rest: a venv of its own.
CFF_VENV := $(VENV)/cffconvert
CFF_STAMP := $(CFF_VENV)/.installed-$(shell cksum < requirements-cffconvert.txt | cut -d' ' -f1)
# Material for MkDocs prints an end-of-life banner for MkDocs 2 on every build; we pin mkdocs<2.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build validate test browser fonts lint format format-check schemas new diff review bench clean

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

serve: $(STAMP) fonts ## build and serve the site with live reload (watches data/ too)
	$(BIN)/mkdocs serve --strict

build: $(STAMP) fonts ## static site into site/
	$(BIN)/mkdocs build --strict

validate: $(STAMP) ## check every file in data/
	$(BIN)/python -m macros validate

test: browser fonts $(STAMP) $(CFF_STAMP) ## the whole test suite, browser tests included
	$(BIN)/python -m pytest

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
	$(BIN)/python -m yamllint --config-file .yamllint.yml data/ || failed="$$failed yamllint"; \
	if [ -n "$$failed" ]; then echo "make lint: failed:$$failed" >&2; exit 1; fi; \
	echo "make lint: all checks passed"

format: $(STAMP) ## rewrite data files in canonical form (comments kept), and regenerate schemas/
	$(BIN)/python -m macros format
	$(BIN)/python -m macros schemas

schemas: $(STAMP) ## regenerate from the model: schemas/ (with data/vocabulary.yml) and CONTRIBUTING's lists
	$(BIN)/python -m macros schemas
	$(BIN)/python -m macros docs

format-check: $(STAMP)
	$(BIN)/python -m macros format --check

new: $(STAMP) ## scaffold a record: make new KIND=event ID=2026-01-09-example
	$(BIN)/python -m macros new $(KIND) $(ID)

diff: $(STAMP) ## what the data change does to the site, since the branch left main (or REV=...)
	$(BIN)/python -m macros diff $(REV)

review: $(STAMP) ## what needs an editor, as of today: make review (AS_OF=2026-02-01 for another day)
	$(BIN)/python -m macros review $(if $(AS_OF),--as-of $(AS_OF))

bench: $(STAMP) fonts
	$(BIN)/python -m tools.bench

clean:
	rm -rf site .pytest_cache
