"""Phone numbers: written layouts found by patterns, checked with ``phonenumbers``."""

from __future__ import annotations

import functools
import re
from typing import Any

from presidio_analyzer import Pattern, RecognizerResult

from chatveil.detect.recognizers._common import (
    OwnFlagsPatternRecognizer,
    context_regex,
    near,
)

# ---------------------------------------------------------------------- phones
_PHONE_BEFORE = context_regex(
    [
        "phone",
        "phones",
        "telephone",
        "tel",
        "tel.",
        "ph",
        "mobile",
        "mob",
        "cell",
        "cellphone",
        "fax",
        "call",
        "calls",
        "calling",
        "called",
        "text",
        "texting",
        "sms",
        "whatsapp",
        "signal",
        "telegram",
        "dial",
        "ring",
        "landline",
        "hotline",
        "voicemail",
        "extension",
        "handy",
        "telefon",
        "téléphone",
        "telefono",
        "answer",
        "answering",
        "answers",
        "pick up",
        "picking up",
        "picks up",
        "unreachable",
        "registered",
        "mobil",
        "móvil",
        "celular",
        "portable",
        "cellulare",
        "numéro",
        "número",
        "numero",
        "nummer",
        "rufnummer",
        "contact no",
        "viber",
        "imessage",
        "phoned",
        "phoning",
        "reachable",
        "reach me",
        "reach us",
        "reach him",
        "reach her",
    ]
)
#: A contact line: a capitalised name and a separator right before ("Jane Doe, 0612345678",
#: "Lisa Davis | 512 383 470").
_CONTACT_LINE = re.compile(r"(?<![\w.])[A-Z][\w'’\-]+(?:[ \t][A-Z][\w'’\-]+)+[ \t]*[,|;\t][ \t]*\Z")
#: Signature and form labels right before a number: "M: 7360749330", "Tel.: ...", "T +44 ...".
_LABEL_BEFORE = re.compile(
    r"(?<![\w'’])(?:M|T|P|H|W|C|F|Ph|Mob|Tel|Tél|Cell|Phone|Mobile|Fax)\.?[ \t]*[:#.]?[ \t]*\Z"
)
#: Weaker cues: count only when no other kind of identifier is named in the same window.
_PHONE_WEAK_BEFORE = context_regex(["number", "numbers", "no.", "nr", "contact", "reach"])
_OTHER_ID_BEFORE = context_regex(
    [
        "license",
        "licence",
        "passport",
        "account",
        "acct",
        "order",
        "invoice",
        "tracking",
        "ticket",
        "id",
        "ssn",
        "social security",
        "routing",
        "iban",
        "card",
        "policy",
        "member",
        "customer",
        "reference",
        "ref",
        "serial",
        "case",
        "claim",
        "zip",
        "postal",
        "postcode",
        "pin",
        "otp",
        "code",
        "tax",
        "vat",
        "student",
        "employee",
        "patient",
    ]
)
_PHONE_AFTER = context_regex(
    [
        "phone",
        "mobile",
        "cell",
        "fax",
        "office",
        "home",
        "work",
        "landline",
        "tel",
    ]
)
_EXT = r"(?:\s?(?:x|ext\.?|extension|#)\s?\d{1,6})?"
#: Never inside a longer run: not after "12 " / "12-" (another digit group) or "09:42:" (a time).
_NOT_AFTER_DIGITS = r"(?<!\d[ .\-])(?<!\d:)"
_PHONE_END = r"(?![\w]|[.\-]\d|:\d)"
_ISO_DATE_START = re.compile(
    r"(?:19|20)\d{2}[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])(?!\d)"
)
_DATE_SHAPES = [
    re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}"),
    re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{2}|\d{4})"),
    re.compile(r"\d{1,2}[-./](?:19|20)\d{2}"),
    re.compile(r"(?:19|20)\d{2}\s?[-–/]\s?(?:19|20)?\d{2}"),
]


