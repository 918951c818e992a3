# Two commands from a fresh clone: `make demo` and `make test`. Only Python 3.11+ is needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install test demo bench eval docs clean train

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[all,dev]"
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -n 2 -q

demo: $(STAMP)
	$(VENV)/bin/chatveil demo

bench: $(STAMP)
	$(PY) benchmarks/run.py

eval: $(STAMP)
	$(PY) benchmarks/detection_quality.py

# Regenerate the synthetic NER data and retrain the shipped names-and-places model
# (single-threaded, seeded; about 25 minutes on one core). See train/README.md.
train: $(STAMP)
	$(PY) train/train.py

docs: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

clean:
	rm -rf $(VENV) site .pytest_cache .hypothesis
