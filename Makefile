# dmpcore: the two quick-start commands are `make demo` and `make test`.
# Each is self-contained: it creates .venv with the Python found here and installs what it needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# the official ANS kit and its independent oracle, beside the repository (reference data, not ours)
KIT ?= $(or $(DMPCORE_KIT),../shared/ci-sis/kit)
ORACLE ?= $(abspath $(KIT)/../../tools/ci_sis_oracle.py)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint typecheck pytest docs bench generate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[official]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,official]'
	touch $@ $(VENV)/.installed-demo

demo: $(VENV)/.installed-demo
	$(BIN)/dmpcore demo
	@echo "== dmpcore example dlu | dmpcore validate - =="
	$(BIN)/dmpcore example dlu | $(BIN)/dmpcore validate -
	@if [ -d "$(KIT)" ] && [ -f "$(ORACLE)" ]; then \
	  echo "== the official ANS CI-SIS pipeline ($(ORACLE)) on the same DLU =="; \
	  $(BIN)/dmpcore example dlu > $(VENV)/example-dlu.xml && \
	  $(BIN)/python $(ORACLE) $(KIT) $(VENV)/example-dlu.xml; \
	else \
	  echo "(official ANS kit not found at $(KIT): set DMPCORE_KIT to run the official pipeline too)"; \
	fi

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
