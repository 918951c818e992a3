"""Fast regex/checksum and name-list recognizers that Presidio does not ship in the form we need.

They are plain Presidio ``PatternRecognizer`` / ``EntityRecognizer`` subclasses, so they run
inside the ``AnalyzerEngine`` like any predefined recognizer. Each pattern carries a confidence
that reflects its false-positive risk (seed 004); weak shapes only pass the guard's threshold
when a context word ("phone", "call", "fax", ...) is near the match.

Context is checked on the raw text around the match, not on spaCy lemmas: the guard's NER
pipeline runs without a lemmatizer, so Presidio's lemma-based context enhancer sees nothing.
No recognizer here passes ``context=`` to Presidio, so scores are never boosted twice.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from chatveil._words import common_words

__all__ = [
    "ApiKeyRecognizer",
    "CardNumberRecognizer",
    "FilteredSpacyRecognizer",
    "IbanCodeRecognizer",
    "InternationalPhoneRecognizer",
    "KnownPlaceRecognizer",
    "PersonNameRecognizer",
    "StreetAddressRecognizer",
    "UsSsnContextRecognizer",
    "default_recognizers",
    "iban_valid",
    "luhn_valid",
]


# ---------------------------------------------------------------------- helpers
def luhn_valid(digits: str) -> bool:
    """True if the digit string passes the Luhn checksum."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _wordset(words: str) -> frozenset[str]:
    """The whitespace-separated words of ``words`` (lists below are easier to read that way)."""
    return frozenset(words.split())


def _context_regex(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)


def _near(text: str, start: int, end: int, before: re.Pattern[str] | None,
          after: re.Pattern[str] | None, window_before: int = 48, window_after: int = 20) -> bool:
    """True if a context word occurs shortly before ``start`` or shortly after ``end``."""
    if before is not None and before.search(text, max(0, start - window_before), start):
        return True
    return after is not None and after.search(text, end, end + window_after) is not None


def _boost(results: list[RecognizerResult], text: str, before: re.Pattern[str] | None,
           after: re.Pattern[str] | None, by: float, floor: float) -> list[RecognizerResult]:
    for r in results:
        if r.score < 1.0 and _near(text, r.start, r.end, before, after):
            r.score = min(0.95, max(r.score + by, floor))
    return results


class _OwnFlagsPatternRecognizer(PatternRecognizer):
    """A pattern recognizer whose regexes always run case-sensitively (DOTALL | MULTILINE).

    The patterns rely on case (``Suite 12``, ``CA 94105``, ``AKIA...``), so the flags an
    analyzer passes for the request (Presidio's default adds IGNORECASE) are not used.
    """

    FLAGS = re.DOTALL | re.MULTILINE

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        return super().analyze(text, entities, nlp_artifacts, self.FLAGS)


# ---------------------------------------------------------------------- payment cards
class CardNumberRecognizer(_OwnFlagsPatternRecognizer):
    """Payment card numbers: 13–19 digits, plain or grouped by one kind of separator, Luhn-checked.

    13-digit numbers only count when they start with 4 (the only 13-digit card range), which
    keeps millisecond timestamps and similar counters out.
    """

    PATTERNS = (
        # 4111 1111 1111 1111, 4111-1111-1111-1111, 3782 822463 10005 (Amex 4-6-5)
        Pattern("card (grouped)",
                r"(?<![\w\-])\d{4,6}([ \-])\d{4,6}(?:\1\d{1,6}){1,3}(?!\w|\1\d)", 0.85),
        Pattern("card (plain)", r"(?<![\w\-])\d{13,19}(?![\w]|-\d)", 0.85),
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="CREDIT_CARD",
            patterns=list(self.PATTERNS),
            supported_language=supported_language,
            name="ChatveilCardNumberRecognizer",
        )

    def validate_result(self, pattern_text: str) -> bool:
        digits = re.sub(r"[ \-]", "", pattern_text)
        if not 13 <= len(digits) <= 19 or not digits.isdigit() or len(set(digits)) == 1:
            return False
        if len(digits) == 13 and digits[0] != "4":
            return False
        return luhn_valid(digits)


# ---------------------------------------------------------------------- IBAN
#: IBAN length per country (ISO 13616 registry).
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    # Countries using IBAN-format account numbers outside the registry's main list.
    "AO": 25, "BF": 28, "BJ": 28, "CF": 27, "CG": 27, "CI": 28, "CM": 27, "CV": 25, "DZ": 26,
    "GA": 27, "GQ": 27, "GW": 25, "HT": 28, "IR": 26, "KM": 27, "MA": 28, "MG": 27, "ML": 28,
    "MZ": 25, "NE": 28, "SN": 28, "TD": 27, "TG": 28,
}


