"""The ``faker`` strategy: realistic, format-preserving surrogates.

Strategies know nothing about detection. Each candidate is derived deterministically from
(session key, entity type, original, attempt), so the same original gets the same surrogate in
every turn; the vault asks for the next attempt when a candidate collides.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import threading
from typing import Any

from chatveil.strategies._labels import label_for
from chatveil.strategies.formats import FORMAT_PRESERVING
from chatveil.strategies.token import token_for

__all__ = ["SurrogateFactory"]

# after this many colliding attempts, person surrogates use compound names
_CROWDED = 8

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mx"}



class SurrogateFactory:
    """Builds candidate surrogates for the ``faker``, ``token`` and ``placeholder`` strategies."""

    def __init__(self, locale: str = "en_US") -> None:
        self._locale = locale
        self._faker: Any = None
        self._lock = threading.Lock()

    def _fake(self, seed: int) -> Any:
        if self._faker is None:
            from faker import Faker

            self._faker = Faker(self._locale)
        self._faker.seed_instance(seed)
        return self._faker

    @staticmethod
    def digest(key: bytes, entity_type: str, original: str, attempt: int) -> bytes:
        msg = f"{entity_type}\x00{original.casefold()}\x00{attempt}"
        msg_bytes = msg.encode("utf-8", "surrogatepass")
        return hmac.new(key, msg_bytes, hashlib.sha256).digest()

    def token(self, key: bytes, entity_type: str, original: str, attempt: int) -> str:
        return token_for(label_for(entity_type), self.digest(key, entity_type, original, attempt))

    @staticmethod
    def placeholder(entity_type: str, number: int) -> str:
        return f"<{label_for(entity_type)}_{number}>"

    def fake(
        self,
        key: bytes,
        entity_type: str,
        original: str,
        attempt: int,
        known_parts: dict[str, str] | None = None,
    ) -> tuple[str, tuple[tuple[str, str], ...]]:
        """A realistic, format-preserving fake and, for persons, its (original, fake) parts."""
        digest = self.digest(key, entity_type, original, attempt)
        seed = int.from_bytes(digest[:8], "big")
        rng = random.Random(seed)
        if entity_type == "PERSON":
            return self._person(seed, original, attempt, known_parts or {})
        maker = FORMAT_PRESERVING.get(entity_type)
        if maker is not None:
            return maker(rng, original), ()
        with self._lock:
            fake = self._fake(seed)
            if entity_type == "EMAIL_ADDRESS":
                value = f"{fake.first_name()}.{fake.last_name()}{rng.randint(1, 99)}"
                value = f"{value.lower()}@example.{rng.choice(['com', 'org', 'net'])}"
            elif entity_type == "STREET_ADDRESS":
                value = fake.street_address()
            elif entity_type == "LOCATION":
                value = fake.city()
            elif entity_type == "ORGANIZATION":
                value = fake.company()
            elif entity_type == "URL":
                value = f"https://{fake.word()}{rng.randint(1, 999)}.example.com/"
            elif entity_type == "DATE_TIME":
                value = fake.date()
            else:
                value = self.placeholder(entity_type, rng.randint(1000, 9999))
        return value, ()

    def _person(
        self, seed: int, original: str, attempt: int, known: dict[str, str]
    ) -> tuple[str, tuple[tuple[str, str], ...]]:
        words = original.split()
        titles: list[str] = []
        while len(words) > 1 and words[0].rstrip(".").casefold() in _TITLES:
            titles.append(words.pop(0))
        with self._lock:
            fake = self._fake(seed)
            first, last = fake.first_name(), fake.last_name()
            if attempt >= _CROWDED:  # the name pools are crowded: widen them with compounds
                first, last = f"{first}-{fake.first_name()}", f"{last}-{fake.last_name()}"
        if len(words) == 1:
            # a lone name: reuse the surrogate already chosen for it as part of a full name;
            # after a title ("Mr Smith") it is a surname
            reuse = known.get(words[0].casefold()) if attempt == 0 else None
            fake_words = [reuse or (last if titles else first)]
            parts: tuple[tuple[str, str], ...] = ((words[0], fake_words[0]),)
        else:
            head = (known.get(words[0].casefold()) if attempt == 0 else None) or first
            tail = (known.get(words[-1].casefold()) if attempt == 0 else None) or last
            fake_words = [head, tail]
            parts = ((words[0], head), (words[-1], tail))
        return " ".join(titles + fake_words), parts
