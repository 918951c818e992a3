"""Payment card numbers."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from chatveil.detect.recognizers._common import OwnFlagsPatternRecognizer, luhn_valid


# ---------------------------------------------------------------------- payment cards
class CardNumberRecognizer(OwnFlagsPatternRecognizer):
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
