"""Format-preserving fakes: phones keep their layout, cards stay Luhn-valid, IBANs pass mod 97,
national identifiers keep their check digit, dates of birth their date format, API keys their
provider prefix and alphabet."""

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


_KEY_PREFIX = re.compile(
    r"(?:sk-ant-|sk-proj-|sk-svcacct-|github_pat_|glpat-|whsec_|xox[abposr]-|npm_|pypi-|key-|"
    r"[A-Za-z]{2,4}[-_](?:live_|test_|proj-)?|AKIA|ASIA|AIza|eyJ|SG\.|SK|AC|hf_)"
)
_HEX = frozenset(string.hexdigits)


def _api_key(rng: random.Random, original: str) -> str:
    """Same provider prefix, length, separators and alphabet (a hex key stays hex)."""
    match = _KEY_PREFIX.match(original)
    keep = match.end() if match else 0
    tail = original[keep:]
    hex_tail = bool(tail) and all(ch in _HEX or not ch.isalnum() for ch in tail)
    lower_hex = "0123456789abcdef"
    keep_at = {j for i in range(len(tail)) if (i == 0 or tail[i - 1] == ".")
               and tail.startswith("eyJ", i) for j in range(i, i + 3)}  # JWT parts
    for _ in range(8):
        out = []
        for i, ch in enumerate(tail):
            if i in keep_at:
                out.append(ch)
            elif hex_tail and ch.isalnum():
                c = rng.choice(lower_hex)
                out.append(c.upper() if ch.isupper() else c)
            elif ch.isdigit():
                out.append(str(rng.randint(0, 9)))
            elif ch.islower():
                out.append(rng.choice(string.ascii_lowercase))
            elif ch.isupper():
                out.append(rng.choice(string.ascii_uppercase))
            else:
                out.append(ch)
        value = original[:keep] + "".join(out)
        if value != original:
            return value
    return value


# ---------------------------------------------------------------------- national identifiers
def _lay_out(original: str, compact: str) -> str:
    """``compact`` written like ``original``: the same separators, letters in the same case."""
    out, i = [], 0
    for ch in original:
        if ch.isalnum() and i < len(compact):
            c = compact[i]
            out.append(c.lower() if ch.islower() else c)
            i += 1
        else:
            out.append(ch)
    return "".join(out)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _letters(rng: random.Random, n: int, alphabet: str = string.ascii_uppercase) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _fake_nino(rng: random.Random, compact: str) -> str:
    first, second = "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
    while True:
        prefix = rng.choice(first) + rng.choice(second)
        if prefix not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    suffix = rng.choice("ABCD") if len(compact) == 9 else ""
    return prefix + _digits(rng, 6) + suffix


def _fake_nir(rng: random.Random, compact: str) -> str:
    from chatveil.detect.recognizers._checks import nir_key

    body = (f"{rng.randint(1, 2)}{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}"
            f"{rng.choice([d for d in range(1, 96) if d != 20]):02d}{rng.randint(1, 990):03d}"
            f"{rng.randint(1, 999):03d}")
    return body + nir_key(body)


def _fake_cf(rng: random.Random, compact: str) -> str:
    from chatveil.detect.recognizers._checks import cf_check

    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    body = (_letters(rng, 6) + f"{rng.randint(40, 99):02d}" + rng.choice("ABCDEHLMPRST")
            + f"{day:02d}" + rng.choice("ABCDEFGHILM") + f"{rng.randint(1, 999):03d}")
    return body + cf_check(body)


def _fake_dni(rng: random.Random, compact: str) -> str:
    from chatveil.detect.recognizers._checks import dni_letter

    if compact[0].upper() in "XYZ":
        lead = rng.choice("XYZ")
        number = _digits(rng, 7)
        return lead + number + dni_letter(int(str("XYZ".index(lead)) + number))
    number = f"{rng.randint(10_000_000, 99_999_999)}"
    return number + dni_letter(int(number))


def _fake_pan(rng: random.Random, compact: str) -> str:
    return _letters(rng, 3) + compact[3].upper() + _letters(rng, 1) + _digits(rng, 4) + _letters(
        rng, 1)


def _fake_aadhaar(rng: random.Random, compact: str) -> str:
    from chatveil.detect.recognizers._checks import verhoeff_check

    body = str(rng.randint(2, 9)) + _digits(rng, 10)
    return body + verhoeff_check(body)


def _fake_steuer_id(rng: random.Random, compact: str) -> str:
    from chatveil.detect.recognizers._checks import steuer_id_check

    twice = rng.choice("0123456789")
    others = rng.sample([d for d in "0123456789" if d != twice], 8)
    digits = [twice, twice, *others]
    rng.shuffle(digits)
    if digits[0] == "0":
        i = next(i for i, d in enumerate(digits) if d != "0")
        digits[0], digits[i] = digits[i], digits[0]
    body = "".join(digits)
    return body + steuer_id_check(body)


