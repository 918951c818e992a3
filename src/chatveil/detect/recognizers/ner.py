"""spaCy NER through Presidio, minus the small model's typical false persons and places."""

from __future__ import annotations

from typing import Any

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from chatveil.detect.recognizers._common import result_pieces, sentence_start, wordset
from chatveil.detect.recognizers._lexicon import (
    AMBIGUOUS,
    NOT_A_PERSON,
    NOT_SURNAME,
    name_lists,
)
from chatveil.detect.recognizers._shape import (
    line_cases,
    place_not_person,
    technical_span,
    without_mixed_in,
)


class FilteredSpacyRecognizer(SpacyRecognizer):
    """Presidio's spaCy NER recognizer minus the small model's typical false persons in chat.

    Drops PERSON results that are a single word and are: an acronym (``RAG``, ``API``); a
    common English word that is no known first or last name (``Email``); a word at the start of
    a sentence used as a verb (``Bill the client``, ``Convert this JSON``); or the name of an
    assistant, language or tool (``Claude``, ``Java``, ``Swift``). Also drops multi-word
    "persons" ending in a street, place or company word (``Victoria Station``, ``Acme Inc``).
    Also drops one-word "places" that are products in technical chat (``Windows``, ``Netflix``).
    Every other entity type passes unchanged.
    """

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
        results = super().analyze(text, entities, nlp_artifacts)
        cases = line_cases(text)
        # the small model reads lines typed all in lower or upper case poorly: the name
        # evidence recognizer reads them through a re-cased view instead
        results = [r for r in results if r.entity_type not in ("PERSON", "LOCATION") or
                   cases.at(r.start) == "mixed"]
        # "manager ko bhejna hai": no name holds the small words of another language
        results = [piece for r in results for piece in (
            [r] if r.entity_type not in ("PERSON", "LOCATION") else
            result_pieces(text, r, without_mixed_in(text, r.start, r.end)))]
        for r in results:
            _cut_at_line_break(text, r)
            if r.entity_type == "PERSON":
                _drop_leading_verb(text, r)
                if r.end > r.start and place_not_person(text, r.start, r.end):
                    r.entity_type = "LOCATION"  # "Austria", "92 Eusebio Dávila 57"
        return [r for r in results if r.end > r.start and not _false_person(text, r)
                and not _false_place(text, r) and not (
                    r.entity_type in ("PERSON", "LOCATION") and
                    technical_span(text, r.start, r.end))]


def _cut_at_line_break(text: str, result: RecognizerResult) -> None:
    """"Susan Walker\nSubject" -> "Susan Walker": a span never crosses a line break (the part
    before the break is kept; if it holds no word, the part after it)."""
    value = text[result.start:result.end]
    if "\n" not in value:
        return
    head = value.split("\n", 1)[0]
    if head.strip():
        result.end = result.start + len(head.rstrip())
    else:
        tail = value.split("\n")[-1]
        result.start = result.end - len(tail)


_LEADING_VERBS = wordset("""
call email mail ask tell message text ping contact invite thank meet see remind send ring cc
""")


def _drop_leading_verb(text: str, result: RecognizerResult) -> None:
    """"Call Bob" -> "Bob": an imperative opening the sentence is not part of the name."""
    words = text[result.start:result.end].split(" ")
    if len(words) > 1 and words[0].casefold() in _LEADING_VERBS and sentence_start(
            text, result.start):
        result.start += len(words[0]) + 1


#: Products and services the small model takes for places in technical chat.
_NOT_A_PLACE = wordset("""
windows linux ubuntu debian macos android ios netflix spotify youtube slack zoom teams github
gitlab jira confluence excel outlook gmail azure aws heroku vercel node
""")


def _false_place(text: str, result: RecognizerResult) -> bool:
    return (result.entity_type == "LOCATION"
            and text[result.start:result.end].strip().casefold() in _NOT_A_PLACE)


def _false_person(text: str, result: RecognizerResult) -> bool:
    if result.entity_type != "PERSON":
        return False
    value = text[result.start:result.end].strip()
    if not value:
        return False
    if any(ch.isspace() for ch in value):  # "Victoria Station", "Acme Inc": not a person
        return value.split()[-1].casefold().rstrip(".") in NOT_SURNAME
    word = value.rstrip(".,;:!?'’s") if value.endswith(("'s", "’s")) else value
    if word.isupper() and len(word) <= 6:
        return True
    first, last, common, _ = name_lists()
    key = word.casefold()
    if key in NOT_A_PERSON:
        return True
    if key in common and key not in first and key not in last:
        return True
    if sentence_start(text, result.start):
        nxt = text[result.end:result.end + 12].lstrip(" \t")
        if key in AMBIGUOUS:  # "Bill the client", "Mark: done"
            return nxt[:1].islower() or nxt[:1] == ":"
        if key not in first:  # "Convert this JSON", "Email me": an imperative verb
            following = nxt.split(" ", 1)[0].casefold()
            return following in _DETERMINERS
    return False


_DETERMINERS = wordset("the this that these those a an my your our their his her its it me us "
                        "them him all some every each")
