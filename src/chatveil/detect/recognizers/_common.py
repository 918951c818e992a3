"""Helpers shared by the recognizers: checksums, context words, the own-flags base, the base
of the structure rules for persons, text tests."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from presidio_analyzer import EntityRecognizer, PatternRecognizer, RecognizerResult

from chatveil._checksums import luhn_valid

__all__ = [
    "NAME_WORD",
    "WORD",
    "OwnFlagsPatternRecognizer",
    "PersonRuleRecognizer",
    "boost",
    "context_regex",
    "glued",
    "is_cap",
    "lines_with_offsets",
    "luhn_valid",
    "near",
    "phrases",
    "result_pieces",
    "sentence_start",
    "unglued_tokens",
    "word_tokens",
    "wordset",
]


class PersonRuleRecognizer(EntityRecognizer):
    """Base of the rules that find a person from the structure around a value (a table
    column, a file name, a sign-off, an answer): PERSON only, nothing to load, one score."""

    name: str  # set by EntityRecognizer.__init__

    SCORE = 0.6

    def __init__(self, supported_language: str = "en", name: str | None = None) -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name=name or f"Chatveil{type(self).__name__}")

    def load(self) -> None:
        """Nothing to load: the word lists are shared with the other name recognizers."""

    def person(self, start: int, end: int, score: float | None = None) -> RecognizerResult:
        """A PERSON result over ``start:end``, named after this recognizer."""
        return RecognizerResult(
            "PERSON", start, end, self.SCORE if score is None else score,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})


# ---------------------------------------------------------------------- helpers
def result_pieces(text: str, r: RecognizerResult, pieces: Iterable[tuple[int, int]]
                  ) -> list[RecognizerResult]:
    """``r`` cut into ``pieces`` (offsets into ``text``), the blank ones left out."""
    return [RecognizerResult(r.entity_type, a, b, r.score, r.analysis_explanation,
                             r.recognition_metadata)
            for a, b in pieces if text[a:b].strip()]


def wordset(words: str) -> frozenset[str]:
    """The whitespace-separated words of ``words`` (lists below are easier to read that way)."""
    return frozenset(words.split())


def phrases(text: str) -> frozenset[str]:
    """The comma-separated phrases of ``text``, each with single spaces ("full name")."""
    return frozenset(" ".join(p.split()) for p in text.split(",") if p.strip())


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """The lines of ``text`` (split at ``\\n``) with the offset each starts at."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def context_regex(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)


def near(text: str, start: int, end: int, before: re.Pattern[str] | None,
          after: re.Pattern[str] | None, window_before: int = 48, window_after: int = 20) -> bool:
    """True if a context word occurs shortly before ``start`` or shortly after ``end``."""
    if before is not None and before.search(text, max(0, start - window_before), start):
        return True
    return after is not None and after.search(text, end, end + window_after) is not None


def boost(results: list[RecognizerResult], text: str, before: re.Pattern[str] | None,
           after: re.Pattern[str] | None, by: float, floor: float) -> list[RecognizerResult]:
    for r in results:
        if r.score < 1.0 and near(text, r.start, r.end, before, after):
            r.score = min(0.95, max(r.score + by, floor))
    return results


class OwnFlagsPatternRecognizer(PatternRecognizer):
    """A pattern recognizer whose regexes always run case-sensitively (DOTALL | MULTILINE).

    The patterns rely on case (``Suite 12``, ``CA 94105``, ``AKIA...``), so the flags an
    analyzer passes for the request (Presidio's default adds IGNORECASE) are not used.
    """

    FLAGS = re.DOTALL | re.MULTILINE

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        return super().analyze(text, entities, nlp_artifacts, self.FLAGS)




# ---------------------------------------------------------------------- text tests
NAME_WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]{2,})*"
WORD = re.compile(NAME_WORD)
#: A word with a contraction's ending ("they're", "it's", "we'll"); group 1 its head.
CONTRACTED = re.compile(r"([^\W\d_]+)['’](?:re|s|ll|ve|d|t|m)")
_PRONOUNS = wordset("i you we they he she it that there here who what where let")


def contraction(word: str) -> bool:
    """A pronoun's contraction ("i'll", "we're", "she'd", "that's"): never part of a name,
    unlike D'Souza or O'Neil."""
    m = CONTRACTED.fullmatch(word)
    return m is not None and m.group(1).casefold() in _PRONOUNS


def is_cap(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in ".!?\n\r:;\"'“”(>*#-•[|"



def glued(text: str, start: int, end: int) -> bool:
    """A word stuck to digits or underscores (``Ann1``, ``my_var``): part of an identifier."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before.isdigit() or before == "_" or after.isdigit() or after == "_"


@functools.lru_cache(maxsize=2)
def word_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """The :data:`WORD` tokens of ``text`` as (start, end, word), found once for all the
    recognizers that read the same text (the last two texts are kept)."""
    return tuple((m.start(), m.end(), m.group(0)) for m in WORD.finditer(text))


@functools.lru_cache(maxsize=2)
def unglued_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """:func:`word_tokens` of ``text`` without those :func:`glued` to an identifier."""
    return tuple(t for t in word_tokens(text) if not glued(text, t[0], t[1]))
