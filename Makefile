# Set-up and entry points. Every target only prepares .venv and calls `python -m pipeline`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PAPER  ?= a4
OUT    ?= output
THEME_ARG := $(if $(THEME),--theme $(THEME),)
CHECK_ARG := $(if $(CHECK),--check,)

NAME   ?= Reading List
HOST   ?= 127.0.0.1
PORT   ?= 8000
WATCH_PATHS   ?= manuscripts
WATCH_FORMATS ?= html
.PHONY: all epub pdf handouts collection catalog serve watch bench test test-all test-fast check clean lint format

all: $(STAMP)
	$(PY) -m pipeline build --format epub,pdf,handout --out $(OUT) --paper $(PAPER) $(THEME_ARG) $(CHECK_ARG)

epub: $(STAMP)
	$(PY) -m pipeline build --format epub --out $(OUT) $(THEME_ARG) $(CHECK_ARG)

pdf: $(STAMP)
	$(PY) -m pipeline build --format pdf --out $(OUT) --paper $(PAPER) $(THEME_ARG) $(CHECK_ARG)

handouts: $(STAMP)
	$(PY) -m pipeline build --format handout --out $(OUT) --paper $(PAPER) $(THEME_ARG)

collection: $(STAMP)
	$(PY) -m pipeline build --collection "$(NAME)" --format epub,pdf --out $(OUT) --paper $(PAPER) $(THEME_ARG)

catalog: $(STAMP)
	$(PY) -m pipeline catalog --out $(OUT)

serve: $(STAMP)
	$(PY) -m pipeline serve --out $(OUT) --host $(HOST) --port $(PORT)

watch: $(STAMP)
	$(PY) -m pipeline watch $(WATCH_PATHS) --format $(WATCH_FORMATS) --out $(OUT) $(THEME_ARG)

bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

check: $(STAMP)
	$(PY) -m pipeline check $(OUT)

# The system packages some tests need (scripts/system-deps installs or names them; never fails).
test: $(STAMP)
	@bash scripts/system-deps
	$(PY) -m pytest -q -m "not exhaustive"

# Everything `test` runs, and EPUBCheck and DAISY Ace over every corpus guide rather than a sample.
test-all: $(STAMP)
	@bash scripts/system-deps
	$(PY) -m pytest -q

# The tests that need no PDF layout, EPUBCheck, Ace or browser and take under ~2 s each.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow and not pdf and not epubcheck and not browser"

lint: $(STAMP)
	$(PY) -m pipeline lint manuscripts $(if $(STRICT),--strict,)
	$(PY) -m ruff check pipeline tests bench
	$(PY) -m ruff format --check pipeline tests bench

format: $(STAMP)
	$(PY) -m ruff format pipeline tests bench
	$(PY) -m ruff check --fix pipeline tests bench

# The guides opened in epub.js and foliate-js under Chromium: results.json and contact-sheet.png.
.PHONY: readers
readers: $(STAMP)
	@bash scripts/system-deps
	$(PY) readers/reading_systems.py $(OUT)/readers $(if $(FULL),--full)

clean:
	rm -rf $(OUT)/epub $(OUT)/pdf $(OUT)/handouts $(OUT)/collections $(OUT)/covers $(OUT)/opds.xml $(OUT)/index.html

# The editable install in compat mode is a plain path in a .pth file: setuptools' default mode adds
# an import finder that every start-up loads (with pathlib, urllib.parse and fnmatch, some 10 ms).
# setuptools calls compat mode transitional: once it is gone, the default mode is installed instead.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat 2>/dev/null \
		|| $(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m compileall -q pipeline
	touch $(STAMP)