def iban_valid(compact: str) -> bool:
    """True if ``compact`` (no separators) has its country's length and a valid mod-97 check."""
    s = compact.upper()
    if _IBAN_LENGTHS.get(s[:2]) != len(s) or not s[2:4].isdigit() or not s.isalnum():
        return False
    rearranged = s[4:] + s[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


class IbanCodeRecognizer(EntityRecognizer):
    """IBANs in any case and any grouping (spaces or dashes), checked by country length and mod 97.

    A candidate is a country code and two check digits followed by letters/digits that may be
    separated by single spaces or dashes; the longest prefix of the right length for that country
    that passes the checksum wins, so trailing words are never swallowed.
    """

    SCORE = 1.0
    _CANDIDATE = re.compile(
        r"(?<![^\W_])([A-Za-z]{2})[ \-]?(\d{2})((?:[ \-]?[A-Za-z0-9]){11,31})"
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["IBAN_CODE"], supported_language=supported_language,
                         name="ChatveilIbanRecognizer")

    def load(self) -> None:  # nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        results = []
        pos = 0
        while True:
            m = self._CANDIDATE.search(text, pos)
            if m is None:
                break
            end = self._valid_end(text, m)
            if end is None:
                pos = m.start() + 1
                continue
            results.append(self._result(m.start(), end))
            pos = end
        return results

    @staticmethod
    def _valid_end(text: str, m: re.Match[str]) -> int | None:
        country = m.group(1).upper()
        length = _IBAN_LENGTHS.get(country)
        if length is None:
            return None
        chars = [country, m.group(2)]
        count = 4
        for i in range(m.start(3), m.end(3)):
            ch = text[i]
            if ch in " -":
                continue
            count += 1
            chars.append(ch)
            if count == length:
                end = i + 1
                if end < len(text) and text[end].isalnum():
                    return None  # the run goes on: not an IBAN boundary
                return end if iban_valid("".join(chars)) else None
        return None

    def _result(self, start: int, end: int) -> RecognizerResult:
        return RecognizerResult(
            "IBAN_CODE", start, end, self.SCORE,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )


# ---------------------------------------------------------------------- phones
_PHONE_BEFORE = _context_regex([
    "phone", "phones", "telephone", "tel", "tel.", "ph", "mobile", "mob", "cell", "cellphone",
    "fax", "call", "calls", "calling", "called", "text", "texting", "sms", "whatsapp", "signal",
    "telegram", "dial", "ring", "landline", "hotline", "voicemail", "extension", "handy",
    "telefon", "téléphone", "telefono", "answer", "answering", "answers", "pick up",
    "picking up", "picks up", "unreachable",
])
#: Weaker cues: count only when no other kind of identifier is named in the same window.
_PHONE_WEAK_BEFORE = _context_regex(["number", "numbers", "no.", "nr", "contact", "reach"])
_OTHER_ID_BEFORE = _context_regex([
    "license", "licence", "passport", "account", "acct", "order", "invoice", "tracking", "ticket",
    "id", "ssn", "social security", "routing", "iban", "card", "policy", "member", "customer",
    "reference", "ref", "serial", "case", "claim", "zip", "postal", "postcode", "pin", "otp",
    "code", "tax", "vat", "student", "employee", "patient",
])
_PHONE_AFTER = _context_regex([
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


class InternationalPhoneRecognizer(_OwnFlagsPatternRecognizer):
    """Phone numbers in the common written layouts, international ``+CC`` / ``00CC`` included.

    Strong layouts (``+CC``, ``(555) 123-4567``) pass on their own; national groupings such as
    ``0487 23 46 71`` or ``(85) 5986-8343`` and bare 8–13 digit runs need a context word
    (``phone``, ``call``, ``mobile``, ``fax``, ``number``... before; ``office``/``fax``/``mobile``
    after). Dates, US SSNs and IPv4 addresses are never phones.
    """

    PATTERNS = (
        # +44 20 7946 0958, +1 (555) 123-4567, +44 (20) 7123 4567, 0049-30-1234567, 001-668-040-8670x1711
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
            if _near(text, r.start, r.end, _PHONE_BEFORE, _PHONE_AFTER) or (
                _near(text, r.start, r.end, _PHONE_WEAK_BEFORE, None)
                and not _near(text, r.start, r.end, _OTHER_ID_BEFORE, None)
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


# ---------------------------------------------------------------------- US SSN
class UsSsnContextRecognizer(_OwnFlagsPatternRecognizer):
    """US social security numbers in ``123-45-6789`` / ``123 45 6789`` layout, or any 9-digit
    grouping when "SSN" / "social security" is written nearby. Invalid areas (000, 666, 9xx),
    groups of zeros and well-known sample numbers are rejected.
    """

    PATTERNS = (
        Pattern("ssn (dashed/spaced)", r"(?<![\w\-])\d{3}([ \-])\d{2}\1\d{4}(?![\w]|[\-]\d)", 0.5),
        Pattern("ssn (any grouping)",
                r"(?<![\w\-.])\d{3}[ \-.]?\d{2}[ \-.]?\d{4}(?![\w]|[\-.]\d)", 0.05),
    )
    _BEFORE = _context_regex(["ssn", "ssns", "social security", "social-security", "ss#", "ss #",
                              "ssn#", "tin", "taxpayer"])

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="US_SSN", patterns=list(self.PATTERNS),
            supported_language=supported_language, name="ChatveilUsSsnRecognizer",
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return _boost(results, text, self._BEFORE, None, by=0.4, floor=0.75)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = re.sub(r"\D", "", pattern_text)
        if len(digits) != 9:
            return False
        area, group, serial = digits[:3], digits[3:5], digits[5:]
        if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
            return False
        if digits in ("123456789", "078051120", "219099999") or len(set(digits)) == 1:
            return False
        return None


# ---------------------------------------------------------------------- API keys
class ApiKeyRecognizer(_OwnFlagsPatternRecognizer):
    """API keys, bearer tokens and other credentials with a recognisable shape."""

    PATTERNS = (
        Pattern("bearer", r"(?<=\bBearer\s)[A-Za-z0-9\-._~+/]{16,}=*", 0.9),
        Pattern("openai/stripe style",
                r"\b(?:sk|pk|rk)[-_](?:live_|test_|proj-|ant-)?[A-Za-z0-9_\-]{16,}", 0.9),
        Pattern("github", r"\bgh[pousr]_[A-Za-z0-9]{30,}\b", 0.95),
        Pattern("github fine-grained", r"\bgithub_pat_[A-Za-z0-9_]{40,}\b", 0.95),
        Pattern("gitlab", r"\bglpat-[A-Za-z0-9_\-]{20,}\b", 0.95),
        Pattern("aws access key", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", 0.9),
        Pattern("slack", r"\bxox[abprs]-[A-Za-z0-9\-]{10,}", 0.9),
        Pattern("google", r"\bAIza[0-9A-Za-z\-_]{35}\b", 0.9),
        Pattern("hugging face", r"\bhf_[A-Za-z0-9]{30,}\b", 0.9),
        Pattern("jwt", r"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}", 0.9),
        Pattern("private key block",
                r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----",
                0.95),
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="API_KEY",
            patterns=list(self.PATTERNS),
            supported_language=supported_language,
            name="ChatveilApiKeyRecognizer",
        )


# ---------------------------------------------------------------------- street addresses
_STREET_TYPES = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    "Terrace|Ter|Circle|Cir|Parkway|Pkwy|Square|Sq|Highway|Hwy|Trail|Crescent|Close|Row|Alley|"
    "Strasse|Straße|Straat|Plaza|Heights|Hill|Gardens|Grove|Walk"
)


_STREET_PREFIXES = (
    r"Via|Viale|Rue|Calle|Avenida|Avda\.|Rua|Piazza|Largo|Travessa|Praça|Plaza|ul\.|Ulica|"
    r"Strada|Carrer|Camino|Boulevard|Avenue|Chaussée|Chemin|Allée"
)
_STREET_SUFFIXES = (
    r"straat|weg|laan|gracht|plein|kade|dijk|steenweg|gasse|straße|strasse|allee|platz|damm|"
    r"vej|vägen|gatan|gata|gade|veien|vegen|utca|tie|katu"
)
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
_HOUSE = r"(?:\b\d{1,5}[A-Za-z]?[ \t]+)?"


class StreetAddressRecognizer(_OwnFlagsPatternRecognizer):
    """Street addresses: ``221B Baker Street``, ``Via Carlo Cattaneo 130``, ``Kromwater 38``,
    ``Suite 286``, ``PSC 4457, Box 7534``, ``APO AP 95145``, ``Austin, TX 78701``."""

    PATTERNS = (
        Pattern(
            "number + name + street type",
            r"\b\d{1,6}[A-Za-z]?\s+(?:[A-Z][\w'\-]*\.?\s+){1,4}(?:" + _STREET_TYPES + r")\b\.?"
            r"(?:,?\s+(?:Apt|Apartment|Suite|Unit|Flat|#)\.?\s*[\w\-]+)?",
            0.7,
        ),
        # Via Carlo Cattaneo 130, 92 Rue de la Paix 12, ul. Karpacka 69
        Pattern(
            "street word + name + number",
            _HOUSE + r"\b(?:" + _STREET_PREFIXES + r")[ \t]+(?:[^\W\d_][\w'’.\-]*[ \t]+){0,4}"
            r"\d{1,5}[A-Za-z]?\b",
            0.6,
        ),
        # Kromwater-style names ending in a street suffix: Hulsterdreef is not, Lozerlaan 172 is
        Pattern(
            "street-suffixed name + number",
            _HOUSE + r"\b[A-ZÀ-Þ][^\W\d_]*(?:" + _STREET_SUFFIXES + r")\.?[ \t]+\d{1,5}[A-Za-z]?\b",
            0.6,
        ),
        Pattern("apartment or suite", r"\b(?:Apt|Apartment|Suite|Flat)\.?[ \t]*#?\d{1,5}[A-Za-z]?\b",
                0.5),
        Pattern("military or PO box",
                r"\b(?:PSC|Unit|CMR)[ \t]+\d{3,5},?[ \t]+Box[ \t]+\d{1,5}\b"
                r"|\b(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}\b"
                r"|\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+\d{1,6}\b",
                0.7),
        Pattern("US state + ZIP", r"\b(?:" + _US_STATES + r")[ \t]+\d{5}(?:-\d{4})?\b", 0.6),
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="STREET_ADDRESS",
            patterns=list(self.PATTERNS),
            supported_language=supported_language,
            name="ChatveilStreetAddressRecognizer",
        )


# ---------------------------------------------------------------------- person names
#: Faker person providers whose first/last-name lists are loaded (Latin script only).
NAME_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_NZ", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CA", "es_ES",
    "es_MX", "it_IT", "pt_BR", "pt_PT", "nl_NL", "nl_BE", "sv_SE", "da_DK", "no_NO", "fi_FI",
    "is_IS", "pl_PL", "cs_CZ", "sk_SK", "sl_SI", "hr_HR", "hu_HU", "ro_RO", "tr_TR", "et_EE",
    "lt_LT", "lv_LV",
)

#: English words that are also given names: never a name on their own, fine in "Will Smith".
_AMBIGUOUS = _wordset("""
will may mark bill grant rose hope faith joy art guy june april august summer autumn winter
dawn eve grace ivy lily violet penny ruby pearl crystal amber jade sky river rock stone hunter
chase carter cook baker miller king young long little white black brown green gray grey rich
price case page bell hall hill wood lane field ford park love frank earnest noble sterling
major prince duke earl baron bishop chance destiny harmony honor honour justice liberty mercy
patience prudence serenity trinity unity hazel heather holly iris jasmine daisy poppy olive
sage angel don pat sue rob nick jack max ray gene drew rusty sandy dusty carol lance miles
wade dean cliff glen heath brook dale gail jean van ben tom sal val ken bob kay jay ace star
storm sunny lucky happy precious ever haven harbor story wisdom echo nova ocean blue royal
cash gay buck colt fox hawk wolf bear lion tiger robin wren lark dove finch christian norman
german french english irish welsh dutch israel jordan chad georgia virginia carolina florida
dakota india china asia africa america paris london victoria sydney austin dallas denver
phoenix houston orlando savannah aurora julia perl ada pascal claude alexa siri cortana gemini
mistral llama falcon kotlin rust swift python java scala dart haskell elixir
monday tuesday wednesday thursday friday saturday sunday january february march july
september october november december feb mar apr jun jul aug sep sept oct nov dec
mon tue tues wed thu thur thurs fri sat sun
handler constant meta server reader writer client manager builder parser worker reporter
factory adapter wrapper helper loader
sterling crown
email mail phone address name number account card bank office team support admin user
hello dear thanks thank regards best cheers sir madam miss mister doctor professor
""")

#: Well-known places that are also given names (besides Faker's country/state/city lists).
_PLACE_NAMES = _wordset("""
paris sydney austin dallas denver phoenix houston orlando florence victoria adelaide charlotte
savannah madison jackson lincoln chelsea regina helena augusta eugene marion alexandria lima
sofia vienna geneva siena verona lorraine milan valencia santiago tyler aurora cleveland
columbus jordan georgia virginia carolina dakota israel chad india china kenya
""")

#: Capitalised words that end a name candidate (places, organisations, street types).
_NOT_SURNAME = _wordset("""
street st avenue ave road rd lane ln drive dr boulevard blvd way court ct place pl square sq
park station airport university college school hospital church bridge river lake mountain
beach island city county state valley hills heights center centre hotel inc ltd llc corp
company group bank foundation institute museum library mall market plaza gardens grove
terrace close crescent highway hwy apt apartment suite unit floor north south east west
plc corporation corp agency associates partners holdings labs technologies solutions systems
capital consulting services industries enterprises ventures gmbh ag sa bv nv
""")

#: Words before a name that make it part of a place or street ("St. John", "Via Carlo Cattaneo").
_PLACE_PREFIXES = _wordset("""
st st. saint sainte san santa santo são sao fort port mount mt mt. lake cape via viale rue
calle avenida av av. rua piazza piazzale strada largo travessa praça plaza ulica ul ul. camino
carrer avinguda boulevard bd avenue place platz straße strasse gasse weg laan straat kerk
new los las del den
""")

_TITLE_RE = re.compile(
    r"(?<![^\W_])(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?|Miss|Sir|Dame|Madam|Mme|Mlle|Herr|Frau"
    r"|(?P<lower>mr|mrs|ms|dr|prof)\.)(?=[ \t])"
)
_PARTICLES = _wordset("van von der den de da di del della le la du dos das bin ibn al el ter ten "
                      "af av zu")
#: Particles that start a surname on their own in running English text ("van Gogh").
_SURNAME_PARTICLE_RE = re.compile(
    r"(?<![^\W_])(?:van der|van den|van de|van|von der|von|ter|ten|zu)[ \t]+(?=[^\W\d_])"
)
_NAME_WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]{2,})*"
_LIST_GLUE = r"(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+|&[ \t]*)?|[ \t]+(?:and|or|&)[ \t]+)"
#: "A, B and C": two or more words joined by commas / and / or.
_LIST_RE = re.compile(r"(?<![^\W\d_])" + _NAME_WORD + r"(?:" + _LIST_GLUE + _NAME_WORD + r")+")
_WORD = re.compile(_NAME_WORD)
#: Phrases after which a capitalised word is taken as a name, even one in no list.
_CUE_RE = re.compile(
    r"(?<![^\W_])(?P<cue>my name is|my name's|name is|names are|name:|your name\?|call me"
    r"|calls me|called me|called|named|hi|hello|hey|dear|thanks|thank you|cheers|says|said"
    r"|asked|told|thanked)"
    r"[ \t]*[,:]?[ \t]+(?=[^\W\d_])",
    re.IGNORECASE,  # matched on lowercased text; the flag covers texts that cannot be lowered
)
_MONTH_NAMES = frozenset(["jan", "january", "june", "july", "april", "may", "august"])
#: ", Heather!" / ", Mark?" at the end of a sentence: someone addressed by name.
_VOCATIVE_RE = re.compile(r",[ \t]*(?P<name>" + _NAME_WORD + r")[ \t]*[!?.](?![^\W_])")
#: "Zlata's address": a possessive before a word that belongs to a person.
_POSSESSIVE_RE = re.compile(
    r"(?<![^\W_])(?P<name>" + _NAME_WORD + r")['’]s[ \t]+(?:(?:new|old|home|work|mobile|"
    r"private|personal|current)[ \t]+)?(?:address|phone|number|email|e-mail|birthday|wife|"
    r"husband|son|daughter|mother|father|mom|mum|dad|brother|sister|friend|boss|partner|"
    r"girlfriend|boyfriend|cv|resume|résumé|passport|ssn|salary|diagnosis)(?![^\W_])",
    re.IGNORECASE,
)
_GREETING_CUES = frozenset(["hi", "hello", "hey", "dear", "thanks", "thank you", "cheers"])
_SELF_CUES = frozenset(["my name is", "my name's", "call me", "calls me", "called me",
                        "your name?"])
_NAMING_CUES = frozenset(["called", "named"])
_SPEECH_CUES = frozenset(["says", "said", "asked", "told", "thanked"])
#: "Anna: did you ..." at the start of a line: a speaker label in a pasted transcript.
_SPEAKER_RE = re.compile(
    r"^[ \t>*\-•]*(?P<name>" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")?)[ \t]*:[ \t]*\S",
    re.MULTILINE,
)
#: Words often used as line labels ("Subject: ...") that are no speaker names.
_LABEL_WORDS = _wordset("""
note notes email e-mail mail phone tel fax mobile address name subject date time user bot
assistant system human ai model agent customer client question answer q a step example warning
error output input todo summary title location status result results source tip hint update
edit ps re fwd cc bcc from to sent attachment reference description price total cost category
type id url link website company organization organisation department role position job salary
age gender dob birthday nationality city country state zip postcode account iban card ssn
password username login key token version author owner priority deadline due comment comments
response request reply message context instructions instruction task goal prompt query
translation definition meaning usage note_ caution important info details detail
""")
#: NER labels (spaCy's and Presidio's mapped names) that compete with PERSON for the same words.
_NON_PERSON_LABELS = frozenset(["GPE", "LOC", "FAC", "ORG", "NORP", "PRODUCT", "WORK_OF_ART",
                                "EVENT", "LANGUAGE", "LOCATION", "ORGANIZATION", "NRP"])
_PERSON_LABELS = frozenset(["PERSON", "PER"])
_PLACE_LABELS = frozenset(["GPE", "LOC", "FAC", "LOCATION"])


@functools.lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, last names, common words, places), casefolded; loaded once on first use."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in NAME_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):  # pragma: no cover - older Faker
            continue
        for attr in ("first_names", "first_names_male", "first_names_female",
                     "first_names_nonbinary"):
            first.update(_words(getattr(provider, attr, ()) or ()))
        last.update(_words(getattr(provider, "last_names", ()) or ()))
    english = set(_english_words())
    common = english | _AMBIGUOUS
    places: set[str] = set(_PLACE_NAMES)
    for module, attr in _PLACE_LISTS:
        places.update(" ".join(p.casefold().split())
                      for p in _faker_list(f"faker.providers.address.{module}", attr))
    first = {w for w in first if len(w) >= 3} - {"doe"}
    last = {w for w in last if len(w) >= 3} - {"doe"}
    return frozenset(first), frozenset(last), frozenset(common), frozenset(places)


#: Faker address lists used as a small gazetteer (countries, US states, UK counties, cities).
_PLACE_LISTS = (("en", "countries"), ("en_US", "states"), ("en_GB", "counties"),
                ("de_DE", "cities"), ("nl_NL", "cities"))


def _english_words() -> frozenset[str]:
    return common_words()


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset[str], dict[str, int]]:
    """Place names worth flagging (no English words, 4+ letters) and, per first word, the most
    words a place starting with it has."""
    places = _name_lists()[3]
    english = _english_words()
    sure = set(_PLACE_NAMES)  # countries and states stay places even if also English words
    for module, attr in _PLACE_LISTS[:2]:
        sure.update(p.casefold() for p in _faker_list(f"faker.providers.address.{module}", attr))
    words = english | _AMBIGUOUS
    kept = frozenset(p for p in places if len(p) >= 4 and (p not in words or p in sure))
    longest: dict[str, int] = {}
    for place in kept:
        words = place.replace("'", " ").replace("’", " ").replace("-", " ").split()
        if words:
            longest[words[0]] = max(longest.get(words[0], 0), len(words) + 2)
    return kept, longest


