"""Names in the airline form ``SURNAME/GIVEN NAMES TITLE``: ``LAU/CHAK LAM MR``,
``DELA CRUZ/LOVELY MRS``, ``Okafor/Chidi Mr``.

Tickets, booking confirmations and boarding passes write a passenger's family name, a slash,
the given names and a title. People paste them into chat to plan a trip or ask about a
booking. The title after the given names is what tells such a name from codes joined by a
slash ("SFO/LAX", "A/C"), so it is required; the name is as long as the airline wrote it,
family name and given names, each part of one to three capitalised words of two letters or
more.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from chatveil.detect.recognizers._common import PersonRuleRecognizer

__all__ = ["PassengerNameRecognizer"]

_PART = r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"
_NAME = (r"(?<![\w/])(?P<name>" + _PART + r"(?:[ \t]" + _PART + r"){0,2}/" + _PART +
         r"(?:[ \t]" + _PART + r"){0,2}?)")
#: The title airlines append to the given names (also glued: "MINHMR" is not read).
_PASSENGER = re.compile(
    _NAME + r"[ \t]+(?:MRS|MR|MS|MISS|MSTR|DR|PROF|Mrs|Mr|Ms|Miss|Mstr|Dr|Prof)\.?(?![\w/])")


_WORD = re.compile(r"[^\W\d_]+")


class PassengerNameRecognizer(PersonRuleRecognizer):
    """PERSON for ``SURNAME/GIVEN TITLE`` names of tickets and bookings (module docstring)."""

    SCORE = 0.85

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        if "PERSON" not in entities or "/" not in text:
            return []
        out = []
        for m in _PASSENGER.finditer(text):
            words = list(_WORD.finditer(text, *m.span("name")))
            slash = text.index("/", m.start("name"))
            while words and words[0].end() < slash and not words[0].group(0)[0].isupper():
                del words[0]  # words before the family name: "ticket for Oyelaran/Tunde Mr"
            if words and words[0].end() <= slash and \
                    all(len(w.group(0)) >= 2 and w.group(0)[0].isupper() for w in words):
                out.append(self.person(words[0].start(), m.end("name")))
        return out
