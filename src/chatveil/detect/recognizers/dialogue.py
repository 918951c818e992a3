"""The answer to a question for someone's name in a pasted transcript:

    Bot: Hi! What's your name?
    Visitor: birgit

The next line after a line that asks for a name ("what's your name", "may I have your full
name", "who am I speaking with") answers it; when that line holds only one to three words
after its speaker label ("Visitor:", "Customer:", "Me:"), or alone, those words are a name,
whatever their casing, unless they say no ("no", "why?", "prefer not to say").
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from presidio_analyzer import RecognizerResult

from chatveil.detect.recognizers._common import PersonRuleRecognizer, lines_with_offsets, wordset

__all__ = ["NameAnswerRecognizer"]

_ASKS = re.compile(
    r"(?i)\b(?:what(?:'s|’s|s| is) (?:your|ur) (?:full |first |last )?name|"
    r"(?:may|can|could) i (?:have|get|take) (?:your|ur) (?:full |first |last )?name|"
    r"(?:your|ur) (?:full |first )?name,? please|who (?:am i|are we) (?:speaking|talking) "
    r"(?:with|to)|(?:whom|who) do i have the pleasure)\b[^\n]*$")
#: The answering line: an optional speaker label, then one to three words.
_ANSWER = re.compile(
    r"[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?:[^\W\d_][\w .'\-]{0,24}:[ \t]*)?"
    r"(?:(?:it'?s|i'?m|i am|my name is|this is|name'?s)[ \t]+)?"
    r"([^\W\d_][\w'’\-]*(?:[ \t]+[^\W\d_][\w'’\-]*){0,2})[ \t.!]*$",
    re.IGNORECASE)
_REFUSALS = wordset("""
no nope why what who nah none anonymous prefer not skip pass later hello hi hey ok okay yes
""")


class NameAnswerRecognizer(PersonRuleRecognizer):
    """PERSON for the words answering a question for a name (see the module docstring)."""

    SCORE = 0.65

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        if "PERSON" not in entities or ("name" not in text.casefold() and \
                "speaking" not in text.casefold()):
            return []
        results: list[RecognizerResult] = []
        lines = lines_with_offsets(text)
        for (_, line), (nxt_start, nxt) in itertools.pairwise(lines):
            if _ASKS.search(line):
                m = _ANSWER.match(nxt)
                if m is not None and not any(
                        w.casefold() in _REFUSALS for w in m.group(1).split()):
                    results.append(self.person(nxt_start + m.start(1), nxt_start + m.end(1)))
        return results
