# Every target creates .venv and installs the project into it when missing,
# so each works on a fresh machine on its own.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# `make demo` installs only what the demo needs (the serve and sklearn extras), with its own stamp.
DEMO_STAMP := $(VENV)/.installed-demo
# Editable installs use setuptools' "compat" mode: a plain path in a .pth file, which mypy
# (and its plugin, hintsig_mypy) can see; the default mode's import hook hides the package from it.
EDITABLE := --config-settings editable_mode=compat -e
# The browser test drives Debian's Chromium through Playwright (which never downloads one).
CHROMIUM := /usr/bin/chromium

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(EDITABLE) '.[dev]'
	touch $(STAMP)

$(DEMO_STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(EDITABLE) '.[serve,sklearn]'
	touch $(DEMO_STAMP)

demo: $(DEMO_STAMP)
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

bench: $(STAMP)
	@for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
