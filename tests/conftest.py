"""Shared fixtures. The spaCy model loads once per test process and is reused by every guard."""

from __future__ import annotations

import pytest

from chatveil import Guard, GuardConfig

SECRET = b"chatveil-tests-secret-key-0123456789"


@pytest.fixture(scope="session")
def warm_guard() -> Guard:
    """A guard with the NER model loaded; its sessions are shared, so use unique session ids."""
    return Guard(GuardConfig(secret_key=SECRET)).warm_up()


@pytest.fixture
def guard(warm_guard: Guard) -> Guard:
    """A fresh guard (own vaults, cache and metrics) reusing the process-wide NER model."""
    return Guard(GuardConfig(secret_key=SECRET))


@pytest.fixture
def make_guard():
    """Build a guard with config overrides."""

    def make(**options) -> Guard:
        options.setdefault("secret_key", SECRET)
        return Guard(GuardConfig(**options))

    return make
