# Copilote — the two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
# The links in e-mails lead to the site served: `PORT=8123 make run` → http://127.0.0.1:8123/…
SITE_URL ?= http://127.0.0.1:$(PORT)
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.PHONY: run test install install-test lock demo messages lint templates format-templates types check bench load clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Installs are reproducible: every package comes from the lock file, pinned with its hashes (`make lock`).
LOCK := requirements/test.lock
$(VENV)/.installed: $(LOCK) | $(VENV)/bin/python
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes -r $(LOCK)
	@touch $@

install: $(VENV)/.installed

## make lock — after a change of the dependencies in pyproject.toml: the lock files, pinned with hashes (uv)
lock: | $(VENV)/bin/python
	$(PIP) install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 --no-header -q \
		-o requirements/runtime.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes --universal --python-version 3.11 \
		--no-header -q -o requirements/test.lock

# axe-core for the accessibility browser test (tests/a11y): pinned in its package-lock.json, test tooling only.
AXE := tests/a11y/node_modules/axe-core/axe.min.js
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	npm ci --prefix tests/a11y --ignore-scripts --no-audit --no-fund
	@touch $@

install-test: install $(AXE)

## make run — install, migrate SQLite, load the demo, serve on 127.0.0.1:$(PORT)
run:
	@bash scripts/system-deps.sh run
	@$(MAKE) --no-print-directory install
	@mkdir -p var/media
	$(PY) manage.py compile_catalogues
	$(PY) manage.py migrate --noinput
	SITE_URL=$(SITE_URL) $(PY) manage.py load_demo
	@echo ""
	@echo "  Copilote est prêt : http://127.0.0.1:$(PORT)/"
	@echo "  Comptes de démonstration (mot de passe : copilote-demo) :"
	@echo "    admin (administrateur) · pilote (pilote d'actions) · consultant (chargé de mission ARACT)"
	@echo "    croct (membre du CROCT, lecture seule) · service (service de santé au travail) · adherent (entreprise adhérente)"
	@echo ""
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test — install with the test tools, start PostgreSQL + Redis, run every test
test:
	@bash scripts/system-deps.sh test
	@$(MAKE) --no-print-directory install-test
	$(PY) manage.py compile_catalogues
	bash scripts/run-tests.sh $(ARGS)

demo: install
	$(PY) manage.py migrate --noinput && $(PY) manage.py load_demo

messages: install
	$(PY) manage.py makemessages -l fr --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=static
	$(PY) manage.py compile_catalogues

# The typed part (issue 17): core/, every app's services and selectors, each a module or a package by topic.
TYPED := core $(filter-out scripts/%,$(wildcard */services.py */services */selectors.py */selectors))

lint: install
	$(VENV)/bin/ruff check .

## make templates — every template formatted by djLint and following its rules (config in pyproject.toml);
## `make format-templates` rewrites them in that format
TEMPLATE_DIRS := $(wildcard */templates) templates
templates: install
	$(VENV)/bin/djlint --check $(TEMPLATE_DIRS)
	$(VENV)/bin/djlint --lint $(TEMPLATE_DIRS)

format-templates: install
	$(VENV)/bin/djlint --reformat $(TEMPLATE_DIRS)

## make types — mypy with django-stubs on the typed part: every parameter and return annotated
types: install
	$(VENV)/bin/mypy $(TYPED)

## make check — what CI checks before the tests: lint and formatting, Django's system checks, no model change
## without its migration, the templates' rules, the types
check: lint templates types
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

## make bench — the benchmark on PostgreSQL (not part of make test)
bench: install
	bash scripts/with-services.sh $(PY) bench/run.py $(ARGS)

## make load — 60 s of concurrent users against gunicorn + PostgreSQL + a Celery worker (not part of make test)
load: install
	$(PY) manage.py compile_catalogues
	bash scripts/with-services.sh $(PY) bench/load.py $(ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache tests/a11y/node_modules
