# The help site's commands. `make serve` and `make test` do all the set-up they need.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CHROMIUM := /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint lock clean status translated chromium bench

# A virtual environment with the pinned, hash-checked dependencies; the project root goes on
# its path (a .pth file) so `hooks` imports the same from mkdocs, pytest and the shell.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	# Asked of the venv's Python at run time: make expands a recipe before its first line runs.
	echo "$(CURDIR)" > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/help-site.pth"
	touch $@

serve: $(STAMP)  ## Serve the site with live reload at http://127.0.0.1:8000 (DOCS_LANG=pt for one language)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## Build and check the site in a new folder, then put it in place of site/
	$(BIN)/python -m hooks.publish --site-dir site

lint: $(STAMP)  ## Lint and format-check the Python code
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench

test: lint $(NODE_STAMP) chromium  ## Lint, then run the whole test suite (browser tests included)
	$(BIN)/pytest

status: $(STAMP)  ## Translation status per language and page (CI=1: fail when incomplete)
	$(BIN)/python -m hooks.status $(if $(CI),--ci)

translated: $(STAMP)  ## Mark a translation as reviewed: make translated PAGE=docs/fr/guide.md
	$(BIN)/python -m hooks.status mark $(PAGE)

# axe-core for the browser tests, pinned in package-lock.json
$(NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The browser tests drive Debian's Chromium, never a downloaded browser
chromium:
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is missing: the browser tests need Debian's Chromium."; \
		echo "    fix: sudo apt-get update && sudo apt-get install -y chromium"; exit 1; }

bench: $(STAMP)  ## Time our build against plain Material and mkdocs-macros-plugin (N=1000 adds that size)
	$(BIN)/python bench/bench.py --sizes 50,200$(N:%=,%)

lock:  ## Re-pin requirements.txt from requirements.in (needs uv: pip install uv)
	uv pip compile requirements.in --generate-hashes --python-version 3.11 --no-header -o requirements.txt

clean:
	rm -rf $(VENV) site .pytest_cache node_modules test-results
