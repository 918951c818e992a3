"""A name that signs a message off on its last line after a dash or a tilde: "- can",
"~Long", "— Ama K.", "— Efua, residents' committee". A word standing there alone is the
writer's name, an English word too ("- Hope"); several must hold one that is no English word.
Closing formulas ("- thanks", "-- Sent from my phone") and the items of a list (the line
before starts with the same mark or ends with ":") name no one.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from chatveil.detect.recognizers._common import PersonRuleRecognizer, wordset
from chatveil.detect.recognizers._lexicon import english_dictionary, world_names
from chatveil.detect.recognizers._shape import technical_word

__all__ = ["SignOffRecognizer"]

#: The last line: a dash or tilde, then one to three words (an initial may end with "."),
#: perhaps a role after a comma ("— Efua, residents' committee"), perhaps the closing quote
#: of a quoted message.
_LAST_LINE = re.compile(
    r"(?:\A|\n)([ \t]*([-~\u2013\u2014])[ \t]*)"
    r"([^\W\d_][\w'\u2019\-]*(?:\.?[ \t]+[^\W\d_][\w'\u2019\-]*){0,2}\.?)"
    r"(?P<role>,[ \t]*[^\n,\"”]{2,60})?[ \t]*[\"”']?\s*\Z")
#: Words of closing formulas and sign-off lines that name no one.
_CLOSINGS = wordset("""
thanks thank thx ty cheers regards best love xoxo xx bye later ttyl sent from my the a an
me myself us team everyone all anonymous admin support management staff
""")


class SignOffRecognizer(PersonRuleRecognizer):
    """PERSON for the words that sign a message off after a dash or tilde (module docstring)."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        if "PERSON" not in entities or "\n" not in text.strip():
            return []
        m = _LAST_LINE.search(text)
        if m is None:
            return []
        before = text[:m.start(1)].rstrip().rsplit("\n", 1)[-1].strip()
        if before.startswith(m.group(2)) or before.endswith(":"):
            return []  # the last item of a list ("Next steps:\n- deploy")
        if m["role"] and not m.group(3)[:1].isupper():
            return []  # with a role after it, the name is capitalised ("- deploy, then test")
        words = [w.casefold() for w in re.findall(r"[^\W\d_]+", m.group(3))]
        if any(w in _CLOSINGS or technical_word(w, sure=True) for w in words):
            return []
        english = english_dictionary()
        first, last = world_names()
        if len(words) > 1 and all(w in english and w not in first and w not in last
                                  for w in words):
            return []  # "- deploy tomorrow"; one word may be a name that is a word ("- Hope")
        start, end = m.start(3), m.end(3)
        return [self.person(start, end)]