def _faker_list(module: str, attr: str) -> Iterable[str]:
    try:
        return tuple(getattr(importlib.import_module(module).Provider, attr, ()) or ())
    except (ImportError, AttributeError):  # pragma: no cover - older Faker
        return ()


def _words(names: Iterable[str]) -> Iterator[str]:
    for name in names:
        for part in name.split():
            if part.isalpha() or "-" in part or "'" in part:
                yield part.casefold()


def _is_cap(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in ".!?\n\r:;\"'“”(>*#-•[|"


def _only_space_between(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return 0 < len(gap) <= 3 and gap.strip(" \t") == ""


def _ends_greeting(text: str, end: int) -> bool:
    """After ``Hi Anna`` comes punctuation, a line break or the end of the text."""
    rest = text[end:end + 2].lstrip(" \t")
    return not rest or rest[0] in ",.!?:;\n\r-—)"


def _glued(text: str, start: int, end: int) -> bool:
    """A word stuck to digits or underscores (``Ann1``, ``my_var``): part of an identifier."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before.isdigit() or before == "_" or after.isdigit() or after == "_"


def _code_like(text: str, start: int, end: int) -> bool:
    """An identifier rather than a word: ``parse_args``, ``config.yaml``, ``Foo()``, ``x=1``."""
    before = text[start - 1:start]
    after = text[end:end + 2]
    return before in ("_", ".", "`", "/", "\\", "@") or after[:1] in ("_", "(", "`", "=", "@", "/") or (
        after[:1] == "." and after[1:2].isalnum())


def _inner_capital(word: str) -> bool:
    """CamelCase such as ``ValueError`` (not ``McDonald``-style names, which are short)."""
    inner = sum(ch.isupper() for ch in word[1:])
    return inner >= 1 and not (word[:2] in ("Mc", "Ma", "O'", "D'") or "-" in word)


def _contraction_follows(text: str, end: int) -> bool:
    """True for "Don't" / "Can't"-style tokens (apostrophe + letters other than a possessive s)."""
    if end < len(text) and text[end] in "'’":
        rest = text[end + 1:end + 3]
        return bool(rest[:1].isalpha()) and not (rest[:1] in "sS" and not rest[1:2].isalpha())
    return False


class _NameScan:
    """One pass of :class:`PersonNameRecognizer` over one text."""

    def __init__(self, owner: PersonNameRecognizer, text: str, nlp_artifacts: Any) -> None:
        self.o = owner
        self.text = text
        self.first, self.last, self.common, self.places = _name_lists()
        self.tokens = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)
                       if not _glued(text, m.start(), m.end())]
        self.index = {t[0]: k for k, t in enumerate(self.tokens)}
        self.starts = [t[0] for t in self.tokens]
        self.lowercase_text = not any(ch.isupper() for ch in text)
        self.spans: dict[tuple[int, int], tuple[float, bool, str]] = {}  # (score, strong, rule)
        self.rule = ""
        self.used: set[int] = set()
        self.ents = [e for e in (getattr(nlp_artifacts, "entities", None) or ())
                     if hasattr(e, "start_char")]

    # ------------------------------------------------------------------ helpers
    def add(self, k: int, j: int, score: float, strong: bool = True, how: str = "") -> None:
        key = (self.tokens[k][0], self.tokens[j - 1][1])
        old = self.spans.get(key)
        if old is None or old[0] < score:
            self.spans[key] = (score, strong, f"{self.rule}:{how}" if how else self.rule)
        self.used.update(range(k, j))

    def plain_word(self, key: str) -> bool:
        """A common word that is no known name."""
        return key in self.common and key not in self.first and key not in self.last

    def run(self, k: int, allow_lower: bool, max_words: int = 3, lead: bool = False) -> int:
        """Index after the run of name-like tokens starting at token ``k`` (``k`` if none).

        Particles (``van``, ``de``) may sit between words, or lead the run if ``lead``.
        """
        tokens = self.tokens
        j, words = k, 0
        while j < len(tokens) and words < max_words:
            s, _, w = tokens[j]
            if j > k and not _only_space_between(self.text, tokens[j - 1][1], s):
                break
            key = w.casefold()
            if (j > k or lead) and key in _PARTICLES and j + 1 < len(tokens):
                j += 1
                continue
            if key in _NOT_SURNAME or self.plain_word(key):
                break
            if not (_is_cap(w) or (allow_lower and w.islower())):
                break
            words += 1
            j += 1
        while j > k and tokens[j - 1][2].casefold() in _PARTICLES:
            j -= 1
        return j

    def in_place(self, k: int, j: int) -> bool:
        """Tokens ``k:j`` are preceded by a place prefix or followed by a street type."""
        tokens = self.tokens
        if k > 0 and _only_space_between(self.text, tokens[k - 1][1], tokens[k][0]) or (
            k > 0 and self.text[tokens[k - 1][1]:tokens[k][0]] == ". "
        ):
            prev = tokens[k - 1][2].casefold()
            if prev in _PLACE_PREFIXES or prev + "." in _PLACE_PREFIXES:
                return True
        if j < len(tokens) and _only_space_between(self.text, tokens[j - 1][1], tokens[j][0]):
            return tokens[j][2].casefold() in _NOT_SURNAME
        return False

    def dateish(self, k: int) -> bool:
        """``Jan 5``, ``Jan. 2024``, ``Jan Feb Mar``: a month, not a name."""
        s, e, _ = self.tokens[k]
        after = self.text[e:e + 3].lstrip(" \t")
        if after[:1].isdigit() or after[:1] == ".":
            return True
        before = self.text[max(0, s - 4):s].rstrip(" \t,")
        if before[-1:].isdigit():
            return True
        near = [self.tokens[i][2].casefold() for i in (k - 1, k + 1) if 0 <= i < len(self.tokens)]
        return any(n in _MONTH_NAMES or n in _AMBIGUOUS for n in near)

    def token_at(self, pos: int) -> int | None:
        while pos < len(self.text) and self.text[pos] in " \t":
            pos += 1
        return self.index.get(pos)

    # ------------------------------------------------------------------ rules
    def titles(self) -> None:
        """``Dr. Jane Okafor``, ``mr. martin`` (the title is not part of the span)."""
        for m in _TITLE_RE.finditer(self.text):
            k = self.token_at(m.end())
            if k is not None:
                j = self.run(k, allow_lower=m.group("lower") is not None)
                if j > k:
                    self.add(k, j, self.o.SCORE_TITLE)

    def cues(self) -> None:
        """``my name is Nunzia``, ``call me Sandro``, ``Hi Torben,``, ``said Keiko``."""
        lowered = self.text.lower()
        if len(lowered) != len(self.text):  # rare characters change length when lowered
            lowered = self.text
        for m in _CUE_RE.finditer(lowered):
            k = self.index.get(m.end())
            if k is None:
                continue
            cue = " ".join(m.group("cue").casefold().split())
            s, e, w = self.tokens[k]
            key = w.casefold()
            if key in _NOT_SURNAME or self.plain_word(key) or _code_like(self.text, s, e):
                continue
            score, strong = self.o.SCORE_CUE, True
            if cue in _SELF_CUES:  # "my name is john", "call me philipp": any case
                if not (_is_cap(w) or w.islower()):
                    continue
            elif not _is_cap(w) and not (cue in _SPEECH_CUES and self.lowercase_text):
                continue
            elif cue in _SPEECH_CUES:
                score, strong = self.o.SCORE_SPEECH, False
            elif cue in _NAMING_CUES and key not in self.first and key not in self.last:
                continue  # "a class called Parser": only known names after called/named
            j = self.run(k, allow_lower=w.islower())
            if j > k and cue in _GREETING_CUES and not _ends_greeting(self.text, self.tokens[j - 1][1]):
                continue  # "Dear Hiring Manager": the greeting goes on with other words
            if j > k:
                self.add(k, j, score, strong=strong)

    def particles(self) -> None:
        """``the van Gijn novel``, ``von Neumann``: a surname particle before a capital."""
        for m in _SURNAME_PARTICLE_RE.finditer(self.text):
            if m.start() > 0 and self.text[m.start() - 1] not in " \t\n(\"'":
                continue
            k = self.index.get(m.end())
            start = self.index.get(m.start())
            if k is None or start is None or not _is_cap(self.tokens[k][2]):
                continue
            if start > 0 and _is_cap(self.tokens[start - 1][2]) and \
                    _only_space_between(self.text, self.tokens[start - 1][1], m.start()):
                continue  # "Ludwig van Beethoven" is handled as a full name
            j = self.run(k, allow_lower=False, max_words=2)
            if j > k:
                self.add(start, j, self.o.SCORE_PARTICLE)

    def speakers(self) -> None:
        """``Kalman: "Who are you?"`` / ``Jordan: "..."``: speaker labels of a transcript.

        Needs two or more different labels at line starts, at least one a known first name, and
        none a common word, place or header label (``Subject:``, ``Returns:``...).
        """
        labels: list[tuple[int, int]] = []
        for m in _SPEAKER_RE.finditer(self.text):
            k = self.index.get(m.start("name"))
            if k is None:
                return
            j = k
            while j < len(self.tokens) and self.tokens[j][1] <= m.end("name"):
                j += 1
            labels.append((k, j))
        if len({self.text[self.tokens[k][0]:self.tokens[j - 1][1]] for k, j in labels}) < 2:
            return
        words = [self.tokens[i][2] for k, j in labels for i in range(k, j)]
        for w in words:
            key = w.casefold()
            if key in _LABEL_WORDS or key in self.places or key in _NOT_SURNAME or \
                    (key in self.common and key not in self.first) or _inner_capital(w) or \
                    not (_is_cap(w) or self.lowercase_text):
                return
        if not any(w.casefold() in self.first for w in words):
            return
        for k, j in labels:
            self.add(k, j, self.o.SCORE_SPEAKER, strong=False)

    def vocatives(self) -> None:
        """``Don't go to town, Heather!``: a known first name addressed at the end of a sentence,
        even one that is also an English word."""
        for m in _VOCATIVE_RE.finditer(self.text):
            k = self.index.get(m.start("name"))
            if k is None:
                continue
            w = self.tokens[k][2]
            if _is_cap(w) and w.casefold() in self.first and w.casefold() not in self.places:
                self.add(k, k + 1, self.o.SCORE_FIRST, strong=False)

    def possessives(self) -> None:
        """``here's Zlata's address``, ``Sepi's email``: a word whose address/phone/family is
        meant is a person."""
        for m in _POSSESSIVE_RE.finditer(self.text):
            k = self.index.get(m.start("name"))
            if k is None:
                continue
            w = self.tokens[k][2]
            key = w.casefold()
            if not (_is_cap(w) or self.lowercase_text) or self.plain_word(key) or \
                    key in self.places or key in _NOT_SURNAME or _inner_capital(w) or \
                    self.ner_other(k):
                continue
            self.add(k, k + 1, self.o.SCORE_POSSESSIVE, strong=False)

    def known_names(self) -> None:
        """Full names starting with a known first name, and single known names."""
        o, text, tokens = self.o, self.text, self.tokens
        first, last = self.first, self.last
        for k, (s, e, w) in enumerate(tokens):
            key = w.casefold()
            if key not in first and key not in last:
                continue
            cap = _is_cap(w)
            nxt = k + 1 if k + 1 < len(tokens) and \
                _only_space_between(text, e, tokens[k + 1][0]) else None
            if cap and key in first and nxt is not None:
                j = self.run(nxt, allow_lower=False, lead=True)
                if j > nxt:
                    known = tokens[nxt][2].casefold() in last or tokens[j - 1][2].casefold() in last
                    if key not in self.common or known:
                        self.add(k, j, o.SCORE_FULL_KNOWN if known else o.SCORE_FULL,
                                 strong=not self.in_place(k, j), how="full")
                        continue
            if self.lowercase_text and key in first and key not in self.common and nxt is not None:
                other = tokens[nxt][2]
                okey = other.casefold()
                if other.islower() and len(okey) >= 3 and okey not in self.common and \
                        okey not in self.places:
                    self.add(k, nxt + 1, o.SCORE_LOWER_FULL if okey in last else o.SCORE_LOWER,
                             how="lower full")
                    continue
            if self.lowercase_text and key in first and key not in self.common and len(key) >= 4 \
                    and k not in self.used and key not in self.places:
                self.add(k, k + 1, o.SCORE_LOWER, strong=False, how="lower first")
                continue
            if k in self.used or not cap or key in self.common or _contraction_follows(text, e) \
                    or _code_like(text, s, e) or self.in_place(k, k + 1) or \
                    (key in _MONTH_NAMES and self.dateish(k)):
                continue
            if key in first:
                self.add(k, k + 1, o.SCORE_FIRST, strong=key not in self.places, how="first")
            elif key in last and len(key) >= 4 and key not in self.places and \
                    not _sentence_start(text, s):
                self.add(k, k + 1, o.SCORE_LAST, strong=False, how="last")

    def lists(self) -> None:
        """``Kovalev, Lee and Phillips``: words listed together with names already found.

        A two-item list needs one found name, a longer one two; items the NER tagged as a place,
        common words and known places are left alone.
        """
        tokens = self.tokens
        for m in _LIST_RE.finditer(self.text):
            k0 = bisect.bisect_left(self.starts, m.start())
            chain = []
            for k in range(k0, len(tokens)):
                if tokens[k][1] > m.end():
                    break
                if tokens[k][2].casefold() not in ("and", "or"):
                    chain.append(k)
            covered = [self.covered(k) for k in chain]
            if len(chain) < 2 or sum(covered) < (1 if len(chain) == 2 else 2):
                continue
            if not all(c or _is_cap(tokens[k][2]) or self.lowercase_text
                       for k, c in zip(chain, covered)):
                continue
            for k, c in zip(chain, covered):
                key = tokens[k][2].casefold()
                word = key in self.common and not (key in _AMBIGUOUS and key in self.first)
                if c or word or key in self.places or key in _NOT_SURNAME or \
                        len(key) < 3 or self.ner_place(k) or self.in_place(k, k + 1):
                    continue
                self.add(k, k + 1, self.o.SCORE_LIST, strong=False)

    def ner_other(self, k: int) -> bool:
        """spaCy labelled token ``k`` as a place or an organisation."""
        s, e, _ = self.tokens[k]
        return any(ent.label_ in _NON_PERSON_LABELS and ent.start_char < e and s < ent.end_char
                   for ent in self.ents)

    def ner_place(self, k: int) -> bool:
        """spaCy labelled token ``k`` as a place (it is then masked as a location anyway)."""
        s, e, _ = self.tokens[k]
        return any(ent.label_ in _PLACE_LABELS and ent.start_char < e and s < ent.end_char
                   for ent in self.ents)

    def covered(self, k: int) -> bool:
        """Token ``k`` lies inside a name found so far (ours or spaCy's)."""
        s, e, _ = self.tokens[k]
        if any(a <= s and e <= b for a, b in self.spans):
            return True
        return any(ent.label_ in _PERSON_LABELS and ent.start_char <= s and e <= ent.end_char
                   for ent in self.ents)

    def repeats(self) -> None:
        """Other capitalised occurrences of the parts of names already found (ours and spaCy's)."""
        parts: set[str] = set()
        for (s, e), (score, _, _) in self.spans.items():
            if score >= self.o.SCORE_FIRST:
                parts.update(m.group(0) for m in _WORD.finditer(self.text, s, e))
        for ent in self.ents:
            if ent.label_ in _PERSON_LABELS:
                parts.update(m.group(0) for m in _WORD.finditer(str(ent.text)))
        parts = {p for p in parts if len(p) >= 3 and _is_cap(p) and
                 p.casefold() not in self.common and p.casefold() not in _PARTICLES and
                 p.casefold() not in _NOT_SURNAME}
        if parts:
            for k, (s, e, w) in enumerate(self.tokens):
                if w in parts and not self.covered(k):
                    self.add(k, k + 1, self.o.SCORE_REPEAT, strong=False)

    def results(self) -> list[RecognizerResult]:
        """Spans as results; strong ones win over spaCy's place/organisation label on the same
        words (unless a word is a known place), so a name is replaced by a name."""
        out = []
        for (s, e), (score, strong, rule) in sorted(self.spans.items()):
            if strong and score < self.o.SCORE_OVER_NER and self._contested(s, e):
                score = self.o.SCORE_OVER_NER
            out.append(RecognizerResult(
                "PERSON", s, e, score,
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.o.name,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.o.id,
                                      "chatveil_rule": rule},
            ))
        return out

    def _contested(self, s: int, e: int) -> bool:
        """spaCy calls these words a place/organisation, and neither they nor its span are a
        known place ("El Salvador", "Costa Rica" stay places)."""
        rivals = [ent for ent in self.ents
                  if ent.label_ in _NON_PERSON_LABELS and ent.start_char < e and s < ent.end_char]
        if not rivals:
            return False
        texts = [self.text[s:e]] + [str(ent.text) for ent in rivals]
        return not any(
            t.casefold() in self.places or any(m.group(0).casefold() in self.places
                                                for m in _WORD.finditer(t))
            for t in texts
        )


class PersonNameRecognizer(EntityRecognizer):
    """Person names the small NER model misses, from Faker's first/last-name lists and cues.

    Rules, each with its own confidence:

    * a title and capitalised words: ``Dr. Jane Okafor`` (the title itself is not included);
    * a cue (``my name is``, ``call me``, ``named``, ``Hi``/``Dear``, ``said``) and a
      capitalised word, even one that is in no list;
    * a known first name followed by capitalised words (particles allowed): ``Tina Alexandrov``,
      ``Teresa de Vaan``; in all-lowercase text, a known first name and the next word;
    * a surname particle before a capital in running text: ``the van Gijn novel``;
    * a capitalised known first name on its own (``Georgina``), or a known last name on its own
      in mid-sentence (``Phillips``), unless it is a common English word (Will, May, Mark...);
    * a known first name addressed at the end of a sentence (``see you, Heather!``), and a word
      before ``'s address`` / ``'s phone`` / ``'s wife``... (``here's Zlata's address``);
    * a speaker label at the start of a line of a transcript (``Kalman: "Who are you?"``);
    * in all-lowercase text, a known first name on its own (``sara``);
    * capitalised words listed together with a found name (``Kovalev, Lee and Phillips``);
    * other capitalised occurrences, in the same text, of the parts of names already found by
      these rules or by spaCy's NER.

    When spaCy labels the same words as a place or organisation, the strong rules win (score
    0.9) unless a word is a known place (Faker's countries, US states, some city lists).
    """

    #: The rules in the order they run (later rules see the names earlier ones found).
    RULES = ("titles", "cues", "particles", "speakers", "vocatives", "possessives",
             "known_names", "lists", "repeats")

    SCORE_OVER_NER = 0.9
    SCORE_TITLE = 0.85
    SCORE_FULL_KNOWN = 0.85
    SCORE_CUE = 0.75
    SCORE_FULL = 0.7
    SCORE_FIRST = 0.6
    SCORE_LOWER_FULL = 0.6
    SCORE_PARTICLE = 0.6
    SCORE_REPEAT = 0.6
    SCORE_SPEECH = 0.5
    SCORE_LIST = 0.5
    SCORE_POSSESSIVE = 0.5
    SCORE_LOWER = 0.45
    SCORE_SPEAKER = 0.45
    SCORE_LAST = 0.45

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name="ChatveilPersonNameRecognizer")

    def load(self) -> None:
        """Read Faker's name lists now (when the analyzer is built), not on the first text."""
        _name_lists()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        if "PERSON" not in entities or not text:
            return []
        scan = _NameScan(self, text, nlp_artifacts)
        for rule in self.RULES:
            scan.rule = rule
            getattr(scan, rule)()
        return [r for r in scan.results()
                if text[r.start:r.end].casefold() not in _NOT_A_PERSON]


# ---------------------------------------------------------------------- known places
class KnownPlaceRecognizer(EntityRecognizer):
    """Countries, US states, UK counties and German/Dutch cities by name (Faker's address lists).

    The small NER model misses many one-word places, in lowercase text above all. A match must
    be capitalised (any case in all-lowercase text) and is never an English word ("Best",
    "Made" are Dutch towns); its score clears the guard's default LOCATION threshold (0.6).
    """

    SCORE = 0.65

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["LOCATION"], supported_language=supported_language,
                         name="ChatveilKnownPlaceRecognizer")

    def load(self) -> None:
        """Read Faker's address lists now (when the analyzer is built), not on the first text."""
        _gazetteer()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        if "LOCATION" not in entities or not text:
            return []
        places, longest = _gazetteer()
        lowercase_text = not any(ch.isupper() for ch in text)
        tokens = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)
                  if not _glued(text, m.start(), m.end())]
        results = []
        i = 0
        while i < len(tokens):
            s, _, w = tokens[i]
            most = longest.get(w.casefold())
            if most is None or not (_is_cap(w) or w.isupper() or lowercase_text):
                i += 1
                continue
            for n in range(min(most, len(tokens) - i), 0, -1):
                end = tokens[i + n - 1][1]
                value = text[s:end]
                if "\n" in value or " ".join(value.casefold().split()) not in places:
                    continue
                results.append(RecognizerResult(
                    "LOCATION", s, end, self.SCORE,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
                ))
                i += n
                break
            else:
                i += 1
        return results


