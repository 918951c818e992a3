# Two commands from a fresh clone: `make demo` and `make test`. Only Python 3.11+ is needed.
#   make test       the fast suite (unit, adapter, detection and integration tests), 2 workers
#   make test-slow  notebooks, the docs build, console scripts, megabyte texts
#   make lint       ruff and mypy
# `.ci/run` runs all three.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
STAMP_ALL := $(VENV)/.installed-all

.PHONY: install test test-slow lint demo bench eval docs clean train redis-server

# what the fast suite and the demo need: the adapters and the test tools
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[langchain,llama-index,redis,dev]"
	touch $(STAMP)

# everything: docs and notebook tools too
$(STAMP_ALL): $(STAMP)
	$(PY) -m pip install --quiet -e ".[all,dev]"
	touch $(STAMP_ALL)

install: $(STAMP_ALL)

# The Redis tests start their own redis-server (127.0.0.1, a free port, a temp dir); this
# installs the binary when it is missing: with apt as root, else it says what to do.
redis-server:
	@if command -v redis-server >/dev/null 2>&1 || command -v valkey-server >/dev/null 2>&1; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make: installing redis-server with apt-get for the Redis tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	else \
	  echo "make: redis-server is missing, so the Redis tests will be skipped (they fail when CI is set)."; \
	  echo "      Install it: sudo apt-get install redis-server  (or: brew install redis)"; \
	fi

test: $(STAMP) redis-server
	$(PY) -m pytest -n 2 -q -m "not slow"

test-slow: $(STAMP_ALL) redis-server
	$(PY) -m pytest -n 2 -q -m slow

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy

demo: $(STAMP)
	$(VENV)/bin/chatveil demo

bench: $(STAMP)
	$(PY) benchmarks/run.py

eval: $(STAMP)
	$(PY) benchmarks/detection_quality.py
	$(PY) benchmarks/world_eval.py

# Regenerate the synthetic NER data and retrain the shipped names-and-places model
# (single-threaded, seeded; about 25 minutes on one core). See train/README.md.
train: $(STAMP)
	$(PY) train/train.py

docs: $(STAMP_ALL)
	$(VENV)/bin/mkdocs build --strict

clean:
	rm -rf $(VENV) site .pytest_cache .hypothesis .mypy_cache .ruff_cache
