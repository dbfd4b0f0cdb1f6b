# Two commands set everything up: `make run` and `make test`. Every dependency, development
# tools and the build backend included, is installed from requirements/dev.lock (exact
# versions with hashes); `make lock` regenerates the locks from pyproject.toml.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/dev.lock
DEMO_DB ?= demo.sqlite3
LOCK_FLAGS ?=
UV_COMPILE = $(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" --quiet $(LOCK_FLAGS)

.PHONY: run test lint bench demo lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# setuptools first (the lock's own, hash-checked), so that evdev and the project itself
# build with it instead of an unlocked copy fetched for an isolated build.
$(STAMP): pyproject.toml $(LOCK) requirements/build.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps \
		-r requirements/build.lock
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps --no-build-isolation \
		-r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
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
	$(BIN)/pytest -n 2 --dist loadgroup

bench: $(STAMP)
	$(BIN)/python -m bench

# dev.lock: everything (all extras, development tools, the build backend); till.lock: what a
# till installs (the program with both extras), at the same versions as dev.lock. Versions
# already locked are kept while pyproject admits them; `make lock LOCK_FLAGS=--upgrade` takes
# the newest, `LOCK_FLAGS="--upgrade-package rich"` one package's newest.
lock: $(STAMP)
	$(UV_COMPILE) pyproject.toml requirements/build.in --all-extras -o $(LOCK)
	$(UV_COMPILE) requirements/build.in -c $(LOCK) -o requirements/build.lock
	$(UV_COMPILE) pyproject.toml --extra hid --extra postgres -c $(LOCK) -o requirements/till.lock

clean:
	rm -rf $(VENV) .cache .mypy_cache .ruff_cache
