"""US social security numbers."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import Pattern, RecognizerResult

from chatveil.detect.recognizers._common import (
    OwnFlagsPatternRecognizer,
    boost,
    context_regex,
)


# ---------------------------------------------------------------------- US SSN
class UsSsnContextRecognizer(OwnFlagsPatternRecognizer):
    """US social security numbers in ``123-45-6789`` / ``123 45 6789`` layout, or any 9-digit
    grouping when "SSN" / "social security" is written nearby. Invalid areas (000, 666, 9xx),
    groups of zeros and well-known sample numbers are rejected.
    """

    PATTERNS = (
        Pattern("ssn (dashed/spaced)", r"(?<![\w\-])\d{3}([ \-])\d{2}\1\d{4}(?![\w]|[\-]\d)", 0.5),
        Pattern("ssn (any grouping)",
                r"(?<![\w\-.])\d{3}[ \-.]?\d{2}[ \-.]?\d{4}(?![\w]|[\-.]\d)", 0.05),
    )
    _BEFORE = context_regex(["ssn", "ssns", "social security", "social-security", "ss#", "ss #",
                              "ssn#", "tin", "taxpayer"])

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="US_SSN", patterns=list(self.PATTERNS),
            supported_language=supported_language, name="ChatveilUsSsnRecognizer",
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return boost(results, text, self._BEFORE, None, by=0.4, floor=0.75)

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
