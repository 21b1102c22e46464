# The two commands of the README: `make run` and `make test`. Everything else is a step.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test venv chromium lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

venv: $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"

# Set up, load the demo account and serve on 127.0.0.1:8000, in development mode (DEBUG=1:
# the development key and the demo account are allowed; never on a real server).
run: export DEBUG ?= 1
run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py createcachetable --database progress
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py seed_demo
	@# The task worker (PDFs, large imports) beside the web server, stopped with it.
	$(BIN)/python manage.py db_worker & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST)

# Browser tests drive Debian's Chromium; install it when we can (as root), else say so.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Chromium: sudo apt-get install chromium"; exit 1; fi; }

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Set up and run the whole suite: lint, migrations in step with models, all tests.
test: venv chromium lint
	DJANGO_SETTINGS_MODULE=config.test_settings $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest
