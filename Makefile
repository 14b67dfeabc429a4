# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-test.txt | cksum | cut -d' ' -f1)

.PHONY: build check serve lint test test-fast fuzz bench bench-peers screenshots schemas catalogues system-deps clean

$(STAMP): requirements.txt requirements-test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	rm -f $(VENV)/.installed-*
	touch $@

build: $(STAMP)
	$(PY) site.py build

check: $(STAMP)
	$(PY) site.py check

serve: $(STAMP)
	$(PY) site.py serve

schemas: $(STAMP)
	$(PY) site.py schemas

# The interface's strings as marked in the code and templates, and each language's catalogue brought up
# to date with them: new strings are added untranslated, strings no longer marked are dropped.
LOCALES := onrecord/locales
LANGUAGES := fr ar
catalogues: $(STAMP)
	$(VENV)/bin/pybabel extract --mapping-file $(LOCALES)/babel.cfg --keywords n_:1,2 --no-location \
		--sort-output --output-file $(LOCALES)/messages.pot .
	for language in $(LANGUAGES); do $(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete \
		--input-file $(LOCALES)/messages.pot --output-file $(LOCALES)/$$language.po \
		--locale $$language; done

# What the browser and HTML tests need beyond Python: Debian's Chromium, a Java runtime, axe-core.
system-deps:
	@sh tests/system-deps.sh

# Ruff's lint rules and formatting over every Python file; mypy --strict over the engine and the command line.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The whole suite: the browser tests first, with the machine to themselves (Pagefind's interface and the
# page checks wait on Chromium, which a loaded machine slows), then the rest in two worker processes
# (pytest-xdist), each test keeping to its own temporary folders.
test: lint system-deps
	$(PY) -m pytest -q -m browser
	$(PY) -m pytest -q -m "not browser" --numprocesses 2

# The unit tests alone: no browser, no server, no processes of their own; seconds, not minutes.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not browser and not server and not process and not slow"

# Property-based tests of the loader and validator, far longer than the short run `make test` includes.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q tests/test_fuzz.py

screenshots: $(STAMP) system-deps
	$(PY) tests/screenshots.py

bench: $(STAMP)
	$(PY) bench/run.py

# The benchmark with Hugo, Eleventy and MkDocs building the same corpus in the same rounds; installs them if missing.
bench-peers: $(STAMP)
	sh bench/peers.sh
	$(PY) bench/run.py --peers

clean:
	rm -rf build .serve screenshots .onrecord-cache
