"""chatveil's trained names-and-places NER (:mod:`.trained_ner`), filtered.

By default the detector runs it on every line of texts up to
``GuardConfig.trained_ner_max_chars`` (20,000 characters): it finds names of many origins in
any casing, in kinds of messages no rule was written for (see ``docs/detection_quality.md``).
``every_line=False`` reads only the lines typed all in lower or upper case.

The small model also takes product and library names for people or places, and runs words
together, so its results pass the same filters as every other person/place recognizer (no
technical spans, ``_shape.technical_span``; no span made only of English words, "grace
period") and its own: a span is cut at a character no name is written with (URLs, paths),
at a lower-case English verb between names ("John Carter got Maria"), and loses an English
word at its end ("with oluwaseun downstairs"); a firm ("... Ltd") or a span beside a slash
("LHR/JFK") is dropped; a "place" made only of name words and no known place is a person.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from chatveil.detect.recognizers._common import WORD, result_pieces
from chatveil.detect.recognizers._lexicon import (
    TECH_TERMS,
    english_dictionary,
    world_names,
    world_places,
)
from chatveil.detect.recognizers._shape import (
    line_cases,
    place_not_person,
    technical_span,
    without_mixed_in,
)
from chatveil.detect.recognizers.evidence import EDGE_VERBS, ORG_SUFFIXES
from chatveil.detect.recognizers.names import PARTICLES
from chatveil.detect.recognizers.trained_ner import TrainedNerRecognizer

__all__ = ["FilteredTrainedNerRecognizer"]


class FilteredTrainedNerRecognizer(TrainedNerRecognizer):
    """:class:`~.trained_ner.TrainedNerRecognizer` through the filters above, on every line
    (as the detector runs it by default) or on the all-lower / all-upper lines only.

    Args:
        every_line: read every line, not only the all-lower / all-upper ones.
        **kwargs: passed to :class:`~.trained_ner.TrainedNerRecognizer`.
    """

    def __init__(self, *args: Any, every_line: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.every_line = every_line

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for start, end in self._blocks(text):
            for r in super().analyze(text[start:end], entities, nlp_artifacts):
                r.start += start
                r.end += start
                results.append(r)
        english = english_dictionary()
        first, last = world_names()
        kept = []
        for r in [piece for found in results for listed in _split_in_lists(text, found)
                  for cut in _split_at_mixed_in(text, listed)
                  for piece in _split_at_verbs(text, cut, english, first, last)]:
            # "…/search?name=Maria" is one token to the model: a name is what follows the
            # last character no name is written with
            for m in _NOT_IN_NAMES.finditer(text, r.start, r.end):
                r.start = m.end()
            # "says chidinma eze", "burkina faso now": English words at the edges that are
            # no names are not part of the span
            words_at = list(WORD.finditer(text, r.start, r.end))
            while words_at and _edge_word(words_at[0].group(0), first, last, _LEADING):
                words_at.pop(0)
            while words_at and _edge_word(words_at[-1].group(0), first, last, STOP_WORDS):
                words_at.pop()
            # "with oluwaseun downstairs", "dilnoza came back": a last word that is English
            # and in no name list ends the sentence, not the name
            while len(words_at) > 1 and _listed_not_name(words_at[-1].group(0), english,
                                                          first, last):
                words_at.pop()
            if not words_at:
                continue
            r.start, r.end = words_at[0].start(), words_at[-1].end()
            if technical_span(text, r.start, r.end) or _code_beside_slash(text, r.start, r.end):
                # "LHR/JFK", "BTC/USDT": codes (the rules read the "SURNAME/GIVEN" form);
                # "Matthias/Arnel/Bezawit" are people
                continue
            words = [w.casefold() for w in WORD.findall(text, r.start, r.end)]
            if words and all(w in english for w in words) and not (
                    _capitalised_inside_a_sentence(text, r.start, r.end)
                    and all((w in first or w in last) and w not in TECH_TERMS for w in words)):
                # "Hope this helps", "violet and lily": English words are names only where
                # the writer capitalised them inside a sentence and a name list holds them
                # ("tell Jun that Princess paid", "I asked Blessing to")
                continue
            after = WORD.search(text, r.end)
            if words[-1] in ORG_SUFFIXES or (after is not None and after.start() - r.end <= 2
                                             and after.group(0).casefold() in ORG_SUFFIXES):
                continue  # "Northwind Traders Ltd": a firm
            if r.entity_type == "PERSON" and place_not_person(text, r.start, r.end):
                r.entity_type = "LOCATION"
                r.score = self._scores["LOCATION"]
            elif r.entity_type == "LOCATION" and all(w in first or w in last for w in words) \
                    and " ".join(words) not in world_places()[0]:
                # "Roster: Kowalczyk, Agnieszka", "Yusra (Memon)": name words, no place
                r.entity_type = "PERSON"
                r.score = self._scores["PERSON"]
            kept.append(r)
        return kept

    def _blocks(self, text: str) -> list[tuple[int, int]]:
        """Runs of consecutive lines the model reads, as (start, end) offsets."""
        if self.every_line:
            return [(0, len(text))] if text.strip() else []
        cases = line_cases(text)
        blocks: list[tuple[int, int]] = []
        ends = [*cases.starts[1:], len(text) + 1]
        for start, end, case in zip(cases.starts, ends, cases.cases, strict=True):
            if case == "mixed" or not text[start:end - 1].strip():
                continue
            if blocks and blocks[-1][1] + 1 == start:
                blocks[-1] = (blocks[-1][0], end - 1)
            else:
                blocks.append((start, end - 1))
        return blocks


#: Characters of URLs, paths, addresses and identifiers, never of a name.
_NOT_IN_NAMES = re.compile(r"[/@=?&:_#%\\0-9]+")

#: Function words that may open a span of the model but never a name ("from lagos").
_LEADING = frozenset([
    "the", "a", "an", "to", "from", "with", "and", "or", "for", "of", "in", "on", "at", "by",
    "my", "your", "his", "her", "our", "their", "hi", "hey", "dear", "so", "ok",
])


_LIST_BEFORE = re.compile(r",[ \t]*$")
_LIST_AFTER = re.compile(r"[ \t]*(?:,[ \t]*[^\W\d_]|&|\band\b|\bor\b)")


def _split_in_lists(text: str, r: RecognizerResult) -> list[RecognizerResult]:
    """``r`` cut at its commas when it stands in a list ("me, Bao, Hye-jin and Omolara"):
    there a comma parts two people, not a family name from its given name."""
    if "," not in text[r.start:r.end] or not (
            _LIST_BEFORE.search(text, 0, r.start) or _LIST_AFTER.match(text, r.end)):
        return [r]
    pieces, start = [], r.start
    for m in re.finditer(r",\s*", text[r.start:r.end]):
        pieces.append((start, r.start + m.start()))
        start = r.start + m.end()
    pieces.append((start, r.end))
    return result_pieces(text, r, pieces)


def _split_at_verbs(text: str, r: RecognizerResult, english: frozenset[str],
                    first: frozenset[str], last: frozenset[str]) -> list[RecognizerResult]:
    """``r`` cut at the lower-case English words inside it that are no name and no particle,
    when it also holds a capitalised word: "John Carter got Maria" is two names."""
    words = list(WORD.finditer(text, r.start, r.end))
    if not any(w.group(0)[:1].isupper() for w in words):
        return [r]
    pieces, start = [], r.start
    for w in words:
        word = w.group(0)
        if word.islower() and word not in PARTICLES and _listed_not_name(word, english, first,
                                                                         last):
            if w.start() > start:
                pieces.append((start, w.start()))
            start = w.end()
    if start == r.start:
        return [r]
    if start < r.end:
        pieces.append((start, r.end))
    return result_pieces(text, r, pieces)


def _split_at_mixed_in(text: str, r: RecognizerResult) -> list[RecognizerResult]:
    """``r`` cut at the small words of another language inside it ("kal mera leave"); what
    is left between them is read again."""
    pieces = without_mixed_in(text, r.start, r.end)
    return [r] if pieces == [(r.start, r.end)] else result_pieces(text, r, pieces)


_WORD_BEFORE = re.compile(r"[^\W_][,]?[ \t]+$")


def _capitalised_inside_a_sentence(text: str, start: int, end: int) -> bool:
    """Each word of ``text[start:end]`` is capitalised (not all capitals), on a line of mixed
    case, after a word of the same sentence ("asked Blessing", "Tell Jun that Princess")."""
    value = text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return (all(w[:1].isupper() and not w.isupper() for w in value.split())
            and line != line.upper() and line != line.lower()
            and _WORD_BEFORE.search(text, line_start, start) is not None)


def _code_beside_slash(text: str, start: int, end: int) -> bool:
    """The word of ``text[start:end]`` that touches a slash is in capitals ("Fly SFO/LAX")."""
    words = WORD.findall(text, start, end)
    return bool(words) and ((text[start - 1:start] == "/" and words[0].isupper())
                            or (text[end:end + 1] == "/" and words[-1].isupper()))


def _listed_not_name(word: str, words: frozenset[str], first: frozenset[str],
                     last: frozenset[str]) -> bool:
    """``word`` is one of ``words`` and in no name list."""
    key = word.casefold()
    return key in words and key not in first and key not in last


def _edge_word(word: str, first: frozenset[str], last: frozenset[str],
               function_words: frozenset[str] | set[str]) -> bool:
    """A function word or a verb of speech/action at the edge of a span ("says", "now"); other
    English words may be names ("lovely manalo", "grace okonjo", "do yun")."""
    return word.casefold() in function_words or _listed_not_name(word, EDGE_VERBS, first, last)
