"""The round-trip property on the real detector (spaCy + Presidio), at size.

Per strategy: 200 conversations x 12 turns = 2,400 user texts, values from eleven Faker
locales, every third turn an adversarial text built from the session's own surrogates, their
name parts and shapes. Every turn sends the whole history as an adapter does and checks:
each masked text restores to its text, the model's echo of the last one (framed) restores to
the framed text, and streaming that echo in random chunks equals restoring it whole.
``make test-slow`` runs it; ``tests/core/test_round_trip.py`` has a small version on the
rule-based detector.
"""

from __future__ import annotations

import pytest

from chatveil import Guard, GuardConfig
from fakes import SECRET
from round_trip_texts import LOCALES, Report, run

CONVERSATIONS = 200
TURNS = 12


@pytest.mark.slow
@pytest.mark.parametrize("strategy", ["faker", "placeholder", "token"])
def test_round_trip_property(strategy: str, warm_guard: Guard) -> None:
    guard = Guard(GuardConfig(secret_key=SECRET, strategy=strategy))
    report = Report()
    run(guard, strategy, range(CONVERSATIONS), TURNS, report)
    assert len(LOCALES) >= 9
    assert report.texts == CONVERSATIONS * TURNS >= 2000
    assert report.adversarial == CONVERSATIONS * 3 and report.streams == report.texts
    assert report.failures == [], f"{len(report.failures)} failures, first: {report.failures[:3]}"
