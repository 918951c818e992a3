"""Registered functions the training config refers to (also loaded by `spacy train --code`).

* ``chatveil.NamesPlacesEmbed.v1``: the embedding layer (defined in chatveil.detect.recognizers.trained_ner).
* ``chatveil.train_time_budget.v1``: a ``before_update`` callback that stops training once
  ``max_seconds`` of wall time have passed (the best checkpoint so far is kept).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import spacy

from chatveil.detect.recognizers.trained_ner import register_architectures

register_architectures()


class TimeBudgetExceeded(RuntimeError):
    """Raised by the time-budget callback; train.py treats it as a normal end of training."""


@spacy.registry.callbacks("chatveil.train_time_budget.v1")
def train_time_budget(max_seconds: float):
    started = time.monotonic()

    def before_update(nlp, info):
        if time.monotonic() - started > max_seconds:
            raise TimeBudgetExceeded(f"time budget of {max_seconds:.0f}s used at step {info['step']}")

    return before_update
