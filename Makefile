# The help site's commands. `make serve` and `make test` do all the set-up they need.
# `make help` lists every target.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_STAMP := node_modules/.installed
CHROMIUM := /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build test lint lock clean status translated chromium bench instructions

help:  ## List the targets, one line each
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

# The virtual environment, then one set of pinned, hash-checked dependencies per use
# (requirements/build.txt to build the site, test.txt to test it, bench.txt to benchmark it),
# then our package as an editable install, so that `mailhelp` imports the same from mkdocs,
# pytest and the shell, and edits of the package need no reinstall.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-%: requirements/%.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $<
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	touch $@

serve: $(VENV)/.installed-build  ## Serve the site with live reload at http://127.0.0.1:8000 (DOCS_LANG=pt for one language)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed-build  ## Build and check the site in a new folder, then put it in place of site/
	$(BIN)/mailhelp publish --site-dir site

lint: $(VENV)/.installed-test  ## Lint and format-check the Python code
	$(BIN)/ruff check mailhelp hooks tests bench
	$(BIN)/ruff format --check mailhelp hooks tests bench

test: lint $(NODE_STAMP) chromium  ## Lint, then run the whole test suite (browser tests included)
	$(BIN)/pytest

status: $(VENV)/.installed-build  ## Translation status per language and page (CI=1: fail when incomplete)
	$(BIN)/mailhelp status $(if $(CI),--ci)

translated: $(VENV)/.installed-build  ## Mark a translation as reviewed: make translated PAGE=docs/fr/guide.md
	$(BIN)/mailhelp mark $(PAGE)

# axe-core for the browser tests, pinned in package-lock.json
$(NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The browser tests drive Debian's Chromium, never a downloaded browser
chromium:  ## Check that Debian's Chromium is installed (the browser tests need it)
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is missing: the browser tests need Debian's Chromium."; \
		echo "    fix: sudo apt-get update && sudo apt-get install -y chromium"; exit 1; }

bench: $(VENV)/.installed-bench  ## Time our build against plain Material and mkdocs-macros-plugin (N=1000 adds that size)
	$(BIN)/python bench/bench.py --sizes 50,200$(N:%=,%)

instructions: $(VENV)/.installed-bench  ## Count the instructions a page of the checker's never-seen scan (needs valgrind)
	$(BIN)/python bench/instructions.py

lock:  ## Re-pin requirements/*.txt from requirements/*.in (needs uv: pip install uv)
	cd requirements && for set in build test bench; do \
		uv pip compile $$set.in --generate-hashes --python-version 3.11 --no-header -o $$set.txt || exit 1; done

clean:  ## Remove the virtual environment, the built site and test output
	rm -rf $(VENV) site .pytest_cache node_modules test-results
