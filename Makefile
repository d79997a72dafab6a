# One interface for everything: `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
# Rasa with our fixes to its internals (runtime/rasa_fixes.py) applied.
RASA      := $(PY) -m runtime.launch
MODEL     := models/patient-bot.tar.gz
RESULTS   := results
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

# Rasa 3.6 needs Python 3.8-3.10: take python3.10 from PATH, else from pyenv.
PYTHON310 ?= $(shell scripts/find_python310.sh)

# What `rasa train` reads: config, domain, data, facts and triage messages, and
# the Python it runs (the NLU components, the launcher and all they import;
# scripts/training_inputs.py). Reply wording and answer code are not among
# them, so changing those does not retrain.
TRAINING_INPUTS := config.yml domain.yml \
	$(shell find data facts triage_messages -type f -name '*.yml' 2>/dev/null) \
	$(shell $(or $(PYTHON310),python3) scripts/training_inputs.py)

.PHONY: help lint test-reports test-servers audit check-leakage test-safety sign-facts install web browser-deps production-deps test-production bench soak train validate test test-unit test-stories test-nlu nlu-report test-e2e test-browser run shell clean bench-triage test-questions escalations facts-report transcripts

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	@if [ -z "$(PYTHON310)" ]; then \
		echo "error: Python 3.10 not found (Rasa 3.6 needs Python 3.8-3.10)."; \
		echo "Install it, e.g. 'pyenv install 3.10.13', or put python3.10 on PATH,"; \
		echo "or run: make install PYTHON310=/path/to/python3.10"; \
		exit 1; fi
	@echo "Using $(PYTHON310)"
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip wheel
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

install: $(VENV)/.installed ## Create .venv with Python 3.10 and install pinned packages

WEB_CLIENT := web/node_modules/socket.io-client/dist/socket.io.min.js
$(WEB_CLIENT): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web: $(WEB_CLIENT) ## Install the patient page's socket.io client from npm (no CDN)

# Debian's Chromium for the real-browser tests (Playwright's own download is
# unreachable here). Installs with apt when missing; needs root, as CI has.
# PostgreSQL, Redis and docker-compose (to check the compose file) from Debian,
# for the production-stack tests. Installs with apt when missing (root).
PRODUCTION_TOOLS := /usr/bin/psql /usr/bin/redis-server /usr/bin/docker-compose
production-deps: ## Install PostgreSQL, Redis and docker-compose for the production tests
	@missing=""; for tool in $(PRODUCTION_TOOLS); do [ -x $$tool ] || missing=1; done; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing=1; \
	if [ -z "$$missing" ]; then echo "PostgreSQL, Redis and docker-compose present."; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			postgresql redis-server docker-compose; \
	else echo "error: sudo apt-get install postgresql redis-server docker-compose"; exit 1; fi

browser-deps: ## Install Debian's Chromium for the browser tests if missing
	@if [ -x /usr/bin/chromium ]; then echo "Chromium: $$(/usr/bin/chromium --version)"; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "error: install Chromium first: sudo apt-get install chromium"; exit 1; fi

$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	$(RASA) train --fixed-model-name patient-bot --out models
	touch $@

train: $(MODEL) ## Train the model (only when data, facts or config changed)

validate: install ## Check domain, data and stories (warnings fail)
	@$(RASA) data validate --fail-on-warnings 2>&1 | tee $(VENV)/validate.log | grep -E "UserWarning|ERROR" || true
	@if grep -qE "UserWarning|ERROR|Validation failed" $(VENV)/validate.log; then \
		echo "rasa data validate reported problems (see above)"; exit 1; fi
	@echo "Domain and data are valid."

test-unit: install ## Unit tests (facts, matcher, answers, actions, NLU components)
	$(PY) -m pytest -m "not e2e and not browser and not production" -q

test-stories: $(MODEL) ## Run tests/stories (fail on any wrong prediction); report in results/stories/report.html
	MODEL=$(MODEL) OUT=$(RESULTS)/stories scripts/test_stories.sh

test-nlu: $(MODEL) ## NLU on the held-out test set: intent accuracy and medicine F1
	$(RASA) test nlu --model $(MODEL) --nlu tests/nlu/test_nlu.yml --out $(RESULTS)/nlu
	$(PY) scripts/nlu_report.py $(RESULTS)/nlu

