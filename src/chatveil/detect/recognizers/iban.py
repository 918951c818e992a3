"""IBANs."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from chatveil._checksums import iban_mod97_valid

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
    return iban_mod97_valid(s)


class IbanCodeRecognizer(EntityRecognizer):
    """IBANs in any case and any grouping (spaces or dashes), checked by country length and mod 97.

    A candidate is a country code and two check digits followed by letters/digits that may be
    separated by single spaces or dashes; the longest prefix of the right length for that country
    that passes the checksum wins, so trailing words are never swallowed.
    """

    name: str  # set by EntityRecognizer.__init__

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
