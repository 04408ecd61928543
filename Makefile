# sotflow: the whole set-up on a fresh machine is `make run` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install up down run test test-unit test-integration test-e2e test-cluster bench clean lint browser promtool

# SOTFLOW_KAFKA_BROKERS=3 make up|run: the replicated cluster (ops/kafka-cluster.sh) instead
# of the one broker, and the sotflow commands pointed at it with the 3/2 topic profile.
ifneq ($(filter-out 1,$(SOTFLOW_KAFKA_BROKERS)),)
ON_KAFKA := eval "$$(bash ops/kafka-cluster.sh env)" &&
endif

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
	$(ON_KAFKA) $(VENV)/bin/sotflow db migrate
	$(ON_KAFKA) $(VENV)/bin/sotflow topics ensure

down:
	-bash ops/kafka-cluster.sh stop
	-bash ops/kafka.sh stop
	-bash ops/postgres.sh stop

run: up
	$(ON_KAFKA) $(VENV)/bin/sotflow run

# The console's tests drive a real browser: Debian's chromium and chromedriver.
browser:
	bash ops/browser.sh

# promtool checks and unit-tests the alert rules (ops/prometheus/): Debian's prometheus package.
promtool:
	bash ops/promtool.sh

# The replicated cluster (ops/kafka-cluster.sh, beside the one broker): started for these
# tests and stopped after them, whatever they answer.
test-cluster: up
	bash ops/kafka-cluster.sh start
	status=0; $(VENV)/bin/pytest -m cluster tests/cluster --basetemp=.local/cluster-tests || status=$$?; bash ops/kafka-cluster.sh stop; exit $$status

# Four workers share the services: the suite mostly waits on them, and each test has its own
# schemas and topics. The tests that stop the broker or the database would break the tests
# beside them, so they run alone after.
OUTAGE := kafka_outage or postgres_outage

# (A -m given here replaces pyproject's `-m 'not cluster'`, so each run says it again.)
test: up browser promtool
	$(VENV)/bin/pytest -n 4 -m "not cluster and not ($(OUTAGE))"
	$(VENV)/bin/pytest -m "not cluster and ($(OUTAGE))"
	$(MAKE) test-cluster

test-unit: install promtool
	$(VENV)/bin/pytest tests/unit

test-integration: up
	$(VENV)/bin/pytest tests/integration

test-e2e: up browser
	$(VENV)/bin/pytest tests/e2e

# Each benchmark measures its baseline in the same run; the summary puts them in one table.
# `make bench BEFORE=<ref>` also runs the registrations and the proceedings commands from the code at that ref, in the same run.
bench: up
	mkdir -p bench/results && touch bench/results/.started
	$(PY) -m bench.e2e --workers 2 $(if $(BEFORE),--before $(BEFORE))
	$(PY) -m bench.e2e --workers 2 --rate 100 --n 3000 $(if $(BEFORE),--before $(BEFORE))
	$(PY) -m bench.proceedings --workers 2 $(if $(BEFORE),--before $(BEFORE))
	$(PY) -m bench.relay
	$(PY) -m bench.verify
	$(PY) -m bench.audit_memory
	$(PY) -m bench.deadlines
	$(PY) -m bench.rebuild
	$(PY) -m bench.read
	$(PY) -m bench.console
	$(PY) -m bench.roster
	$(PY) -m bench.summary --since-start

clean: down
	rm -rf .local $(VENV)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