# ---------------------------------------------------------------------- spaCy NER, filtered
#: Single words spaCy's small model tends to call a person in chat text that are not names.
_NOT_A_PERSON = _wordset("""
claude gemini alexa siri cortana copilot bard llama mistral grok java kotlin swift python rust
ruby perl julia scala haskell elixir pandas polars numpy django flask kubernetes docker
kafka redis postgres mongo spark airflow jenkins ansible terraform linux ubuntu debian jira
hi hello hey hiya dear thanks thank cheers regards bye goodbye yes no ok okay sure please sorry
welcome morning evening afternoon
""")


class FilteredSpacyRecognizer(SpacyRecognizer):
    """Presidio's spaCy NER recognizer minus the small model's typical false persons in chat.

    Drops PERSON results that are a single word and are: an acronym (``RAG``, ``API``); a
    common English word that is no known first or last name (``Email``); a word at the start of
    a sentence used as a verb (``Bill the client``, ``Convert this JSON``); or the name of an
    assistant, language or tool (``Claude``, ``Java``, ``Swift``). Also drops multi-word
    "persons" ending in a street, place or company word (``Victoria Station``, ``Acme Inc``).
    Also drops one-word "places" that are products in technical chat (``Windows``, ``Netflix``).
    Every other entity type passes unchanged.
    """

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
        results = super().analyze(text, entities, nlp_artifacts)
        for r in results:
            if r.entity_type == "PERSON":
                _drop_leading_verb(text, r)
        return [r for r in results if not _false_person(text, r) and not _false_place(text, r)]


