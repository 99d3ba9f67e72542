# The help site's commands. `make serve` and `make test` do all the set-up they need.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint lock clean bench

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

build: $(STAMP)  ## Build the static site into site/
	$(BIN)/mkdocs build --strict --site-dir site

lint: $(STAMP)  ## Lint and format-check the Python code
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench

test: lint  ## Lint, then run the whole test suite
	$(BIN)/pytest

bench: $(STAMP)  ## Time our build against plain Material and mkdocs-macros-plugin (N=1000 adds that size)
	$(BIN)/python bench/bench.py --sizes 50,200$(N:%=,%)

lock:  ## Re-pin requirements.txt from requirements.in (needs uv: pip install uv)
	uv pip compile requirements.in --generate-hashes --python-version 3.11 --no-header -o requirements.txt

clean:
	rm -rf $(VENV) site .pytest_cache
