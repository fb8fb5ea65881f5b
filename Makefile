# Two commands for a fresh clone: `make run` and `make test`. Everything else is a helper.
# Needs only Python >= 3.12 and make; the virtualenv lives in .venv.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The first interpreter on PATH that is Python >= 3.12.
PYTHON ?= $(shell for p in python3 python3.14 python3.13 python3.12 python; do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; \
	done)

.PHONY: run test venv test-venv migrate demo lint format bench fuzz messages clean

$(VENV)/.base: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 is required (none found on PATH)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.base
test-venv: $(VENV)/.test

migrate: venv
	DEBUG=true $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=true $(PY) manage.py seed_demo

## make run: the app with demo data on SQLite at http://127.0.0.1:8000
run: demo
	# The queue's worker (long exports) runs beside the server and stops with it.
	DEBUG=true $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

## make test: the whole suite (browser tests skip without Chromium, except with CI=true)
test: test-venv
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: test-venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

## make fuzz: Schemathesis against the API's schema, as the demo admin and applicant, on a
## throwaway SQLite database (or the PostgreSQL database DATABASE_URL names); a few minutes
fuzz: test-venv
	.ci/schemathesis

format: test-venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make bench: the benchmarks in bench/ (or one: make bench BENCH=api-list); fails on a missed target
bench: test-venv
	$(PY) -m bench $(BENCH)

## make messages: refresh the translation catalogue (needs GNU gettext) and compile it
messages: test-venv
	DEBUG=true $(PY) manage.py makemessages -l vi --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'var/*' --ignore 'static/vendor/*' --ignore 'tests/*'
	$(PY) -m babel.messages.frontend compile -d locale -D django

clean:
	rm -rf $(VENV) var
