# Set-up and day-to-day commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CASE_API := services/case-api/case_api
# The domain code of every capability (aggregates, rules, vocabularies): typed strictly.
DOMAIN := $(wildcard $(CASE_API)/*/domain.py $(CASE_API)/*/aggregate.py $(CASE_API)/*/rules.py \
	$(CASE_API)/*/joint_review_rules.py) $(CASE_API)/cases/values.py $(CASE_API)/deadlines/calendar.py \
	$(CASE_API)/platform/domain_errors.py

.PHONY: run test lint openapi bench bench-scale install

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python scripts/run_local.py

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy shared $(DOMAIN)

openapi: $(STAMP)
	$(BIN)/python scripts/export_openapi.py

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# The read side at 10k and 100k cases (about 30 minutes; see bench/scale_bench.py).
bench-scale: $(STAMP)
	$(BIN)/python bench/scale_bench.py $(BENCH_SCALE_ARGS)
