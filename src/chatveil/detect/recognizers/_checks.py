"""Check digits of national identifiers (pure functions, no regexes).

Each ``*_valid`` function takes the compact value (no spaces or dashes) and says whether its
check digit or letter is right; each ``*_check`` function computes it, so the surrogate
strategies can build fakes that pass the same check.
"""

from __future__ import annotations

__all__ = [
    "bsn_valid",
    "cf_check",
    "cf_valid",
    "dni_letter",
    "dni_valid",
    "nino_valid",
    "nir_key",
    "nir_valid",
    "steuer_id_check",
    "steuer_id_valid",
    "verhoeff_check",
    "verhoeff_valid",
]

# ---------------------------------------------------------------------- Verhoeff (Aadhaar)
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6), (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4), (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2), (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def verhoeff_valid(digits: str) -> bool:
    """True if the digit string ends in its Verhoeff check digit (Aadhaar)."""
    if not digits.isdigit():
        return False
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[i % 8][int(ch)]]
    return c == 0


def verhoeff_check(body: str) -> str:
    """The Verhoeff check digit to append to ``body``."""
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _D[c][_P[(i + 1) % 8][int(ch)]]
    return str(_INV[c])


# ---------------------------------------------------------------------- FR NIR
def _nir_number(body13: str) -> int:
    """The 13 first characters as a number (Corsica: 2A counts as 19, 2B as 18)."""
    upper = body13.upper()
    if upper[5:7] == "2A":
        return int(upper[:5] + "19" + upper[7:])
    if upper[5:7] == "2B":
        return int(upper[:5] + "18" + upper[7:])
    return int(upper)


def nir_key(body13: str) -> str:
    """The two-digit key of a French social security number: 97 - (number mod 97)."""
    return f"{97 - _nir_number(body13) % 97:02d}"


def nir_valid(value: str) -> bool:
    """True for a 15-character NIR (sex, year, month, department, commune, order, key)."""
    if len(value) != 15 or value[0] not in "12" or not value[13:].isdigit():
        return False
    body = value[:13]
    if not (body[:5].isdigit() and body[7:].isdigit()
            and (body[5:7].isdigit() or body[5:7].upper() in ("2A", "2B"))):
        return False
    month = int(body[3:5])
    if not (1 <= month <= 12 or 20 <= month <= 99):
        return False
    return nir_key(body) == value[13:]


# ---------------------------------------------------------------------- NL BSN
def bsn_valid(digits: str) -> bool:
    """True if a 9-digit Dutch BSN passes the 11-proof (9*d1 + 8*d2 + ... + 2*d8 - d9)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


# ---------------------------------------------------------------------- DE Steuer-ID
def steuer_id_check(body10: str) -> str:
    """ISO 7064 MOD 11,10 check digit of a German tax identification number."""
    product = 10
    for ch in body10:
        total = (int(ch) + product) % 10 or 10
        product = (total * 2) % 11
    return str((11 - product) % 10)


def steuer_id_valid(digits: str) -> bool:
    """True for an 11-digit Steuer-ID: no leading zero, one digit of the first ten used twice
    or three times (the others at most once), and the MOD 11,10 check digit."""
    if len(digits) != 11 or not digits.isdigit() or digits[0] == "0":
        return False
    counts = sorted((digits[:10].count(d) for d in set(digits[:10])), reverse=True)
    if counts[0] not in (2, 3) or (len(counts) > 1 and counts[1] > 1):
        return False
    return steuer_id_check(digits[:10]) == digits[10]


# ---------------------------------------------------------------------- ES DNI / NIE
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_letter(number: int) -> str:
    """The control letter of a Spanish DNI number (NIE: X, Y, Z become 0, 1, 2)."""
    return _DNI_LETTERS[number % 23]


def dni_valid(value: str) -> bool:
    """True for a DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter) with its letter."""
    value = value.upper()
    if len(value) != 9 or not value[-1].isalpha():
        return False
    head = value[:-1]
    if head[0] in "XYZ":
        head = str("XYZ".index(head[0])) + head[1:]
    return head.isdigit() and dni_letter(int(head)) == value[-1]


# ---------------------------------------------------------------------- IT codice fiscale
_CF_ODD = {
    **dict(zip("0123456789", (1, 0, 5, 7, 9, 13, 15, 17, 19, 21), strict=True)),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
               (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
                22, 25, 24, 23), strict=True)),
}


def _cf_even(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - 65


def cf_check(body15: str) -> str:
    """The check character of an Italian codice fiscale (the 16th)."""
    body = body15.upper()
    total = sum(_CF_ODD[ch] if i % 2 == 0 else _cf_even(ch) for i, ch in enumerate(body))
    return chr(65 + total % 26)


def cf_valid(value: str) -> bool:
    """True if a 16-character codice fiscale ends in its check character."""
    value = value.upper()
    return len(value) == 16 and value.isalnum() and cf_check(value[:15]) == value[15]


# ---------------------------------------------------------------------- UK NINO
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})


def nino_valid(value: str) -> bool:
    """True for a UK National Insurance number in a valid prefix range (no check digit)."""
    value = value.upper()
    if len(value) not in (8, 9) or not value[2:8].isdigit():
        return False
    a, b = value[0], value[1]
    if a in "DFIQUV" or b in "DFIOQUV" or value[:2] in _NINO_BAD_PREFIXES:
        return False
    return len(value) == 8 or value[8] in "ABCD"
