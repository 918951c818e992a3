"""Places by name."""

from __future__ import annotations

from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from chatveil.detect.recognizers._common import is_cap, unglued_tokens
from chatveil.detect.recognizers._lexicon import english_dictionary, gazetteer, sure_places
from chatveil.detect.recognizers._shape import technical_span


# ---------------------------------------------------------------------- known places
class KnownPlaceRecognizer(EntityRecognizer):
    """Countries, US states, UK counties and German/Dutch cities by name (Faker's address lists).

    The small NER model misses many one-word places, in lowercase text above all. A match must
    be capitalised (any case in all-lowercase text) and is never an English word ("Best",
    "Made" are Dutch towns); in text of one casing not even one of the larger dictionary
    ("i lent my car": Lent is a Dutch town), unless it is a country or a state. Its score
    clears the guard's default LOCATION threshold (0.6).
    """

    name: str  # set by EntityRecognizer.__init__

    SCORE = 0.65

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["LOCATION"], supported_language=supported_language,
                         name="ChatveilKnownPlaceRecognizer")

    def load(self) -> None:
        """Read Faker's address lists now (when the analyzer is built), not on the first text."""
        gazetteer()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        if "LOCATION" not in entities or not text:
            return []
        places, longest = gazetteer()
        lowercase_text = not any(ch.isupper() for ch in text)
        # one casing only: a dictionary word there may be no place ("i lent", "I LENT")
        one_case = lowercase_text or not any(ch.islower() for ch in text)
        tokens = unglued_tokens(text)
        results = []
        i = 0
        while i < len(tokens):
            s, _, w = tokens[i]
            most = longest.get(w.casefold())
            if most is None or not (is_cap(w) or w.isupper() or lowercase_text):
                i += 1
                continue
            for n in range(min(most, len(tokens) - i), 0, -1):
                end = tokens[i + n - 1][1]
                value = text[s:end]
                key = " ".join(value.casefold().split())
                if "\n" in value or key not in places:
                    continue
                if one_case and n == 1 and key in english_dictionary() and \
                        key not in sure_places():
                    i += 1
                    break
                if technical_span(text, s, end):
                    i += n
                    break
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
