# sotflow: the whole set-up on a fresh machine is `make run` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install up down run test test-unit test-integration test-e2e bench clean lint browser

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

up: install
	bash ops/postgres.sh start
	bash ops/kafka.sh start
	$(VENV)/bin/sotflow db migrate
	$(VENV)/bin/sotflow topics ensure

down:
	-bash ops/kafka.sh stop
	-bash ops/postgres.sh stop

run: up
	$(VENV)/bin/sotflow run

# The console's tests drive a real browser: Debian's chromium and chromedriver.
browser:
	bash ops/browser.sh

# Two workers share the services; each test has its own schemas and topics. The tests that
# stop the broker or the database would break the tests beside them, so they run alone after.
OUTAGE := kafka_outage or postgres_outage

test: up browser
	$(VENV)/bin/pytest -n 2 -m "not ($(OUTAGE))"
	$(VENV)/bin/pytest -m "$(OUTAGE)"

test-unit: install
	$(VENV)/bin/pytest tests/unit

test-integration: up
	$(VENV)/bin/pytest tests/integration

test-e2e: up browser
	$(VENV)/bin/pytest tests/e2e

# Each benchmark measures its baseline in the same run; the summary puts them in one table.
# `make bench BEFORE=<ref>` also runs the registrations from the code at that ref, in the same run.
bench: up
	mkdir -p bench/results && touch bench/results/.started
	$(PY) -m bench.e2e --workers 2 $(if $(BEFORE),--before $(BEFORE))
	$(PY) -m bench.e2e --workers 2 --rate 100 --n 3000 $(if $(BEFORE),--before $(BEFORE))
	$(PY) -m bench.relay
	$(PY) -m bench.verify
	$(PY) -m bench.audit_memory
	$(PY) -m bench.deadlines
	$(PY) -m bench.rebuild
	$(PY) -m bench.read
	$(PY) -m bench.roster
	$(PY) -m bench.summary --since-start

clean: down
	rm -rf .local $(VENV)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
