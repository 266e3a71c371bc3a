# motcua: `make run` sets everything up and serves on http://127.0.0.1:8000; `make test` runs the suite;
# `make serve` runs the production tier on this machine (docs/operations.md).
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages: Python's venv, gettext for translations, Chromium for browser tests,
# Noto fonts and Pango for the PDF slips (WeasyPrint), Tesseract with Vietnamese and OCRmyPDF's tools
# for digitization, poppler-utils (pdfsig, pdftoppm), the PostgreSQL client for benchmarks.
APT_PACKAGES := python3 python3-venv gettext chromium espeak-ng fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 \
	libharfbuzz-subset0 postgresql-client poppler-utils tesseract-ocr tesseract-ocr-vie ghostscript unpaper \
	pngquant qpdf

.PHONY: run serve test setup system venv assets messages migrate demo lint check-migrations config-docs api-schema docs screenshots bench clean

system:
	@scripts/system-packages.sh $(APT_PACKAGES)

# The venv is rebuilt only when the lock file changes; the stamp is a copy of the lock it was built from.
$(VENV)/.installed: requirements.lock
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@cp requirements.lock $@

venv: system $(VENV)/.installed

# Front-end files (htmx) from the npm registry, checked against assets.lock.json; skipped when present.
assets:
	@python3 scripts/assets.py

messages: venv
	@$(MANAGE) compilemessages --ignore=.venv --ignore=var -v 0

setup: venv assets messages

migrate: setup
	@$(MANAGE) migrate --no-input -v 0

demo: migrate
	@$(MANAGE) load_demo
	@$(MANAGE) pki_dev

run: demo
	@echo "motcua is serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	@$(MANAGE) runserver $(HOST):$(PORT) --noreload

# The production tier on one server: PostgreSQL, Redis, gunicorn, Celery workers and beat (scripts/serve.sh).
serve: setup
	@HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy src

check-migrations: setup
	DJANGO_SETTINGS_MODULE=motcua.conf.test $(MANAGE) makemigrations --check --dry-run

test: setup lint check-migrations
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest $(PYTEST_ARGS)

screenshots: setup
	MOTCUA_SCREENSHOTS=$(CURDIR)/docs/screenshots DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest tests/e2e -q

api-schema: setup
	DJANGO_SETTINGS_MODULE=motcua.conf.test $(MANAGE) api_schema --write

config-docs: setup
	DJANGO_SETTINGS_MODULE=motcua.conf.test $(MANAGE) config_docs --write

# Every generated document: configuration reference, lifecycle table, OpenAPI.
docs: config-docs api-schema
	DJANGO_SETTINGS_MODULE=motcua.conf.test $(MANAGE) lifecycle_doc --write

bench: setup
	DJANGO_SETTINGS_MODULE=motcua.conf.test $(PY) bench/workdays_bench.py
	$(PY) bench/ocr.py
	@if [ -n "$$DATABASE_URL" ]; then $(PY) bench/intake.py && $(PY) bench/desk.py && $(PY) bench/webhook.py && $(PY) bench/citizen.py; \
	else echo "bench/intake.py, bench/desk.py, bench/webhook.py and bench/citizen.py need DATABASE_URL (PostgreSQL)"; fi

clean:
	rm -rf $(VENV) var
