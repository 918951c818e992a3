"""Surrogate strategies: what the model sees instead of an original.

``faker`` (realistic, format-preserving), ``placeholder`` (``<PERSON_1>``), ``token``
(``[PII_EMAIL_1a2b3c4d]``, keyed HMAC) and ``redact`` (irreversible). Strategies know nothing
about detection.
"""

from __future__ import annotations

import re

from chatveil.strategies._labels import label_for
from chatveil.strategies.faker import SurrogateFactory
from chatveil.strategies.placeholder import PLACEHOLDER_RE
from chatveil.strategies.redact import REDACTED
from chatveil.strategies.token import TOKEN_RE

__all__ = ["PLACEHOLDER_RE", "REDACTED", "SHAPE_RE", "TOKEN_RE", "SurrogateFactory", "label_for"]

#: Either shape, case-insensitive; group ``tok`` or ``ph`` tells which.
SHAPE_RE = re.compile(rf"(?P<tok>{TOKEN_RE})|(?P<ph>{PLACEHOLDER_RE})", re.IGNORECASE)