_LEADING_VERBS = _wordset("""
call email mail ask tell message text ping contact invite thank meet see remind send ring cc
""")


def _drop_leading_verb(text: str, result: RecognizerResult) -> None:
    """"Call Bob" -> "Bob": an imperative opening the sentence is not part of the name."""
    words = text[result.start:result.end].split(" ")
    if len(words) > 1 and words[0].casefold() in _LEADING_VERBS and _sentence_start(
            text, result.start):
        result.start += len(words[0]) + 1


#: Products and services the small model takes for places in technical chat.
_NOT_A_PLACE = _wordset("""
windows linux ubuntu debian macos android ios netflix spotify youtube slack zoom teams github
gitlab jira confluence excel outlook gmail azure aws heroku vercel node
""")


def _false_place(text: str, result: RecognizerResult) -> bool:
    return (result.entity_type == "LOCATION"
            and text[result.start:result.end].strip().casefold() in _NOT_A_PLACE)


def _false_person(text: str, result: RecognizerResult) -> bool:
    if result.entity_type != "PERSON":
        return False
    value = text[result.start:result.end].strip()
    if not value:
        return False
    if any(ch.isspace() for ch in value):  # "Victoria Station", "Acme Inc": not a person
        return value.split()[-1].casefold().rstrip(".") in _NOT_SURNAME
    word = value.rstrip(".,;:!?'’s") if value.endswith(("'s", "’s")) else value
    if word.isupper() and len(word) <= 6:
        return True
    first, last, common, _ = _name_lists()
    key = word.casefold()
    if key in _NOT_A_PERSON:
        return True
    if key in common and key not in first and key not in last:
        return True
    if _sentence_start(text, result.start):
        nxt = text[result.end:result.end + 12].lstrip(" \t")
        if key in _AMBIGUOUS:  # "Bill the client", "Mark: done"
            return nxt[:1].islower() or nxt[:1] == ":"
        if key not in first:  # "Convert this JSON", "Email me": an imperative verb
            following = nxt.split(" ", 1)[0].casefold()
            return following in _DETERMINERS
    return False


_DETERMINERS = _wordset("the this that these those a an my your our their his her its it me us "
                        "them him all some every each")


# ---------------------------------------------------------------------- registry
def default_recognizers(language: str = "en") -> list[EntityRecognizer]:
    """Every recognizer a guard runs by default (only those of requested entities execute)."""
    from presidio_analyzer.predefined_recognizers import (
        EmailRecognizer,
        IpRecognizer,
        UrlRecognizer,
        UsSsnRecognizer,
    )

    return [
        FilteredSpacyRecognizer(supported_language=language),
        EmailRecognizer(supported_language=language),
        IbanCodeRecognizer(supported_language=language),
        IpRecognizer(supported_language=language),
        UsSsnRecognizer(supported_language=language),
        UsSsnContextRecognizer(supported_language=language),
        UrlRecognizer(supported_language=language),
        CardNumberRecognizer(supported_language=language),
        InternationalPhoneRecognizer(supported_language=language),
        ApiKeyRecognizer(supported_language=language),
        StreetAddressRecognizer(supported_language=language),
        PersonNameRecognizer(supported_language=language),
        KnownPlaceRecognizer(supported_language=language),
    ]
