# Two commands on a fresh Debian machine with Python 3.11 and make: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
DEBIAN_PACKAGES := libharfbuzz-subset0 poppler-utils
BROWSER_PACKAGES := chromium
HOST ?= 127.0.0.1
PORT ?= 8000

SECRET_FILE := var/secret_key
# `make run` is production-like over plain HTTP on this machine: DEBUG off (Vietnamese error pages), static files
# hashed and compressed by whitenoise, gunicorn and the worker, links in mails and QR codes to the address served.
RUN_ENV := DEBUG=false SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false \
	SECURE_HSTS_SECONDS=0 SECURE_HSTS_INCLUDE_SUBDOMAINS=false SECURE_HSTS_PRELOAD=false \
	SITE_URL=http://$(HOST):$(PORT) ALLOWED_HOSTS=$(HOST),127.0.0.1,localhost

.PHONY: run dev test lint setup deps browser venv db demo static bench bench-load clean

run: setup db demo static
	@echo "Phục vụ http://$(HOST):$(PORT) (gunicorn và tiến trình nền; Ctrl-C để dừng cả hai)"
	$(RUN_ENV) emulation/serve web $(HOST):$(PORT)

# For developers: Django's auto-reloading server with DEBUG on, and the worker beside it.
dev: setup db demo
	DEBUG=true SITE_URL=http://$(HOST):$(PORT) emulation/serve dev $(HOST):$(PORT)

test: setup browser lint static
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run >/dev/null
	$(PY) -m pytest $(PYTEST_ARGS)

# Lint that keeps the layout so: ruff (pycodestyle, pyflakes, isort, no unexplained import inside a function) and
# import-linter (awards -> campaigns -> Django, one way). Both are configured in pyproject.toml.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

setup: deps venv $(SECRET_FILE)

# A secret key of this checkout's own (git-ignored); production sets SECRET_KEY in the environment instead.
$(SECRET_FILE):
	@mkdir -p var && (umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@)

static:
	$(PY) manage.py collectstatic --noinput -v0

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Thiếu gói Debian: $$missing. Hãy chạy: sudo apt-get install -y $$missing"; fi; \
	fi

browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; \
	  else echo "Kiểm thử trình duyệt cần Chromium. Hãy chạy: sudo apt-get install -y $(BROWSER_PACKAGES)"; fi; \
	fi

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install -q uv

venv: $(UV)
	$(UV) sync --frozen --quiet

db:
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_plan_2023

demo:
	$(PY) manage.py seed_demo --stage living

# The province-scale benchmark on PostgreSQL (a database of its own, created and dropped): see bench/run.py.
bench: setup
	$(PY) bench/run.py $(BENCH_ARGS)

# The deadline-day load test: gunicorn on PostgreSQL, 300 unit heads uploading and submitting (bench/deadline_day.py).
bench-load: setup
	$(PY) bench/deadline_day.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .tools db.sqlite3 var staticfiles