class InternationalPhoneRecognizer(OwnFlagsPatternRecognizer):
    """Phone numbers in the common written layouts, international ``+CC`` / ``00CC`` included.

    Strong layouts (``+CC``, ``(555) 123-4567``) pass on their own; national groupings such as
    ``0487 23 46 71`` or ``(85) 5986-8343`` and bare 8–13 digit runs need a context word
    (``phone``, ``call``, ``mobile``, ``fax``, ``number``... before; ``office``/``fax``/``mobile``
    after). Dates, US SSNs and IPv4 addresses are never phones.
    """

    PATTERNS = (
        # +44 20 7946 0958, +1 (555) 123-4567, +44 (20) 7123 4567, 0049-30-1234567,
        # 001-668-040-8670x1711
        Pattern(
            "international",
            _NOT_AFTER_DIGITS
            + r"(?<![\w+.\-])(?:\+|00)[1-9]\d{0,2}(?:[ .\-]?\(\d{1,4}\))?[ .\-]?\d{1,12}"
            r"(?:[ .\-]\d{1,12}){0,5}" + _EXT + _PHONE_END,
            0.7,
        ),
        # (555) 123-4567, (555)123-4567, 1 (555) 123-4567
        Pattern(
            "north american (area code in brackets)",
            _NOT_AFTER_DIGITS
            + r"(?<![\w+\-.])(?:1[ .\-]?)?\(\d{3}\)[ .\-]?\d{3}[ .\-]\d{4}"
            + _EXT
            + _PHONE_END,
            0.7,
        ),
        # 555-123-4567, 555.123.4567, 555 123 4567, 1-555-123-4567
        Pattern(
            "north american",
            _NOT_AFTER_DIGITS
            + r"(?<![\w+\-.])(?:1[ .\-])?\d{3}([ .\-])\d{3}\1\d{4}"
            + _EXT
            + _PHONE_END,
            0.6,
        ),
        # (88) 684-334, (03) 5327 5996, (02).0946.0507: a bracketed area code before groups
        Pattern(
            "bracketed area code",
            _NOT_AFTER_DIGITS
            + r"(?<![\w+\-.])\(\d{1,5}\)[ .\-]?\d{2,5}(?:[ .\-]\d{2,8}){1,3}"
            + _EXT
            + _PHONE_END,
            0.45,
        ),
        # (+358) 420766709, (+44) 20 7946 0958: a bracketed "+" country code
        Pattern(
            "bracketed country code",
            _NOT_AFTER_DIGITS
            + r"(?<![\w+\-.])\(\+[1-9]\d{0,2}\)[ .\-]?\d{1,12}(?:[ .\-]\d{1,12}){0,5}"
            + _EXT
            + _PHONE_END,
            0.6,
        ),
        # (351) 936863569: a country code in brackets without "+" (checked below)
        Pattern(
            "bracketed country code without plus",
            _NOT_AFTER_DIGITS + r"(?<![\w+\-.])\([1-9]\d{0,2}\)[ .\-]?\d{6,14}" + _PHONE_END,
            0.3,
        ),
        # 09/ 424 32 61, 0662/78853070: a trunk-prefixed area code, a slash, the number
        Pattern(
            "trunk prefix and slash",
            _NOT_AFTER_DIGITS
            + r"(?<![\w+\-./])0\d{1,5}/ ?\d{2,10}(?:[ .\-]\d{2,10}){0,3}"
            + _EXT
            + r"(?![\w/]|[.\-]\d|:\d)",
            0.3,
        ),
        # (0191) 4960584, (07700) 154728: a bracketed trunk-prefixed area code and one group
        Pattern(
            "bracketed area code (one group)",
            _NOT_AFTER_DIGITS + r"(?<![\w+\-.])\(0\d{1,5}\)[ \-]?\d{5,8}" + _EXT + _PHONE_END,
            0.45,
        ),
        # 0487 23 46 71, 06-10446904, 098765 43210: trunk prefix 0 and 8+ digits in groups
        Pattern(
            "trunk prefix grouping",
            _NOT_AFTER_DIGITS
            + r"(?<![\w+\-.])(?<!\d,)0\d{1,5}(?:[ .\-]\d{2,10}){1,4}"
            + _EXT
            + _PHONE_END,
            0.45,
        ),
        # 20-32-85-26, 02.27.96.63.08: four or five pairs of digits
        Pattern(
            "digit pairs",
            _NOT_AFTER_DIGITS
            + r"(?<![\w+\-.])(?<!\d,)\d{2}([ .\-])\d{2}\1\d{2}\1\d{2}(?:\1\d{2})?"
            + _PHONE_END,
            0.45,
        ),
        # 555-1234: the North American local layout
        Pattern(
            "local (3-4)",
            _NOT_AFTER_DIGITS + r"(?<![\w+\-.])(?<!\d,)\d{3}-\d{4}" + _EXT + _PHONE_END,
            0.4,
        ),
        # 96 228011, 9493 7477, 785 8949, 974 1 449: needs context
        Pattern(
            "national grouping",
            _NOT_AFTER_DIGITS
            + r"(?<![\w+\-.])(?<!\d,)(?:\(\d{1,5}\)[ \-]?\d{2,5}|\d{2,5})"
            r"(?:[ .\-]\d{1,8}){0,3}[ .\-]\d{2,8}"
            + _EXT
            + _PHONE_END,
            0.3,
        ),
        # 0664117421: a trunk-prefixed national number written as one run (checked below)
        Pattern(
            "trunk prefix digits only",
            _NOT_AFTER_DIGITS + r"(?<![\w+\-.])(?<!\d,)0[1-9]\d{8,9}" + _PHONE_END,
            0.3,
        ),
        # 8 742 105 94 47, 8 (912) 345-67-89: a one-digit trunk prefix (Russia, Kazakhstan)
        Pattern(
            "one-digit trunk prefix",
            _NOT_AFTER_DIGITS + r"(?<![\w+\-.])8[ \-]?\(?\d{3}\)?[ \-]?\d{3}[ \-]?\d{2}[ \-]?"
            r"\d{2}" + _PHONE_END,
            0.3,
        ),
        # 2813882583, 13812345678: needs context
        Pattern(
            "digits only", _NOT_AFTER_DIGITS + r"(?<![\w+\-.])(?<!\d,)\d{8,13}" + _PHONE_END, 0.25
        ),
        # 5551234, 496058: short local numbers, only right after a strong phone word
        Pattern("short digits only", r"(?<![\w+\-.,])\d{6,7}" + _PHONE_END, 0.15),
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="PHONE_NUMBER",
            patterns=list(self.PATTERNS),
            supported_language=supported_language,
            name="ChatveilPhoneRecognizer",
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: Any = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        kept = []
        for r in results:
            if r.score >= 1.0:
                kept.append(r)
                continue
            value = text[r.start : r.end]
            if r.score < 0.2:  # a short run: only right after a strong phone word or label
                if not (
                    near(text, r.start, r.end, _PHONE_BEFORE, None, window_before=24)
                    or _LABEL_BEFORE.search(text, max(0, r.start - 8), r.start)
                ):
                    continue
                if not valid_phone(value):
                    continue
            if (
                near(text, r.start, r.end, _PHONE_BEFORE, _PHONE_AFTER)
                or _LABEL_BEFORE.search(text, max(0, r.start - 8), r.start)
                or (
                    _CONTACT_LINE.search(text, max(0, r.start - 48), r.start) and valid_phone(value)
                )
                or (
                    near(text, r.start, r.end, _PHONE_WEAK_BEFORE, None)
                    and not near(text, r.start, r.end, _OTHER_ID_BEFORE, None)
                )
            ):
                r.score = min(0.95, max(r.score + 0.35, 0.6))
            elif (
                r.score < 0.4
                and (_national_layout(value) or _trunk_run(value) or _area_slash(value)
                     or _bracketed_country_code(value) or _whole_message(text, value))
                and not near(text, r.start, r.end, _OTHER_ID_BEFORE, None)
                and valid_phone(value)
            ):
                # "11 95602 7562": a grouped national number that one of the regions accepts
                r.score = 0.45
            elif r.score >= 0.6 and valid_phone(value):
                r.score = max(r.score, 0.85)
            kept.append(r)
        return kept

    def validate_result(self, pattern_text: str) -> bool | None:
        main = re.split(r"x|ext|#", pattern_text, maxsplit=1)[0].strip()
        digits = sum(ch.isdigit() for ch in main)
        if not 6 <= digits <= 15:
            return False
        if main.startswith("0") and digits < 8 and not main.startswith("00"):
            return None if "(" in main else False
        if _ISO_DATE_START.match(main):  # "1993-01-04 14:56": a date and a time
            return False
        if any(shape.fullmatch(main) for shape in _DATE_SHAPES):
            d = _DATE_SHAPES[1].fullmatch(main)
            if d is None or (int(d.group(1)) <= 31 and int(d.group(2)) <= 31):
                return False
        if re.fullmatch(r"\d{3}-\d{2}-\d{4}", main):  # US SSN layout
            return False
        if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", main):  # IPv4
            return False
        return None  # keep the pattern's own score


#: Regions whose national layouts are checked (international ``+CC`` numbers: every region).
PHONE_REGIONS = (
    "US",
    "GB",
    "IN",
    "DE",
    "FR",
    "BR",
    "CN",
    "ES",
    "IT",
    "NL",
    "BE",
    "AT",
    "CH",
    "IE",
    "PT",
    "SE",
    "NO",
    "DK",
    "FI",
    "PL",
    "CZ",
    "CA",
    "AU",
    "NZ",
    "ZA",
    "NG",
    "KE",
    "MX",
    "AR",
    "JP",
    "KR",
    "SG",
    "PH",
    "TR",
    "RU",
    "IL",
    "AE",
)


def _national_layout(value: str) -> bool:
    """A grouped number that is not a thousands grouping (``1 234 567``) and has 10+ digits."""
    groups = re.findall(r"\d+", value)
    if len(groups) < 2 or sum(len(g) for g in groups) < 10:
        return False
    return not all(len(g) == 3 for g in groups[1:])


#: "(351) 936863569", "(+358) 017065537": a bracketed country code, then the number.
_BRACKETED_CC = re.compile(r"\(\+?([1-9]\d{0,2})\)[ .\-]?(\d[\d .\-]*)")


def _bracketed_country_code(value: str) -> bool:
    """``(351) 936863569``: valid as ``+351 936863569``."""
    m = _BRACKETED_CC.fullmatch(value)
    return m is not None and _valid_international(m.group(1), m.group(2))


def _whole_message(text: str, value: str) -> bool:
    """The message is the number and nothing else (an answer to "your phone?"), 8+ digits."""
    return text.strip(" \t\r\n.") == value and sum(ch.isdigit() for ch in value) >= 8


def _area_slash(value: str) -> bool:
    """``09/ 424 32 61``: a trunk-prefixed area code and a slash, 8 or more digits."""
    return re.fullmatch(r"0\d{1,5}/ ?\d[\d .\-]*", value) is not None and sum(
        ch.isdigit() for ch in value) >= 8


def _trunk_run(value: str) -> bool:
    """``0664117421``: a national number with its trunk prefix, 10 or 11 digits, no groups."""
    return value.isdigit() and value[0] == "0" and value[1] != "0" and 10 <= len(value) <= 11


def _valid_international(code: str, national: str) -> bool:
    """``+code national`` is a valid number; a trunk ``0`` written after the country code
    (``(+358) 017065537``) is allowed."""
    import phonenumbers

    digits = re.sub(r"\D", "", national)
    for rest in (digits, digits[1:] if digits.startswith("0") else None):
        if not rest:
            continue
        try:
            number = phonenumbers.parse(f"+{code}{rest}", None)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def valid_phone(value: str) -> bool:
    """True if ``phonenumbers`` accepts ``value`` as a valid number (any region if it starts
    with ``+``/``00``, else one of :data:`PHONE_REGIONS` in its national layout)."""
    import phonenumbers

    main = re.split(r"x|ext|#", value, maxsplit=1)[0].strip()
    if main.startswith("00"):
        main = "+" + main[2:]
    bracketed = _BRACKETED_CC.fullmatch(main)
    if bracketed is not None and _valid_international(
        bracketed.group(1), bracketed.group(2)
    ):
        return True
    regions: tuple[str | None, ...] = (None,) if main.startswith("+") else PHONE_REGIONS
    for region in regions:
        try:
            number = phonenumbers.parse(main, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False
