# The two commands a new user needs: `make demo` and `make test`. Each bootstraps its own
# virtual environment in .venv from nothing (Python 3.11 or newer on PATH as python3).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
EXAMPLE ?= examples/independent-habib-defection.txt

.PHONY: demo test test-fast test-loaded lint bench reports models clean

demo: $(STAMP)
	$(BIN)/scorer audit $(EXAMPLE)

# Tests run in one worker process per core (pytest-xdist); each test's outcome must not
# depend on timing, load or the other tests in its process.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist worksteal

# The suite without the tests marked slow (soak, scale, 10 MB): for iterating locally.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist worksteal -m "not slow"

# The whole suite while every core is kept busy by other processes, as CI may find the
# machine: a test whose outcome depends on timing fails here.
test-loaded: $(STAMP)
	$(BIN)/python tests/busy.py $(BIN)/python -m pytest -n auto --dist worksteal

lint: $(STAMP)
	$(BIN)/ruff check .

reports: $(STAMP)
	$(BIN)/python reports/build.py

# The trained models, from the training splits in ../shared/data (chosen on dev or out of
# fold), with fixed seeds: the attribution tagger (scorer/models/attribution.*) and the
# sentence models (scorer/models/{uncertainty,claims}.json), each with its model card.
models: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	$(BIN)/python -m scorer.train attribution
	$(BIN)/python -m scorer.train sentences

bench: $(STAMP)
	$(BIN)/python bench/segment.py

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
