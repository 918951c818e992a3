# Two commands from a fresh clone: `make demo` and `make test`. Only Python 3.11+ is needed.
#   make test       the fast suite (unit, adapter, detection and integration tests), 2 workers
#   make test-slow  notebooks, the docs build, console scripts, megabyte texts, and the optional
#                   Hugging Face recognizer on tiny models (in .venv-hf, with torch)
#   make lint       ruff and mypy
# `.ci/run` runs all three.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
STAMP_ALL := $(VENV)/.installed-all
HF_VENV := .venv-hf
HF_PY   := $(HF_VENV)/bin/python
STAMP_HF := $(HF_VENV)/.installed

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

# torch and transformers for the tests of the optional TransformersNerRecognizer, in a venv of
# their own that sees every package of $(VENV) through a .pth file. $(VENV) stays torch-free on
# purpose: when torch is importable, `import presidio_analyzer` imports torch and transformers
# (Presidio's device detector and its own Hugging Face recognizer), which costs every process
# (tests, `make bench`) seconds and ~300 MB. torch==2.13.0: the CPU build.
$(STAMP_HF): $(STAMP_ALL)
	$(PYTHON) -m venv $(HF_VENV)
	base=$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'); \
	own=$$($(HF_PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'); \
	echo "import site; site.addsitedir('$$base')" > "$$own/chatveil-base-venv.pth"
	$(HF_PY) -m pip install --quiet torch==2.13.0 'transformers>=4.40'
	touch $(STAMP_HF)

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

test-slow: $(STAMP_ALL) $(STAMP_HF) redis-server
	$(PY) -m pytest -n 2 -q -m slow
	CHATVEIL_REQUIRE_TRANSFORMERS=1 $(HF_PY) -m pytest -q -m slow tests/detection/test_transformers_ner.py

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
	rm -rf $(VENV) $(HF_VENV) site .pytest_cache .hypothesis .mypy_cache .ruff_cache
