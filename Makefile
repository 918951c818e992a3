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

.PHONY: install test test-slow lint demo bench eval docs clean train

# what the fast suite and the demo need: the adapters and the test tools
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[langchain,llama-index,dev]"
	touch $(STAMP)

# everything: docs and notebook tools too
$(STAMP_ALL): $(STAMP)
	$(PY) -m pip install --quiet -e ".[all,dev]"
	touch $(STAMP_ALL)

install: $(STAMP_ALL)

test: $(STAMP)
	$(PY) -m pytest -n 2 -q -m "not slow"

test-slow: $(STAMP_ALL)
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
