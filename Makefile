# Two front doors: `make run` (the platform on http://127.0.0.1:8000) and `make test`.
# Every step is keyed on a file, so a second run installs and builds nothing new.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py
URL := http://127.0.0.1:8000

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

# Stamps: a target is rebuilt only when what it is keyed on changes.
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
NPM_STAMP := node_modules/.installed
ASSETS_STAMP := static/dist/.built

FRONTEND_SOURCES := $(shell find frontend -type f 2>/dev/null) \
	$(wildcard package.json *.config.js *.config.mjs *.config.cjs)
PO_FILES := $(shell find . \( -path ./.venv -o -path ./node_modules -o -path ./var \) -prune \
	-o -path '*/locale/*/LC_MESSAGES/*.po' -print 2>/dev/null)
MO_FILES := $(PO_FILES:.po=.mo)

# Debian packages, each paired with the command or file that shows it is installed.
RUN_PACKAGES := ffmpeg:ffmpeg ffprobe:ffmpeg msgfmt:gettext npm:npm \
	/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) /usr/bin/chromium:chromium \
	/usr/share/fonts/truetype/liberation:fonts-liberation
present = $(if $(filter /%,$(1)),$(wildcard $(1)),$(shell command -v $(1) 2>/dev/null))
missing = $(sort $(foreach pair,$(1),$(if $(call present,$(firstword $(subst :, ,$(pair)))),,\
	$(lastword $(subst :, ,$(pair))))) $(VENV_PACKAGE))
# Debian's python3 creates virtual environments only with python3-venv (ensurepip).
VENV_PACKAGE = $(if $(wildcard $(PY)),,$(if $(shell $(PYTHON) -c 'import ensurepip' 2>/dev/null \
	&& echo ok),,python3-venv))

.PHONY: help run test lint check-migrations pytest install install-test assets messages \
	system-packages system-packages-test migrate demo clean bench bench-web bench-load

help:
	@echo "make run    install what is missing, prepare the database and demo content,"
	echo "           then serve $(URL) with a Celery worker (Ctrl-C stops both)"
	echo "make test   install what is missing, then lint and run the whole test suite"
	echo "make lint   ruff, ruff format --check and the import layers only"
	echo "make clean  remove var/ (database, media, queues) and static/dist/"

# --- Front doors ------------------------------------------------------------

run: export DJANGO_SETTINGS_MODULE := config.settings.dev
run: install assets messages migrate demo
	@echo
	echo "The platform is starting on $(URL)  (Ctrl-C stops the web server and the worker)"
	echo
	# Django reads .env itself, without letting it override what make exports.
	PATH="$(CURDIR)/$(BIN):$$PATH" exec $(BIN)/honcho --env /dev/null -f Procfile.dev start

test: export DJANGO_SETTINGS_MODULE := config.settings.test
test: install-test assets messages lint check-migrations pytest

# --- Steps ------------------------------------------------------------------

system-packages: PACKAGES = $(call missing,$(RUN_PACKAGES))
system-packages-test: PACKAGES = $(call missing,$(TEST_PACKAGES))
system-packages system-packages-test:
	@packages="$(PACKAGES)"
	[[ -z $$packages ]] && exit 0
	if [[ $$(id -u) -ne 0 ]]; then
	  echo "Missing Debian packages: $$packages" >&2
	  echo "Install them as root, then run make again:" >&2
	  echo "  apt-get update && apt-get install --no-install-recommends $$packages" >&2
	  exit 1
	fi
	echo "Installing Debian packages: $$packages"
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$packages

install: system-packages $(RUNTIME_STAMP)
install-test: system-packages-test $(TEST_STAMP)

$(PY): | system-packages
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml | $(PY)
	$(PIP) install -e .
	touch $@

$(BENCH_STAMP): pyproject.toml | $(PY)
	$(PIP) install -e '.[bench]'
	touch $@

# The test extra includes the runtime dependencies, so it satisfies both stamps.
$(TEST_STAMP): pyproject.toml | $(PY)
	$(PIP) install -e '.[test]'
	touch $@ $(RUNTIME_STAMP)

$(NPM_STAMP): $(wildcard package-lock.json) | system-packages
	npm ci --no-audit --no-fund
	mkdir -p $(@D)
	touch $@

assets: $(ASSETS_STAMP)

$(ASSETS_STAMP): $(NPM_STAMP) $(FRONTEND_SOURCES)
	npm run build
	mkdir -p $(@D)
	touch $@

# compilemessages skips up-to-date catalogues; make skips even starting Django.
messages: $(MO_FILES)

ifneq ($(strip $(PO_FILES)),)
$(MO_FILES) &: $(PO_FILES) | $(RUNTIME_STAMP)
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --ignore=var
	touch -c $(MO_FILES)
endif

migrate: | $(RUNTIME_STAMP)
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_content

lint: | $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Migration files are compared with the models only; no database server is needed.
check-migrations: | $(TEST_STAMP)
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=config.settings.test \
	  $(MANAGE) makemigrations --check --dry-run

pytest: | $(TEST_STAMP) assets messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest

clean:
	rm -rf var static/dist

# Times the CLI against the bare ffmpeg ladder on a 10 s 360° clip: several minutes.
bench: | $(RUNTIME_STAMP) $(BENCH_STAMP)
	$(PY) bench/transcode.py
	$(PY) bench/web.py
	$(PY) bench/load.py

# The hub's pages under load against a bare Django view, on PostgreSQL: a few minutes.
bench-web: | $(RUNTIME_STAMP)
	$(PY) bench/web.py

# The whole platform under 200 simulated users for 2 minutes (locust), on PostgreSQL and Redis.
bench-load: | $(RUNTIME_STAMP) $(BENCH_STAMP) assets messages
	$(PY) bench/load.py

# Fault drill: object storage cut for 30 s while reprocessed recordings are published (moto
# behind a proxy, gunicorn, a real worker, PostgreSQL on 5432): about 2 minutes; not in `test`.
.PHONY: drill-storage
drill-storage: | $(TEST_STAMP) assets messages
	$(PY) drills/storage.py

# Fault drill: PostgreSQL (a private cluster on a free port) stopped for 20 s while pages are
# served and media jobs run, then started again: about 3 minutes; not in `test`.
.PHONY: drill-database
drill-database: | $(RUNTIME_STAMP) assets messages
	$(PY) drills/database.py

# Fault drill: Redis (a private server on a free port; broker and cache) killed for 20 s
# while pages are served and a file is uploaded, then started again: about 2 minutes; not
# in `test`.
.PHONY: drill-redis
drill-redis: | $(RUNTIME_STAMP) assets messages
	$(PY) drills/redis_outage.py

# Fault drill: the media worker SIGKILLed at random moments (a pool process, or the whole
# worker then a new one) during 50 one-second transcodes, beat sweeping: 1-2 minutes; not in
# `test`. SEED=n repeats a kill schedule.
.PHONY: drill-worker-kill
drill-worker-kill: | $(RUNTIME_STAMP) messages
	$(PY) drills/worker_kill.py $(if $(SEED),--seed $(SEED))
