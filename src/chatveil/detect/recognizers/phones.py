"""Phone numbers."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import Pattern, RecognizerResult

from chatveil.detect.recognizers._common import (
    OwnFlagsPatternRecognizer,
    context_regex,
    near,
)

# ---------------------------------------------------------------------- phones
_PHONE_BEFORE = context_regex([
    "phone", "phones", "telephone", "tel", "tel.", "ph", "mobile", "mob", "cell", "cellphone",
    "fax", "call", "calls", "calling", "called", "text", "texting", "sms", "whatsapp", "signal",
    "telegram", "dial", "ring", "landline", "hotline", "voicemail", "extension", "handy",
    "telefon", "téléphone", "telefono", "answer", "answering", "answers", "pick up",
    "picking up", "picks up", "unreachable",
])
#: Weaker cues: count only when no other kind of identifier is named in the same window.
_PHONE_WEAK_BEFORE = context_regex(["number", "numbers", "no.", "nr", "contact", "reach"])
_OTHER_ID_BEFORE = context_regex([
    "license", "licence", "passport", "account", "acct", "order", "invoice", "tracking", "ticket",
    "id", "ssn", "social security", "routing", "iban", "card", "policy", "member", "customer",
    "reference", "ref", "serial", "case", "claim", "zip", "postal", "postcode", "pin", "otp",
    "code", "tax", "vat", "student", "employee", "patient",
])
_PHONE_AFTER = context_regex([
    "phone", "mobile", "cell", "fax", "office", "home", "work", "landline", "tel",
])
_EXT = r"(?:\s?(?:x|ext\.?|extension|#)\s?\d{1,6})?"
_PHONE_END = r"(?![\w]|[.\-]\d)"
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
            r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ .\-]?\(\d{1,4}\))?[ .\-]?\d{1,10}"
            r"(?:[ .\-]\d{1,10}){0,5}"
            + _EXT + _PHONE_END,
            0.7,
        ),
        # (555) 123-4567, (555)123-4567
        Pattern("north american (area code in brackets)",
                r"(?<![\w+\-.])\(\d{3}\)[ .\-]?\d{3}[ .\-]\d{4}" + _EXT + _PHONE_END, 0.7),
        # 555-123-4567, 555.123.4567, 555 123 4567, 1-555-123-4567
        Pattern("north american",
                r"(?<![\w+\-.])(?:1[ .\-])?\d{3}([ .\-])\d{3}\1\d{4}" + _EXT + _PHONE_END, 0.6),
        # (88) 684-334, (03) 5327 5996: a bracketed area code before digit groups
        Pattern("bracketed area code",
                r"(?<![\w+\-.])\(\d{1,5}\)[ \-]?\d{2,5}(?:[ .\-]\d{2,8}){1,3}" + _EXT + _PHONE_END,
                0.45),
        # 0487 23 46 71, 06-10446904, 070 4493 5104: trunk prefix 0 and 8+ digits in groups
        Pattern("trunk prefix grouping",
                r"(?<![\w+\-.])(?<!\d,)0\d{1,4}(?:[ .\-]\d{2,8}){1,4}" + _EXT + _PHONE_END, 0.45),
        # 20-32-85-26, 02.27.96.63.08: four or five pairs of digits
        Pattern("digit pairs",
                r"(?<![\w+\-.])(?<!\d,)\d{2}([ .\-])\d{2}\1\d{2}\1\d{2}(?:\1\d{2})?" + _PHONE_END,
                0.45),
        # 555-1234: the North American local layout
        Pattern("local (3-4)", r"(?<![\w+\-.])(?<!\d,)\d{3}-\d{4}" + _EXT + _PHONE_END, 0.4),
        # 96 228011, 9493 7477, 785 8949: needs context
        Pattern(
            "national grouping",
            r"(?<![\w+\-.])(?<!\d,)(?:\(\d{1,5}\)[ \-]?\d{2,5}|\d{2,5})(?:[ .\-]\d{2,8}){1,4}"
            + _EXT + _PHONE_END,
            0.3,
        ),
        # 2813882583, 13812345678: needs context
        Pattern("digits only", r"(?<![\w+\-.])(?<!\d,)\d{8,13}" + _PHONE_END, 0.25),
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="PHONE_NUMBER",
            patterns=list(self.PATTERNS),
            supported_language=supported_language,
            name="ChatveilPhoneRecognizer",
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            if r.score >= 1.0:
                continue
            if near(text, r.start, r.end, _PHONE_BEFORE, _PHONE_AFTER) or (
                near(text, r.start, r.end, _PHONE_WEAK_BEFORE, None)
                and not near(text, r.start, r.end, _OTHER_ID_BEFORE, None)
            ):
                r.score = min(0.95, max(r.score + 0.35, 0.6))
        return results

    def validate_result(self, pattern_text: str) -> bool | None:
        main = re.split(r"x|ext|#", pattern_text, maxsplit=1)[0].strip()
        digits = sum(ch.isdigit() for ch in main)
        if not 6 <= digits <= 15:
            return False
        if main.startswith("0") and digits < 8 and not main.startswith("00"):
            return None if "(" in main else False
        if any(shape.fullmatch(main) for shape in _DATE_SHAPES):
            d = _DATE_SHAPES[1].fullmatch(main)
            if d is None or (int(d.group(1)) <= 31 and int(d.group(2)) <= 31):
                return False
        if re.fullmatch(r"\d{3}-\d{2}-\d{4}", main):  # US SSN layout
            return False
        if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", main):  # IPv4
            return False
        return None  # keep the pattern's own score