nlu-report: ## Print the figures of the last `make test-nlu`
	$(PY) scripts/nlu_report.py $(RESULTS)/nlu

test-e2e: $(MODEL) web ## End to end over REST and socket.io against running servers
	$(PY) -m pytest -m "e2e and not browser and not production" -q

test-production: $(MODEL) production-deps ## Restart, PostgreSQL, Redis, two instances, compose file
	$(PY) -m pytest -m production -q

test-browser: $(MODEL) web browser-deps ## The patient page in Chromium (Playwright); screenshots in results/browser
	$(PY) -m pytest -m browser -q

lint: install ## ruff (lint, import order, format), mypy on the pure packages, complexity, size and import limits
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) scripts/check_limits.py

# CI, in three phases on 2 cores: the checks and the page's and servers' own
# installs (each once, before anything runs beside it); the unit tests beside training;
# then everything that needs the model, three jobs at a time (the reports keep
# the cores busy while the end-to-end tests wait on servers). Each job's output
# is printed whole when it ends. Benchmarks (bench, bench-triage, soak) are run
# by hand.
test: ## Everything CI runs
	$(MAKE) --no-print-directory lint check-leakage validate web browser-deps production-deps
	$(MAKE) --no-print-directory -j2 --output-sync=target test-unit train
	$(MAKE) --no-print-directory -j3 --output-sync=recurse test-reports test-e2e test-servers

test-reports: $(MODEL) ## The trained bot's figures: stories, held-out NLU, safety, consumer questions
	$(MAKE) --no-print-directory -j1 test-stories test-nlu test-safety test-questions

test-servers: $(MODEL) ## The patient page in Chromium, then the production stack
	$(MAKE) --no-print-directory -j1 test-browser test-production

bench: $(MODEL) production-deps ## Benchmark against a bare `rasa init` bot; writes results/bench.md (not in CI)
	$(PY) scripts/bench.py

soak: $(MODEL) ## 5 minutes at 8 conversations: errors (target 0) and memory growth (<= 10%) (not in CI)
	$(PY) scripts/soak.py

check-leakage: install ## Fail when an evaluation message appears in any training input
	$(PY) scripts/check_leakage.py

test-safety: $(MODEL) ## Safety figures of the whole bot (single messages, conversations); fails below tests/safety_floors.yml
	$(PY) scripts/safety_report.py $(MODEL)

bench-triage: install ## Score the triage layers on the phrasing table, dev and locked sets; time them
	$(PY) scripts/bench_triage.py

test-questions: $(MODEL) ## Consumer questions naming our medicines (dev and locked sets): outcome per question type
	$(PY) scripts/question_report.py $(MODEL)

facts-report: install ## Every fact with source passage, review age and reading grade
	$(PY) scripts/facts_report.py

sign-facts: install ## Record REVIEWER's sign-off of every answer changed since its last review (after reading make facts-report)
	@if [ -z "$(REVIEWER)" ]; then echo 'usage: make sign-facts REVIEWER="Name, role"'; exit 1; fi
	$(PY) scripts/sign_facts.py --reviewer "$(REVIEWER)"

transcripts: install ## Export recent conversations as Markdown (DAYS=7 OUT=results/transcripts)
	$(PY) -m records.transcripts --days $(or $(DAYS),7) --out $(or $(OUT),results/transcripts)

audit: ## Check every pinned package (constraints.txt) against an advisory source, if one answers
	@test -x .venv-audit/bin/pip-audit || { python3 -m venv .venv-audit && \
		.venv-audit/bin/pip install --quiet pip-audit; } || { \
		echo "audit: could not install pip-audit (no PyPI?): nothing was checked"; exit 2; }
	@python3 scripts/audit.py

escalations: install ## List recorded emergency and urgent escalations (staff)
	$(PY) -m escalation.cli list

run: $(MODEL) web ## Serve: page :8080, Rasa :5005 (REST + socket.io), actions :5055; e.g. RASA_PORT=5105 to move
	exec scripts/serve.sh

shell: $(MODEL) ## Chat in the terminal; starts its own action server; RASA_PORT, ACTION_PORT as for run
	exec scripts/serve.sh shell

clean: ## Remove models, results and caches (keeps .venv)
	rm -rf models $(RESULTS) .rasa .pytest_cache