def _fake_bsn(rng: random.Random, compact: str) -> str:
    while True:
        body = str(rng.randint(1, 9)) + _digits(rng, 7)
        total = sum(int(d) * w for d, w in zip(body, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return body + str(last)


def _fake_document(rng: random.Random, compact: str) -> str:
    return "".join(
        str(rng.randint(0, 9)) if ch.isdigit() else rng.choice(string.ascii_uppercase)
        for ch in compact
    )


def _id_kind(compact: str) -> str:
    from chatveil.detect.recognizers import _checks as c

    upper = compact.upper()
    if re.fullmatch(r"[A-Z]{2}\d{6}[A-D]?", upper) and c.nino_valid(upper):
        return "nino"
    if len(upper) == 15 and c.nir_valid(upper):
        return "nir"
    if len(upper) == 16 and c.cf_valid(upper):
        return "cf"
    if len(upper) == 9 and c.dni_valid(upper):
        return "dni"
    if re.fullmatch(r"[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]", upper):
        return "pan"
    if len(upper) == 12 and upper[0] in "23456789" and c.verhoeff_valid(upper):
        return "aadhaar"
    if len(upper) == 11 and c.steuer_id_valid(upper):
        return "steuer"
    if len(upper) == 9 and c.bsn_valid(upper):
        return "bsn"
    return "document"


_ID_FAKES = {
    "nino": _fake_nino, "nir": _fake_nir, "cf": _fake_cf, "dni": _fake_dni, "pan": _fake_pan,
    "aadhaar": _fake_aadhaar, "steuer": _fake_steuer_id, "bsn": _fake_bsn,
    "document": _fake_document,
}


def _national_id(rng: random.Random, original: str) -> str:
    """Another identifier of the same kind, valid for its check, in the original's layout."""
    compact = "".join(ch for ch in original if ch.isalnum())
    if not compact:
        return original
    maker = _ID_FAKES[_id_kind(compact)]
    for _ in range(16):
        value = _lay_out(original, maker(rng, compact))
        if value.casefold() != original.casefold():
            return value
    return value


# ---------------------------------------------------------------------- dates of birth
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_MONTH_INDEX = {m.lower(): i for i, m in enumerate(_MONTH_NAMES)} | {
    m[:3].lower(): i for i, m in enumerate(_MONTH_NAMES)} | {"sept": 8}


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _like_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].islower():
        return word.lower()
    return word


def _date_of_birth(rng: random.Random, original: str) -> str:
    """A different date in the same format: separators, field order, widths, month words."""
    tokens = re.findall(r"\d+|[^\W\d_]+|\W|_", original)
    numbers = [i for i, t in enumerate(tokens) if t.isdigit()]
    month_word = next((i for i, t in enumerate(tokens) if t.lower().rstrip(".") in _MONTH_INDEX),
                      None)
    for _ in range(16):
        out = list(tokens)
        year = rng.randint(1940, 2006)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        roles: dict[int, str] = {}
        for i in numbers:
            if len(tokens[i]) == 4:
                roles[i] = "year"
        small = [i for i in numbers if i not in roles]
        if month_word is not None:
            for i in small:
                roles[i] = "day"
        elif len(small) == 3:  # 6/20/62: the last is a two-digit year
            roles[small[2]] = "year"
            small = small[:2]
        elif len(small) == 1:  # "4 mars 1979": a day beside a month word of another language
            roles[small[0]] = "day"
        if month_word is None and len(small) == 2:
            a, b = int(tokens[small[0]]), int(tokens[small[1]])
            month_first = b > 12 or (a <= 12 and tokens[small[0] + 1 : small[0] + 2] == ["/"])
            if roles and min(roles) < small[0]:  # year first: 1990-04-12
                month_first = True
            roles[small[0]], roles[small[1]] = (("month", "day") if month_first
                                                else ("day", "month"))
            if a <= 12 and b <= 12:
                day = rng.randint(1, 12)  # valid whichever way the date is read
        for i, role in roles.items():
            width = len(tokens[i])
            number = {"year": year, "month": month, "day": day}[role]
            if role == "year" and width == 2:
                number %= 100
            text = str(number)
            if width == 2 and len(text) == 1:
                text = "0" + text
            out[i] = text
            nxt = i + 1
            if role == "day" and nxt < len(out) and out[nxt].lower() in ("st", "nd", "rd", "th"):
                out[nxt] = _like_case(tokens[nxt], _ordinal(day))
        if month_word is not None:
            word = tokens[month_word]
            name = _MONTH_NAMES[month - 1]
            stem = word.rstrip(".")
            full = {m.lower() for m in _MONTH_NAMES}
            if stem.lower() in _MONTH_INDEX and len(stem) <= 4 and stem.lower() not in full:
                name = name[:len(stem)] if len(stem) == 3 else name[:4] if month == 9 else name[:3]
            out[month_word] = _like_case(stem, name) + word[len(stem):]
        value = "".join(out)
        if value != original:
            return value
    return value


# ---------------------------------------------------------------------- written forms
_FULLWIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def _same_form(maker: Callable[[random.Random, str], str]) -> Callable[[random.Random, str], str]:
    """``maker`` applied to the plain value (NFKC, no invisible characters, decoded from
    ``%40`` / ``\\u0040`` / ``&#64;``), its fake written back in the original's form:
    fullwidth characters stay fullwidth, encoded characters are encoded the same way."""

    def make(rng: random.Random, original: str) -> str:
        if original.isascii() and not any(c in original for c in "%\\&"):
            return maker(rng, original)
        from chatveil.detect._normalize import decode_value, encode_like

        plain, _ = decode_value(original)
        fake = maker(rng, plain)
        if any("\uff01" <= ch <= "\uff5e" for ch in original):
            fake = "".join(_FULLWIDTH.get(ch, ch) if ch.isalnum() else ch for ch in fake)
        return encode_like(fake, original)

    return make


#: Entity type -> maker of a fake with the original's layout.
FORMAT_PRESERVING: dict[str, Callable[[random.Random, str], str]] = {
    "PHONE_NUMBER": _phone,
    "CREDIT_CARD": _card,
    "IBAN_CODE": _iban,
    "US_SSN": _ssn,
    "IP_ADDRESS": _ip,
    "API_KEY": _api_key,
    "NATIONAL_ID": _national_id,
    "DATE_OF_BIRTH": _date_of_birth,
}
FORMAT_PRESERVING = {etype: _same_form(maker) for etype, maker in FORMAT_PRESERVING.items()}
