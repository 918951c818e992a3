"""Fast regex/checksum recognizers that Presidio does not ship in the form we need.

They are plain Presidio ``PatternRecognizer`` subclasses, so they run inside the
``AnalyzerEngine`` like any predefined recognizer. Each pattern carries a confidence that
reflects its false-positive risk (seed 004).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer

__all__ = [
    "ApiKeyRecognizer",
    "default_recognizers",
    "CardNumberRecognizer",
    "InternationalPhoneRecognizer",
    "StreetAddressRecognizer",
    "luhn_valid",
]


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


class CardNumberRecognizer(PatternRecognizer):
    """Payment card numbers: 13–19 digits in any grouping of spaces or dashes, Luhn-checked."""

    PATTERNS = [
        Pattern("card (grouped)", r"(?<![\w\-])\d{1,6}(?:[ \-]\d{1,6}){1,6}(?![\w\-])", 0.85),
        Pattern("card (plain)", r"(?<![\w\-])\d{13,19}(?![\w\-])", 0.85),
    ]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="CREDIT_CARD",
            patterns=self.PATTERNS,
            context=["card", "credit", "visa", "mastercard", "amex", "debit", "payment"],
            supported_language=supported_language,
            name="ChatveilCardNumberRecognizer",
        )

    def validate_result(self, pattern_text: str) -> bool:
        digits = re.sub(r"[ \-]", "", pattern_text)
        if not 13 <= len(digits) <= 19 or not digits.isdigit() or len(set(digits)) == 1:
            return False
        return luhn_valid(digits)


class InternationalPhoneRecognizer(PatternRecognizer):
    """Phone numbers in the common written layouts, international ``+CC`` / ``00CC`` included."""

    PATTERNS = [
        # +44 20 7946 0958, +1 (555) 123-4567, 0049-30-1234567, 001-668-040-8670x1711
        Pattern(
            "international",
            r"(?<![\w+])(?:\+|00)\d{1,3}[\s.\-]?(?:\(\d{1,4}\)[\s.\-]?)?\d{1,5}(?:[\s.\-]\d{1,5}){0,4}"
            r"(?:\s?(?:x|ext\.?)\s?\d{1,6})?(?![\w])",
            0.7,
        ),
        # (555) 123-4567, 555-123-4567, 555.123.4567 with optional extension
        Pattern(
            "north american",
            r"(?<![\w\-.])(?:\(\d{3}\)\s?|\d{3}[\-.\s])\d{3}[\-.\s]\d{4}"
            r"(?:\s?(?:x|ext\.?)\s?\d{1,6})?(?![\w\-])",
            0.65,
        ),
    ]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="PHONE_NUMBER",
            patterns=self.PATTERNS,
            context=["phone", "call", "mobile", "cell", "tel", "telephone", "number", "fax"],
            supported_language=supported_language,
            name="ChatveilPhoneRecognizer",
        )

    def validate_result(self, pattern_text: str) -> bool:
        main = re.split(r"x|ext", pattern_text, maxsplit=1)[0]
        digits = sum(ch.isdigit() for ch in main)
        return 7 <= digits <= 15


class ApiKeyRecognizer(PatternRecognizer):
    """API keys, bearer tokens and other credentials with a recognisable shape."""

    PATTERNS = [
        Pattern("bearer", r"(?<=\bBearer\s)[A-Za-z0-9\-._~+/]{16,}=*", 0.9),
        Pattern("openai/stripe style", r"\b(?:sk|pk|rk)[-_](?:live_|test_|proj-)?[A-Za-z0-9_\-]{16,}",
                0.9),
        Pattern("github", r"\bgh[pousr]_[A-Za-z0-9]{30,}\b", 0.95),
        Pattern("aws access key", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", 0.9),
        Pattern("slack", r"\bxox[abprs]-[A-Za-z0-9\-]{10,}", 0.9),
        Pattern("google", r"\bAIza[0-9A-Za-z\-_]{35}\b", 0.9),
        Pattern("jwt", r"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}", 0.9),
    ]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="API_KEY",
            patterns=self.PATTERNS,
            supported_language=supported_language,
            name="ChatveilApiKeyRecognizer",
        )


_STREET_TYPES = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    "Terrace|Ter|Circle|Cir|Parkway|Pkwy|Square|Sq|Highway|Hwy|Trail|Crescent|Close|Row|Alley|"
    "Strasse|Straße|Straat|Plaza|Heights|Hill|Gardens|Grove|Walk"
)


class StreetAddressRecognizer(PatternRecognizer):
    """Street addresses such as ``221B Baker Street`` or ``12 Rue ...``-style lines with a number."""

    PATTERNS = [
        Pattern(
            "number + name + street type",
            r"\b\d{1,6}[A-Za-z]?\s+(?:[A-Z][\w'\-]*\.?\s+){1,4}(?:" + _STREET_TYPES + r")\b\.?"
            r"(?:,?\s+(?:Apt|Apartment|Suite|Unit|Flat|#)\.?\s*[\w\-]+)?",
            0.7,
        ),
    ]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="STREET_ADDRESS",
            patterns=self.PATTERNS,
            context=["address", "live", "street", "home", "ship", "mail"],
            supported_language=supported_language,
            name="ChatveilStreetAddressRecognizer",
        )


def default_recognizers(language: str = "en") -> list[EntityRecognizer]:
    """Every recognizer a guard runs by default (only those of requested entities execute)."""
    from presidio_analyzer.predefined_recognizers import (
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
        SpacyRecognizer,
        UrlRecognizer,
        UsSsnRecognizer,
    )

    return [
        SpacyRecognizer(supported_language=language),
        EmailRecognizer(supported_language=language),
        IbanRecognizer(supported_language=language),
        IpRecognizer(supported_language=language),
        UsSsnRecognizer(supported_language=language),
        UrlRecognizer(supported_language=language),
        CardNumberRecognizer(supported_language=language),
        InternationalPhoneRecognizer(supported_language=language),
        ApiKeyRecognizer(supported_language=language),
        StreetAddressRecognizer(supported_language=language),
    ]
