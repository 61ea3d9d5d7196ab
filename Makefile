# dmpcore: the two quick-start commands are `make demo` and `make test`.
# Each is self-contained: it creates .venv with the Python found here and installs what it needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint typecheck pytest docs bench generate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,official]'
	touch $@ $(VENV)/.installed-demo

demo: $(VENV)/.installed-demo
	$(BIN)/dmpcore demo
	@echo "== dmpcore example dlu | dmpcore validate - =="
	$(BIN)/dmpcore example dlu | $(BIN)/dmpcore validate -

test: $(VENV)/.installed-test lint typecheck pytest docs

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict src

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered

docs: $(VENV)/.installed-test
	$(BIN)/mkdocs build --strict --quiet --site-dir $(VENV)/site

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage
