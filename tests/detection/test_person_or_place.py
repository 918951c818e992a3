"""A value one recognizer calls a person and another a place gets the kind the word lists
agree on (detect._filters.settle_person_or_place)."""

from __future__ import annotations

import pytest

from chatveil.detect._filters import settle_person_or_place
from chatveil.spans import Span


def both(text: str, value: str, person: float, place: float) -> list[Span]:
    start = text.index(value)
    end = start + len(value)
    return [Span(start, end, "PERSON", person), Span(start, end, "LOCATION", place)]


@pytest.mark.parametrize("text, value", [
    ("We were at school together in Izmir.", "Izmir"),
    ("logged in from Porto Alegre", "Porto Alegre"),   # both words are also surnames
    ("she moved to Kumasi last year", "Kumasi"),
])
def test_a_known_place_without_given_names_is_a_place(text: str, value: str) -> None:
    settled = settle_person_or_place(text, both(text, value, person=0.85, place=0.8))
    assert [s.entity_type for s in settled] == ["LOCATION"]


def test_known_name_words_that_are_no_place_are_a_person() -> None:
    text = "Thanks to Mehmet Yilmaz for the help"
    settled = settle_person_or_place(text, both(text, "Mehmet Yilmaz", person=0.6, place=0.8))
    assert [s.entity_type for s in settled] == ["PERSON"]


@pytest.mark.parametrize("value", ["Georgia", "Austin"])  # a place and a given name
def test_a_value_both_lists_hold_is_left_to_the_scores(value: str) -> None:
    text = f"I met {value} yesterday"
    spans = both(text, value, person=0.85, place=0.8)
    assert settle_person_or_place(text, spans) == spans


def test_other_spans_and_single_kinds_are_untouched() -> None:
    text = "Izmir and Kumasi, mail a@b.co"
    spans = [Span(0, 5, "PERSON", 0.9), Span(10, 16, "LOCATION", 0.7),
             Span(23, 29, "EMAIL_ADDRESS", 1.0)]
    assert settle_person_or_place(text, spans) == spans


def test_the_guard_gives_a_town_a_place_surrogate(warm_guard) -> None:  # type: ignore[no-untyped-def]
    # spaCy's small model reads "Izmir" as a person here, the trained model as a place
    text = "We've been friends since school in Izmir, and Mehmet still calls every week."
    kinds = {text[s.start:s.end]: s.entity_type for s in warm_guard.detect(text)}
    assert kinds == {"Izmir": "LOCATION", "Mehmet": "PERSON"}
