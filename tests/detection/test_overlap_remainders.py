"""A person or place span that loses an overlap in part keeps its words outside the winner:
only the overlap decides the type, the rest of the name is not left in the text. Written for
these tests."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from chatveil import Guard
from chatveil.detect._presidio import _with_remainders
from chatveil.spans import Span, resolve_overlaps


def _at(text: str, value: str, kind: str, score: float) -> Span:
    start = text.index(value)
    return Span(start, start + len(value), kind, score)


def test_the_words_of_a_name_outside_the_winning_span_stay_masked() -> None:
    text = 'staff,role\n"Kang, Eun Ji",security'
    spans = [_at(text, "Kang, Eun Ji", "PERSON", 0.7),
             _at(text, 'Eun Ji",security', "LOCATION", 0.85)]
    out = _with_remainders(text, spans, resolve_overlaps(spans))
    assert [(text[s.start:s.end], s.entity_type) for s in out] == [
        ("Kang", "PERSON"), ('Eun Ji",security', "LOCATION")]


def test_no_remainder_where_another_span_already_masks_the_words() -> None:
    text = "Call Anna Berg at 555 0101 today"
    spans = [_at(text, "Anna Berg", "PERSON", 0.9), _at(text, "Anna", "LOCATION", 0.6),
             _at(text, "Berg at 555 0101", "PHONE_NUMBER", 0.95)]
    kept = resolve_overlaps(spans)
    out = _with_remainders(text, spans, kept)
    assert [(text[s.start:s.end], s.entity_type) for s in out] == [
        ("Anna", "LOCATION"), ("Berg at 555 0101", "PHONE_NUMBER")]
    assert out == kept


def test_a_guard_leaves_no_word_of_a_quoted_table_cell(warm_guard: Guard) -> None:
    text = ('date,shift,staff,role\n2026-12-08,early,Hye-rim Kim,supervisor\n'
            '2026-12-09,night,"Kang, Eun Ji",security\nWho is on the night shift?')
    masked = warm_guard.pseudonymize(text, session_id="quoted-cell")
    assert not {"Kang", "Eun", "Ji", "Hye-rim", "Kim"} & set(
        masked.replace(",", " ").replace('"', " ").split())
    assert warm_guard.restore(masked, session_id="quoted-cell") == text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12),
                          st.sampled_from(["PERSON", "LOCATION", "EMAIL_ADDRESS"]),
                          st.floats(0.1, 1.0)), max_size=6))
def test_remainders_stay_disjoint_and_inside_what_was_found(
        raw: list[tuple[int, int, str, float]]) -> None:
    text = "Ana Li, Bo Ek and Cy Oz went to Rome, Oslo and Lima today"
    spans = [Span(a, min(a + n, len(text)), kind, score) for a, n, kind, score in raw
             if a < len(text)]
    out = _with_remainders(text, spans, resolve_overlaps(spans))
    for x, y in itertools.pairwise(out):
        assert x.end <= y.start  # disjoint, in order
    for span in out:  # every character masked was found by some span
        assert any(s.start <= span.start and span.end <= s.end for s in spans)
