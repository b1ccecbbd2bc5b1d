# Set-up and day-to-day commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CASE_API := services/case-api/case_api
# The domain code of every capability (aggregates, rules, vocabularies): typed strictly.
DOMAIN := $(wildcard $(CASE_API)/*/domain.py $(CASE_API)/*/aggregate.py $(CASE_API)/*/rules.py \
	$(CASE_API)/*/*_rules.py) $(CASE_API)/cases/values.py $(CASE_API)/deadlines/calendar.py \
	$(CASE_API)/platform/domain_errors.py

.PHONY: run test lint openapi bench bench-scale install browser-deps bench-console

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python scripts/run_local.py

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy shared $(DOMAIN)

openapi: $(STAMP)
	$(BIN)/python scripts/export_openapi.py

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# The browser tests drive Debian's chromium (Playwright cannot download browsers here) and
# need CJK fonts for readable screenshots; WeasyPrint prints bulletins to PDF through pango.
# Installs them when missing (needs root: CI is).
browser-deps:
	@if command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
		&& ldconfig -p | grep -q libpangoft2-1.0; then \
		echo "chromium, pango and fonts-noto-cjk are installed"; \
	else \
		(apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk \
			libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0) \
			|| echo "chromium could not be installed (needs root and Debian's apt): the browser tests will say they are skipped"; \
	fi

bench-console: $(STAMP)
	$(BIN)/python bench/bench_console.py
# The read side at 10k and 100k cases (about 30 minutes; see bench/scale_bench.py).
bench-scale: $(STAMP)
	$(BIN)/python bench/scale_bench.py $(BENCH_SCALE_ARGS)
