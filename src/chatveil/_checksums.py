"""Check digits written once: Luhn (payment cards) and ISO 7064 mod 97-10 (IBANs).

Detection validates with them; the ``faker`` strategy makes surrogates that pass them.
"""

from __future__ import annotations

__all__ = ["iban_check_digits", "iban_mod97_valid", "luhn_check_digit", "luhn_valid"]


def _luhn_sum(digits: str, *, double_last: bool) -> int:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if (i % 2 == 0) == double_last:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total


def luhn_valid(digits: str) -> bool:
    """True if the digit string passes the Luhn checksum."""
    return _luhn_sum(digits, double_last=False) % 10 == 0


def luhn_check_digit(body: str) -> str:
    """The digit that makes ``body + digit`` pass the Luhn checksum."""
    return str((10 - _luhn_sum(body, double_last=True) % 10) % 10)


def _mod97(text: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in text)) % 97


def iban_mod97_valid(compact: str) -> bool:
    """True if an IBAN without separators passes the mod-97 check (any case)."""
    s = compact.upper()
    return _mod97(s[4:] + s[:4]) == 1


def iban_check_digits(country: str, bban: str) -> str:
    """The two check digits of the IBAN ``country + ?? + bban``."""
    return f"{98 - _mod97(bban.upper() + country.upper() + '00'):02d}"
