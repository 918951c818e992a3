"""The ``faker`` strategy: realistic, format-preserving surrogates.

Each candidate is derived deterministically from (session key, entity type, original, attempt),
so the same original gets the same surrogate in every turn; the pseudonymizer asks for the next
attempt when a candidate collides.
"""

from __future__ import annotations

import itertools
import random
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from chatveil.strategies._base import Candidate, Request, digest
from chatveil.strategies.formats import FORMAT_PRESERVING
from chatveil.strategies.placeholder import placeholder_for

__all__ = ["FakerStrategy"]

# after this many colliding attempts, person surrogates use compound names
_CROWDED = 8
# after this many colliding attempts the other candidate spaces widen, and again every
# _WIDEN_EVERY attempts: the surrogate space grows with the vault instead of running out
_WIDEN, _WIDEN_EVERY = 16, 8


def widening(attempt: int) -> int:
    """How far the candidate space is widened for ``attempt``: 0 for the first ones, then 1,
    2, ... every :data:`_WIDEN_EVERY` attempts."""
    return 0 if attempt < _WIDEN else 1 + (attempt - _WIDEN) // _WIDEN_EVERY


def _longer_phone(rng: random.Random, value: str, extra: int) -> str:
    """``value`` with ``extra`` more digits after its last digit (a crowded layout)."""
    last = max(i for i, ch in enumerate(value) if ch.isdigit())
    digits = "".join(str(rng.randint(0, 9)) for _ in range(extra))
    return value[: last + 1] + digits + value[last + 1 :]

def _handle(fake: Any, rng: random.Random, original: str, wide: int) -> str:
    """A user name shaped like ``original``: its words become a fake first name, then
    surnames, in the same case; its digit runs other digits of the same length; its ``.``,
    ``_`` and ``-`` stay. ``wide`` adds digits when the session's handles are crowded."""
    out: list[str] = []
    words = 0
    for piece in re.findall(r"[^\W\d_]+|\d+|[\W_]+", original):
        if piece.isdigit():
            out.append("".join(str(rng.randint(0, 9)) for _ in piece))
        elif piece.isalpha():  # a word in any script: "Çağla", "ngô"
            name = fake.first_name() if words == 0 else fake.last_name()
            name = re.sub(r"[^A-Za-z]", "", unicodedata.normalize("NFKD", name)) or "x"
            if len(piece) == 1:
                name = name[0]
            words += 1
            out.append(name.upper() if piece.isupper() and len(piece) > 1 else
                       name.capitalize() if piece[0].isupper() else name.lower())
        else:
            out.append(piece)
    out += [str(rng.randint(0, 9)) for _ in range(2 * wide)]
    return "".join(out)


#: Types whose first candidates come from the seeded Faker alone (``rng`` unused).
_FAKER_ONLY = frozenset({"STREET_ADDRESS", "LOCATION", "ORGANIZATION", "DATE_TIME"})

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mx"}
#: From this widening on, a street surrogate is a placeholder (no name word left to clash).
_STREET_PLACEHOLDER = 5


def _street_suffixes(fake: Any) -> frozenset[str]:
    """The street types ("Avenue", "Walk") the locale's address provider uses, casefolded."""
    return frozenset(
        s.casefold() for p in fake.providers for s in getattr(p, "street_suffixes", ())
    )


def _wide_street(fake: Any, original: str, wide: int) -> str:
    """A street surrogate for a crowded text, in which every word of the usual fake streets
    (first and last names, street types, "Apt.", "Suite") may already be another value's: a
    building number, a compound of two last names and the original's own street type when it
    ends with one (a surrogate may share words with its original), else the locale's; from
    widening :data:`_STREET_PLACEHOLDER` on, a placeholder."""
    if wide >= _STREET_PLACEHOLDER:
        return placeholder_for("STREET_ADDRESS", fake.random_int(1000, 999_999))
    words = [w for w in original.replace(",", " ").split() if w.isalpha()]
    own = len(words) > 1 and words[-1].casefold() in _street_suffixes(fake)
    suffix = words[-1] if own else fake.street_suffix()
    return f"{fake.building_number()} {fake.last_name()}-{fake.last_name()} {suffix}"


def _cache_name_weights(fake: Any) -> None:
    """Make ``fake.first_name()`` and ``fake.last_name()`` cheap, with the same results.

    A locale with weighted name lists (en_US: some 7,000 first names) has Faker sum all the
    weights on every pick (``random.choices(names, weights=...)``); a crowded text needs tens
    of thousands of picks. The same pick (``random.choices`` over the same cumulative weights,
    the same draw from the generator's random state) is made here with the sums computed
    once. Only where the locale's provider uses Faker's plain weighted pick; anything else is
    left as it is. ``tests/core/test_crowded_surrogates.py`` checks the picks are Faker's.
    """
    from faker.providers.person import Provider as Person

    for name in ("first_name", "last_name"):
        method = getattr(fake, name, None)
        owner = getattr(method, "__self__", None)
        pool = getattr(owner, name + "s", None)
        if getattr(type(owner), name, None) is not getattr(Person, name) or not (
            isinstance(pool, OrderedDict) and pool
        ):
            continue
        names = tuple(pool.keys())
        cumulative = list(itertools.accumulate(pool.values()))

        def pick(names: tuple[str, ...] = names, cumulative: list[float] = cumulative) -> str:
            return str(fake.random.choices(names, cum_weights=cumulative, k=1)[0])

        fake.set_formatter(name, pick)


