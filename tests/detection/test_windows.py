"""Text of any size: bounded windows on safe boundaries, and inputs that make spaCy slow."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatveil.detect._normalize import normalized_view
from chatveil.detect._presidio import _WINDOWS_TOGETHER, _chunks, _for_nlp
from chatveil.detect._text import MAX_RUN as _MAX_RUN

_TEXTS = st.lists(
    st.sampled_from(["word", "Jane Doe", ".", "\n", "\n\n", " ", "((((((", "x" * 90, "é", "a,b"]),
    max_size=400,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_TEXTS, size=st.integers(20, 400), overlap=st.integers(0, 9))
def test_windows_cover_the_text_and_stay_bounded(text: str, size: int, overlap: int) -> None:
    windows = list(_chunks(text, size, overlap))
    assert windows[0][0] == 0
    end = 0
    for offset, chunk in windows:
        assert text[offset : offset + len(chunk)] == chunk
        assert len(chunk) <= size and (chunk or not text)
        assert offset <= end  # no gap: never truncated
        end = max(end, offset + len(chunk))
    assert end == len(text) or not text
    starts = [o for o, _ in windows]
    assert starts == sorted(set(starts))  # always moving on


def test_windows_end_at_the_best_boundary() -> None:
    para = ("A sentence about the weather. " * 10).strip()
    text = "\n\n".join([para] * 10)
    windows = list(_chunks(text, 1000, 100))
    assert all(c.endswith("\n\n") for _, c in windows[:-1])
    lines = "\n".join(["no full stop here just words"] * 100)
    assert all(c.endswith("\n") for _, c in list(_chunks(lines, 500, 50))[:-1])


def test_a_value_cut_by_one_window_is_whole_in_the_next() -> None:
    text = "x " * 480 + "Call Jane Doe at jane.doe@example.org now. " + "y " * 600
    value = text.index("jane.doe@example.org")
    covering = [(o, c) for o, c in _chunks(text, 1000, 100)
                if o <= value and value + 20 <= o + len(c)]
    assert covering


@settings(max_examples=200, deadline=None)
@given(text=_TEXTS)
def test_the_nlp_copy_keeps_offsets_and_has_no_long_runs(text: str) -> None:
    copy = _for_nlp(text)
    assert len(copy) == len(text)
    assert all(len(run) <= _MAX_RUN for run in copy.split())
    assert re.search(r"[^\w\s]{5,}", copy) is None
    for a, b in zip(text, copy, strict=True):
        assert a == b or b == " "


def test_the_nlp_copy_is_the_text_itself_when_nothing_is_odd() -> None:
    text = "Jane Doe (jane@example.org) called +1 415 555 0132 -- twice."
    assert _for_nlp(text) is text
    minified = '{"email":"jane@example.org","phone":"+14155550132"}' * 3
    copy = _for_nlp(minified)
    assert "jane@example.org" in copy  # broken at delimiters, not inside values


@pytest.mark.slow
def test_pathological_inputs_finish_and_values_are_still_found(presidio_guard) -> None:
    runs = "(" * 16_000 + " " + "a" * 200_000 + " " + "-=" * 3_000
    minified = '{"name":"x","email":"jane.doe@example.org","n":' + "1" * 500 + "}"
    text = f"{runs}\nPlease email Jane Doe: {minified} {'.' * 5_000} thanks"
    masked = presidio_guard.pseudonymize(text, session_id="odd")
    assert "jane.doe@example.org" not in masked
    assert "Jane Doe" not in masked
    assert masked.startswith(runs)
    assert presidio_guard.restore(masked, session_id="odd") == text


def _window_by_window(detector, text: str):
    """What the detector found before windows were analysed together: each window alone,
    spaCy reading its copy with long runs broken up."""
    analyzer, kwargs = detector.analyzer, detector._analyze_kwargs(len(text))
    config = detector.config
    found = set()
    for offset, chunk in _chunks(text, config.max_chunk_chars, config.chunk_overlap):
        nlp_text = _for_nlp(chunk)
        if nlp_text is not chunk:
            kwargs["nlp_artifacts"] = analyzer.nlp_engine.process_text(nlp_text, config.language)
        results = analyzer.analyze(text=chunk, language=config.language, **kwargs)
        kwargs.pop("nlp_artifacts", None)
        found.update(s.shifted(offset) for s in detector._to_spans(results))
    return tuple(sorted(found))


def test_windows_analysed_together_find_what_each_finds_alone(make_presidio_guard) -> None:
    guard = make_presidio_guard(max_chunk_chars=1_000, chunk_overlap=100, cache_ttl=0)
    detector = guard.detector
    parts = []
    for i in range(80):
        parts.append(f"Maria Lopez met Raj Patel in Denver on Monday (ticket {i}). "
                     "The weather was fine and the meeting went well. ")
        if i == 7:
            parts.append("Zoë Ångström wrote to jürgen.müller@example.org from Zürich. ")
        if i == 12:
            parts.append("x" * 70 + "/Maria/Lopez/Denver went home, =====Maria Lopez=====Denver"
                         "===== call Tom Baker at +1 415 555 0132. ")  # NER reads them apart
        if i in (20, 70):
            parts.append("Email maria%40example.org, not m\u200baria; Dr. Chen in Lisbon. ")
        parts.append("\n" if i % 3 else "\n\n")
    text = "".join(parts)
    windows = [chunk for _, chunk in _chunks(text, 1_000, 100)]
    assert len(windows) > _WINDOWS_TOGETHER  # more than one group
    assert any(_for_nlp(w) is not w for w in windows)  # spaCy reads a copy of one
    assert any(normalized_view(w) is not None for w in windows)  # and the view of another
    expected = _window_by_window(detector, text)
    assert {s.entity_type for s in expected} >= {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"}
    assert detector._analyze_chunked(text) == expected
