"""Surrogate strategies: what the model sees instead of an original.

Strategies know nothing about detection. Each candidate is derived deterministically from
(session key, entity type, original, attempt), so the same original gets the same surrogate in
every turn; the vault asks for the next attempt when a candidate collides.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re
import string
import threading
from typing import Any

__all__ = ["REDACTED", "SHAPE_RE", "SurrogateFactory", "label_for"]

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
}

#: Tokens as models return them: any case, optional spaces/underscores inside the brackets.
TOKEN_RE = r"\[\s*PII[\s_]*(?P<tl>[A-Za-z]+)[\s_]*(?P<th>[0-9A-Fa-f]{8})\s*\]"
#: Placeholders as models return them: ``<PERSON_1>``, ``< person 1 >``.
PLACEHOLDER_RE = r"<\s*(?P<pl>[A-Za-z]+)[\s_]*(?P<pn>\d{1,6})\s*>"
#: Either shape, case-insensitive; group ``tok`` or ``ph`` tells which.
SHAPE_RE = re.compile(rf"(?P<tok>{TOKEN_RE})|(?P<ph>{PLACEHOLDER_RE})", re.IGNORECASE)
#: What ``redact`` leaves; never restored.
REDACTED = "[REDACTED {label}]"

# after this many colliding attempts, person surrogates use compound names
_CROWDED = 8

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mx"}


def label_for(entity_type: str) -> str:
    """The short upper-case label used in tokens and placeholders for an entity type."""
    return _LABELS.get(entity_type, re.sub(r"[^A-Z]", "", entity_type.upper()) or "PII")


def token_for(label: str, digest: bytes) -> str:
    return f"[PII_{label}_{digest.hex()[:8]}]"


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
        maker = _FORMAT_PRESERVING.get(entity_type)
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


# ---------------------------------------------------------------- format-preserving fakes
def _digits_like(rng: random.Random, template: str, keep: int = 0) -> str:
    """Replace every digit after the first ``keep`` digits, keeping all other characters."""
    out, seen = [], 0
    for ch in template:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep else str(rng.randint(0, 9)))
        else:
            out.append(ch)
    return "".join(out)


def _phone(rng: random.Random, original: str) -> str:
    match = re.match(r"\s*(\+|00)(\d{1,3})", original)
    keep = len(match.group(2)) if match else 0
    value = _digits_like(rng, original, keep)
    # avoid a leading zero where the original had none (keeps it looking dialable)
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if len(digits) > keep:
        first = digits[keep]
        if original[first] != "0" and value[first] == "0":
            value = value[:first] + str(rng.randint(2, 9)) + value[first + 1 :]
    return value


def _card(rng: random.Random, original: str) -> str:
    value = list(_digits_like(rng, original, keep=1))
    positions = [i for i, ch in enumerate(value) if ch.isdigit()]
    body = "".join(value[i] for i in positions[:-1])
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    value[positions[-1]] = str((10 - total % 10) % 10)
    return "".join(value)


def _iban(rng: random.Random, original: str) -> str:
    compact = re.sub(r"\s", "", original).upper()
    country = compact[:2]
    bban = "".join(
        rng.choice(string.ascii_uppercase) if ch.isalpha() else str(rng.randint(0, 9))
        for ch in compact[4:]
    )
    numeric = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    check = f"{98 - int(numeric) % 97:02d}"
    result = country + check + bban
    # lay it out like the original (spaces where the original had them)
    out, i = [], 0
    for ch in original:
        if ch.isspace():
            out.append(ch)
        elif i < len(result):
            out.append(result[i] if not ch.islower() else result[i].lower())
            i += 1
    return "".join(out)


def _ssn(rng: random.Random, original: str) -> str:
    area = rng.choice([n for n in range(1, 900) if n != 666])
    digits = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
    it = iter(digits)
    return "".join(next(it) if ch.isdigit() else ch for ch in original)


def _ip(rng: random.Random, original: str) -> str:
    if ":" in original:
        groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(6)]
        return "2001:db8:" + ":".join(groups)
    return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def _api_key(rng: random.Random, original: str) -> str:
    match = re.match(r"(?:[A-Za-z]{2,4}[-_](?:live_|test_|proj-)?|AKIA|ASIA|AIza|eyJ)", original)
    keep = match.end() if match else 0
    alphabet = string.ascii_letters + string.digits
    tail = "".join(
        ch if not ch.isalnum() else rng.choice(alphabet) for ch in original[keep:]
    )
    return original[:keep] + tail


_FORMAT_PRESERVING = {
    "PHONE_NUMBER": _phone,
    "CREDIT_CARD": _card,
    "IBAN_CODE": _iban,
    "US_SSN": _ssn,
    "IP_ADDRESS": _ip,
    "API_KEY": _api_key,
}
