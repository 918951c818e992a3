"""What every strategy shares: the request it answers, the candidate it returns, labels, HMAC."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol, runtime_checkable

__all__ = ["Candidate", "Request", "Strategy", "digest", "label_for"]

_LABELS = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CREDITCARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "SSN",
    "IP_ADDRESS": "IPADDRESS",
    "API_KEY": "APIKEY",
    "STREET_ADDRESS": "ADDRESS",
    "ORGANIZATION": "ORG",
    "DATE_TIME": "DATE",
    "NATIONAL_ID": "NATIONALID",
    "DATE_OF_BIRTH": "DOB",
}


def label_for(entity_type: str) -> str:
    """The short upper-case label used in tokens and placeholders for an entity type."""
    return _LABELS.get(entity_type, re.sub(r"[^A-Z]", "", entity_type.upper()) or "PII")


def digest(key: bytes, entity_type: str, original: str, attempt: int) -> bytes:
    """HMAC-SHA256 of (entity type, casefolded original, attempt) under the session key."""
    msg = f"{entity_type}\x00{original.casefold()}\x00{attempt}"
    return hmac.new(key, msg.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()


_NO_PARTS: Mapping[str, str] = MappingProxyType({})


def _no_numbers(label: str) -> int:
    raise RuntimeError("this request carries no counter")


@dataclass(frozen=True, slots=True)
class Request:
    """One request for a surrogate candidate.

    Attributes:
        key: the session's key (an HMAC of the guard secret and the session id).
        entity_type: the original's entity type.
        original: the original value.
        attempt: 0 for the first candidate; the caller asks again with the next attempt when
            a candidate collides with the session's entries.
        number: the next number of a counter (placeholder numbering), from the vault store.
        known_parts: casefolded original name part -> the surrogate part already chosen for
            it in this session ("Maria" alone reuses the surrogate of "Maria Lopez"'s first name).
    """

    key: bytes
    entity_type: str
    original: str
    attempt: int = 0
    number: Callable[[str], int] = _no_numbers
    known_parts: Mapping[str, str] = field(default_factory=lambda: _NO_PARTS)

    def __repr__(self) -> str:  # never show the original
        return f"Request(entity_type={self.entity_type!r}, attempt={self.attempt})"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate surrogate and, for persons, its (original part, surrogate part) pairs."""

    surrogate: str
    parts: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:
        return f"Candidate(parts={len(self.parts)})"


@runtime_checkable
class Strategy(Protocol):
    """Makes surrogates for originals. Knows nothing about detection.

    Attributes:
        name: the name configurations use (``GuardConfig.strategy``).
        reversible: whether the surrogate is stored and restored (``False`` for ``redact``).
    """

    name: str
    reversible: bool

    def candidate(self, request: Request) -> Candidate:
        """The candidate for ``request``; deterministic for the same request."""
        ...
