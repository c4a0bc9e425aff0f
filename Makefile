# Every target creates .venv and installs the project into it when missing,
# so each works on a fresh machine on its own.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The browser test drives Debian's Chromium through Playwright (which never downloads one).
CHROMIUM := /usr/bin/chromium

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) examples/quickstart_sklearn.py
	$(PY) examples/hints_quickstart.py

test: $(STAMP) $(CHROMIUM)
	$(PY) -m pytest -q

$(CHROMIUM):
	apt-get update -qq && apt-get install -y -qq chromium

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict hintsig plugins
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	@for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
