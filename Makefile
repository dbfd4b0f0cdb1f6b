# Two commands set everything up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.sqlite3
export ESCPOS_CAPABILITIES_PICKLE_DIR := $(CURDIR)/.cache/escpos

.PHONY: run test lint bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	mkdir -p .cache/escpos
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/till --db $(DEMO_DB) demo

demo: $(STAMP)
	$(BIN)/till --db $(DEMO_DB) demo --no-app

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	# python-escpos caches its printer profiles as a pickle on first import; build it once here
	# so the two test workers never read it half-written.
	mkdir -p .cache/escpos && $(BIN)/python -c "import escpos.capabilities"
	$(BIN)/pytest -n 2

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .cache .mypy_cache .ruff_cache
