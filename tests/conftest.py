"""Shared fixtures.

``guard`` and ``make_guard`` run on the rule-based :class:`fakes.FakeDetector`: unit tests of
pseudonymization, restore, sessions and the adapters never load spaCy. Detection and
integration tests ask for ``presidio_guard`` / ``make_presidio_guard`` / ``warm_guard``, which
use the real Presidio detector; the spaCy model loads once per test process.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from chatveil import Guard, GuardConfig
from fakes import SECRET, FakeDetector, fake_guard


@pytest.fixture
def guard() -> Guard:
    """A fresh guard on the fake detector (own vaults, cache and metrics)."""
    return fake_guard()


@pytest.fixture
def make_guard():
    """Build a guard on the fake detector with config overrides."""

    def make(**options) -> Guard:
        return fake_guard(FakeDetector(), **options)

    return make


@pytest.fixture(scope="session")
def warm_guard() -> Guard:
    """A Presidio guard with the NER model loaded; its sessions are shared: use unique ids."""
    return Guard(GuardConfig(secret_key=SECRET)).warm_up()


@pytest.fixture
def presidio_guard(warm_guard: Guard) -> Guard:
    """A fresh Presidio guard (own vaults, cache and metrics) reusing the process's NER model."""
    return Guard(GuardConfig(secret_key=SECRET))


@pytest.fixture
def make_presidio_guard(warm_guard: Guard):
    """Build a Presidio guard with config overrides."""

    def make(**options) -> Guard:
        options.setdefault("secret_key", SECRET)
        return Guard(GuardConfig(**options))

    return make
