"""Fixtures for the career-coach tests: a guard with a fixed key and sample data."""

from __future__ import annotations

import pytest

from chatveil import Guard, GuardConfig

SECRET = b"career-coach-tests-secret-key-0123456789"


@pytest.fixture
def guard() -> Guard:
    return Guard(GuardConfig(secret_key=SECRET))


def assert_never_sent(texts: list[str], originals: list[str]) -> None:
    """No original appears in any text a model received."""
    for original in originals:
        leaked = [t for t in texts if original in t]
        assert not leaked, f"an original reached the model ({len(leaked)} message(s))"
