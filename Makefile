# Qunyan: `make run` serves the demo town, `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
QY := $(BIN)/qunyan
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint format bench messages clean

install: $(VENV)/.installed node_modules/.installed var/keys/data.key locale/zh_Hans/LC_MESSAGES/django.mo

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/keys/data.key: | $(VENV)/.installed
	$(BIN)/python tools/make_key.py $@

locale/zh_Hans/LC_MESSAGES/django.mo: locale/zh_Hans/LC_MESSAGES/django.po | $(VENV)/.installed
	$(BIN)/python tools/compile_messages.py

run: install
	$(QY) migrate --noinput
	$(QY) demo --if-empty
	$(QY) runserver $(HOST)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy qunyan config
	$(BIN)/djlint templates qunyan --lint --quiet

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-extract translatable strings (needs GNU gettext); the catalogue is compiled by `make install`.
messages: install
	$(QY) makemessages -l zh_Hans --no-obsolete --no-location --ignore=node_modules --ignore=.venv
	$(BIN)/python tools/compile_messages.py

bench: install
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules
