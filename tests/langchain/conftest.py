"""Fixtures for the LangChain adapter tests: a spy model and a guarded model around it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from chatveil import Guard, guarded
from lc_fakes import SpyChatModel


@pytest.fixture
def spy() -> SpyChatModel:
    return SpyChatModel()


@pytest.fixture
def chat(spy: SpyChatModel, guard: Guard):
    return guarded(spy, guard=guard)
