"""The guard with the real Presidio detector: settings that act on detection, trimming, chunking."""

from __future__ import annotations

import pytest

from chatveil import Guard, PIILeakError


def test_allow_list_deny_list_and_thresholds(make_presidio_guard) -> None:
    g = make_presidio_guard(allow_list=["John Smith"], deny_list={"ORGANIZATION": ["Acme Rockets"]})
    masked = g.pseudonymize("John Smith works at Acme Rockets.", session_id="x")
    assert masked.startswith("John Smith works at ") and "Acme Rockets" not in masked
    g = make_presidio_guard(score_thresholds={"PERSON": 0.99})
    assert g.pseudonymize("John Smith works here.", session_id="x") == "John Smith works here."


def test_context_filters_skip_code_urls_and_paths(make_presidio_guard) -> None:
    text = "See ```\nuser = 'jane@example.org'\n``` and https://example.org/u/jane@example.org"
    g = make_presidio_guard(skip_code_blocks=True, skip_urls=True)
    assert g.pseudonymize(text, session_id="x") == text
    g = make_presidio_guard()
    assert "jane@example.org" not in g.pseudonymize(text, session_id="x")


def test_long_text_is_chunked_not_truncated(make_presidio_guard) -> None:
    g = make_presidio_guard(max_chunk_chars=2_000, chunk_overlap=200)
    filler = "The weather was fine and the meeting went well. " * 30
    text = (filler + "Email jane@example.org please. " + filler + "Or call +1 415 555 0132. "
            + filler)
    masked = g.pseudonymize(text, session_id="x")
    assert "jane@example.org" not in masked and "+1 415 555 0132" not in masked
    assert g.restore(masked, session_id="x") == text


@pytest.mark.slow
def test_one_megabyte_text(presidio_guard: Guard) -> None:
    unit = "Notes from the weekly sync: the team shipped the feature. " * 20
    text = (unit + "Contact jane@example.org. ") * (1_000_000 // (len(unit) + 26) + 1)
    masked = presidio_guard.pseudonymize(text, session_id="big")
    assert "jane@example.org" not in masked
    assert presidio_guard.restore(masked, session_id="big") == text


def test_possessive_stays_outside_the_name(presidio_guard: Guard) -> None:
    plain = presidio_guard.pseudonymize("I spoke with Jane Doe today.", session_id="pos")
    surrogate = plain.removeprefix("I spoke with ").removesuffix(" today.")
    text = "Jane Doe's phone is +1 415-555-0132."
    masked = presidio_guard.pseudonymize(text, session_id="pos")
    assert masked.startswith(f"{surrogate}'s phone is ")
    assert presidio_guard.restore(masked, session_id="pos") == text


def test_title_keeps_a_surname_a_surname(presidio_guard: Guard) -> None:
    masked = presidio_guard.pseudonymize("Mr Smith called. Smith is late.", session_id="t")
    assert masked.startswith("Mr ") and "Smith" not in masked
    surname = masked.split()[1].rstrip(".")
    assert masked.endswith(f"{surname} is late.")
    assert presidio_guard.restore(masked, session_id="t") == "Mr Smith called. Smith is late."


def test_greetings_and_leading_verbs_are_not_names(presidio_guard: Guard) -> None:
    spans = presidio_guard.detect("You said: Hi, I am Maria Lopez. Call Bob at 555-123-4567.")
    text = "You said: Hi, I am Maria Lopez. Call Bob at 555-123-4567."
    assert [text[s.start:s.end] for s in spans if s.entity_type == "PERSON"] == [
        "Maria Lopez", "Bob"]
def test_strict_mode_raises_when_a_known_original_would_leak(make_presidio_guard) -> None:
    # code blocks skipped and recall off: a known email in a code block would go out unmasked
    g2 = make_presidio_guard(strict=True, skip_code_blocks=True, session_recall=False)
    g2.pseudonymize("Email jane@example.org", session_id="x")
    with pytest.raises(PIILeakError) as info:
        g2.pseudonymize("code: `jane@example.org`", session_id="x")
    assert info.value.counts == {"EMAIL_ADDRESS": 1} and "jane" not in str(info.value)




def test_requested_dates_keep_their_digits(make_presidio_guard) -> None:
    # Name and place spans are cut at a token with a digit (a misread identifier); a date is
    # made of digits, so a requested DATE_TIME keeps its day and year.
    g = make_presidio_guard(entities=["PERSON", "DATE_TIME"])
    text = "I visited Paris on 12 February 1968."
    assert [text[s.start:s.end] for s in g.detect(text) if s.entity_type == "DATE_TIME"] == [
        "12 February 1968"
    ]
    masked = g.pseudonymize(text, session_id="d")
    assert "12" not in masked and "1968" not in masked
    assert g.restore(masked, session_id="d") == text
