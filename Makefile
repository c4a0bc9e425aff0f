# Every target creates .venv and installs the project into it when missing,
# so each works on a fresh machine on its own.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# `make demo` installs only what the demo needs (the serve and sklearn extras), with its own stamp.
DEMO_STAMP := $(VENV)/.installed-demo
# Editable installs are a plain .pth file naming the repo and plugins/ (hatchling's
# dev-mode-dirs in pyproject.toml), so mypy and its hintsig_mypy plugin see hintsig; the import
# hook of setuptools' editable mode hid the package from mypy.
EDITABLE := -e
# The browser test drives Debian's Chromium through Playwright (which never downloads one).
CHROMIUM := /usr/bin/chromium

.PHONY: demo test lint bench clean java

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

test: $(STAMP) $(CHROMIUM) java
	$(PY) -m pytest -q

$(CHROMIUM):
	apt-get update -qq && apt-get install -y -qq chromium

# The Spark tests need a Java 17+ runtime.
java:
	command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq default-jre-headless)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict hintsig plugins
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	@for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
