"""Payment card numbers."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import Pattern, RecognizerResult

from chatveil.detect.recognizers._common import (
    OwnFlagsPatternRecognizer,
    context_regex,
    luhn_valid,
    near,
)

#: Maestro / debit ranges that issue 12-digit numbers (5018, 5020, 5038, 5893, 6304, 6759...).
_TWELVE_DIGIT_PREFIXES = ("50", "56", "57", "58", "60", "63", "67", "68", "69", "0604")
_CARD_BEFORE = context_regex([
    "card", "cards", "credit", "debit", "maestro", "visa", "mastercard", "amex", "cc", "pan",
    "kreditkarte", "carte", "tarjeta", "carta", "payment", "pay", "paid", "charge", "charged",
])


# ---------------------------------------------------------------------- payment cards
class CardNumberRecognizer(OwnFlagsPatternRecognizer):
    """Payment card numbers: 12–19 digits, plain or grouped by one kind of separator (space,
    dash or dot), Luhn-checked.

    13-digit numbers only count when they start with 4 (the only 13-digit card range), which
    keeps millisecond timestamps and similar counters out. 12-digit numbers (Maestro) only
    count in Maestro ranges and, written without groups, next to a card word.
    """

    PATTERNS = (
        # 4111 1111 1111 1111, 4111-1111-1111-1111, 4111.1111.1111.1111, 3782 822463 10005
        Pattern("card (grouped)",
                r"(?<![\w\-.])\d{4,6}([ \-.])\d{4,6}(?:\1\d{1,6}){1,3}(?!\w|[\-.]\w|\1\d)", 0.85),
        Pattern("card (plain)", r"(?<![\w\-.])\d{12,19}(?![\w]|[\-.]\d)", 0.85),
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="CREDIT_CARD",
            patterns=list(self.PATTERNS),
            supported_language=supported_language,
            name="ChatveilCardNumberRecognizer",
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            value = text[r.start : r.end]
            if value.isdigit() and r.score >= 1.0 and not near(
                    text, r.start, r.end, _CARD_BEFORE, None):
                r.score = 0.8  # one run of digits: a national ID named nearby may claim it
            if sum(ch.isdigit() for ch in value) == 12:  # Maestro: grouped, or with a cue
                if near(text, r.start, r.end, _CARD_BEFORE, None):
                    r.score = 0.85
                else:
                    r.score = 0.3 if value.isdigit() else 0.5
        return results

    def validate_result(self, pattern_text: str) -> bool:
        digits = re.sub(r"[ \-.]", "", pattern_text)
        if not 12 <= len(digits) <= 19 or not digits.isdigit() or len(set(digits)) == 1:
            return False
        if len(digits) == 13 and digits[0] != "4":
            return False
        if len(digits) == 12 and not digits.startswith(_TWELVE_DIGIT_PREFIXES):
            return False
        return luhn_valid(digits)
