"""Surrogate strategies: what the model sees instead of an original, picked by name here.

``faker`` (realistic, format-preserving), ``placeholder`` (``<PERSON_1>``), ``token``
(``[PII_EMAIL_1a2b3c4d]``, keyed HMAC) and ``redact`` (irreversible). Each strategy answers a
:class:`Request` with a :class:`Candidate`; strategies know nothing about detection, and
:data:`REGISTRY` is the one place a strategy is looked up by its name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from chatveil.errors import ConfigurationError
from chatveil.strategies._base import Candidate, Request, Strategy, digest, label_for
from chatveil.strategies.faker import FakerStrategy
from chatveil.strategies.placeholder import (
    PLACEHOLDER_RE,
    PlaceholderStrategy,
    placeholder_for,
)
from chatveil.strategies.redact import REDACTED, RedactStrategy
from chatveil.strategies.token import TOKEN_RE, TokenStrategy, token_for

__all__ = [
    "PLACEHOLDER_RE",
    "REDACTED",
    "REGISTRY",
    "SHAPE_RE",
    "TOKEN_RE",
    "Candidate",
    "FakerStrategy",
    "PlaceholderStrategy",
    "RedactStrategy",
    "Request",
    "Strategy",
    "TokenStrategy",
    "digest",
    "get",
    "label_for",
    "placeholder_for",
    "token_for",
]

#: Either shape, case-insensitive; group ``tok`` or ``ph`` tells which.
SHAPE_RE = re.compile(rf"(?P<tok>{TOKEN_RE})|(?P<ph>{PLACEHOLDER_RE})", re.IGNORECASE)

#: Strategy name -> strategy (what ``GuardConfig.strategy`` / ``strategies`` name).
REGISTRY: Mapping[str, Strategy] = MappingProxyType(
    {s.name: s for s in (FakerStrategy(), PlaceholderStrategy(), TokenStrategy(), RedactStrategy())}
)


def get(name: str) -> Strategy:
    """The strategy called ``name``.

    Raises:
        ConfigurationError: no strategy has that name.
    """
    try:
        return REGISTRY[name]
    except KeyError:
        raise ConfigurationError(
            f"unknown surrogate strategy; choose one of {sorted(REGISTRY)}"
        ) from None
