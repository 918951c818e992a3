"""Format-preserving fakes: phones keep their layout, cards stay Luhn-valid, IBANs pass mod 97."""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable

from chatveil._checksums import iban_check_digits, luhn_check_digit

__all__ = ["FORMAT_PRESERVING"]


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
    value[positions[-1]] = luhn_check_digit("".join(value[i] for i in positions[:-1]))
    return "".join(value)


def _iban(rng: random.Random, original: str) -> str:
    compact = re.sub(r"\s", "", original).upper()
    country = compact[:2]
    bban = "".join(
        rng.choice(string.ascii_uppercase) if ch.isalpha() else str(rng.randint(0, 9))
        for ch in compact[4:]
    )
    result = country + iban_check_digits(country, bban) + bban
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


#: Entity type -> maker of a fake with the original's layout.
FORMAT_PRESERVING: dict[str, Callable[[random.Random, str], str]] = {
    "PHONE_NUMBER": _phone,
    "CREDIT_CARD": _card,
    "IBAN_CODE": _iban,
    "US_SSN": _ssn,
    "IP_ADDRESS": _ip,
    "API_KEY": _api_key,
}