class FakerStrategy:
    """Realistic surrogates: a phone keeps its layout, a card stays Luhn-valid with the same
    grouping, an IBAN passes mod 97, an email stays an email, a person gets a full name whose
    first and last names map to the original's.

    The candidate space grows with the attempts a crowded session needs: persons get compound
    names after 8 colliding attempts; after 16, email and URL numbers, cities, companies,
    dates and other placeholders widen, and again every 8 attempts; a phone layout whose
    numbers ran out gets longer numbers; a street gets a compound name and the original's
    own street type, then (after 48 attempts) a placeholder.

    Args:
        locale: the Faker locale names, streets and cities come from.
    """

    name = "faker"
    reversible = True

    def __init__(self, locale: str = "en_US") -> None:
        self._locale = locale
        self._faker: Any = None
        self._lock = threading.Lock()

    def _fake(self, seed: int) -> Any:
        if self._faker is None:
            from faker import Faker

            proxy = Faker(self._locale)
            # one locale: its generator itself (the proxy hands every call to it, through
            # two attribute hooks per call)
            self._faker = proxy.factories[0] if len(proxy.factories) == 1 else proxy
            _cache_name_weights(self._faker)
        self._faker.seed_instance(seed)
        return self._faker

    def candidate(self, request: Request) -> Candidate:
        surrogate, parts = self.fake(request.key, request.entity_type, request.original,
                                     request.attempt, request.known_parts)
        return Candidate(surrogate, parts)

    def fake(
        self,
        key: bytes,
        entity_type: str,
        original: str,
        attempt: int,
        known_parts: Mapping[str, str] | None = None,
    ) -> tuple[str, tuple[tuple[str, str], ...]]:
        """A realistic, format-preserving fake and, for persons, its (original, fake) parts."""
        mac = digest(key, entity_type, original, attempt)
        seed = int.from_bytes(mac[:8], "big")
        maker = FORMAT_PRESERVING.get(entity_type)
        if maker is None and any(ch in original for ch in "%\\&"):
            # an encoded value (maria.lopez%40example.org in a URL, \u0040 in JSON, &#64; in
            # HTML): fake the plain value, then encode the fake's characters as the original's
            # were, so the URL or document around it stays valid and the surrogate restores
            from chatveil.detect._normalize import decode_value, encode_like

            plain, encoding = decode_value(original)
            if encoding and plain != original:
                value, parts = self.fake(key, entity_type, plain, attempt, known_parts)
                return encode_like(value, original), parts
        if entity_type == "PERSON":
            return self._person(seed, original, attempt, known_parts or {})
        wide = widening(attempt)
        if maker is None and entity_type in _FAKER_ONLY and not wide:
            # Faker's pick alone (most candidates of a crowded text): no second generator
            with self._lock:
                fake = self._fake(seed)
                value = (fake.street_address() if entity_type == "STREET_ADDRESS" else
                         fake.city() if entity_type == "LOCATION" else
                         fake.company() if entity_type == "ORGANIZATION" else fake.date())
            return value, ()
        rng = random.Random(seed)
        if maker is not None:
            value = maker(rng, original)
            if entity_type == "PHONE_NUMBER" and wide >= 2 and any(c.isdigit() for c in value):
                value = _longer_phone(rng, value, wide - 1)  # the layout's numbers ran out
            return value, ()
        with self._lock:
            fake = self._fake(seed)
            if entity_type == "EMAIL_ADDRESS":
                value = f"{fake.first_name()}.{fake.last_name()}{rng.randint(1, 99 * 10**wide)}"
                value = f"{value.lower()}@example.{rng.choice(['com', 'org', 'net'])}"
            elif entity_type == "USERNAME":
                value = _handle(fake, rng, original, wide)
            elif entity_type == "STREET_ADDRESS":
                value = fake.street_address() if not wide else _wide_street(fake, original, wide)
            elif entity_type == "LOCATION":
                value = fake.city() if not wide else f"{fake.city()}-{fake.city()}"
            elif entity_type == "ORGANIZATION":
                value = fake.company() if not wide else f"{fake.last_name()}-{fake.company()}"
            elif entity_type == "URL":
                value = f"https://{fake.word()}{rng.randint(1, 999 * 10**wide)}.example.com/"
            elif entity_type == "DATE_TIME":
                if not wide:
                    value = fake.date()
                else:  # years further from today
                    year = rng.randint(max(1000, 1970 - 50 * wide), min(9999, 2030 + 50 * wide))
                    value = f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            else:
                high = min(999_999, 9999 * 10**wide)  # placeholders have at most six digits
                value = placeholder_for(entity_type, rng.randint(1000, high))
        return value, ()

    def _person(
        self, seed: int, original: str, attempt: int, known: Mapping[str, str]
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
