"""Restore tolerates what models do to surrogates, and never restores silently wrong.

Vaults here hold fixed entries (added through the store, as another worker or an import
would), so every expected text is written out in full.
"""

from __future__ import annotations

import pytest

from chatveil import (
    ConfigurationError,
    Entry,
    Guard,
    GuardConfig,
    Tally,
    UnrestoredSurrogateError,
)
from fakes import fake_guard

FAKER = [
    Entry("Maria Lopez", "Kyle Phillips", "PERSON", (("Maria", "Kyle"), ("Lopez", "Phillips"))),
    Entry("maria.lopez+work@acme.org", "kevin.marquez39@example.net", "EMAIL_ADDRESS"),
    Entry("(415) 555-0132", "(810) 727-4319", "PHONE_NUMBER"),
    Entry("+44 20 7946 0958", "+44 97 9285 3598", "PHONE_NUMBER"),
    Entry("+1 212 555 0199", "+1 646 318 2270", "PHONE_NUMBER"),
    Entry("4111 1111 1111 1111", "4915 1473 4895 9458", "CREDIT_CARD"),
    Entry("DE89 3704 0044 0532 0130 00", "DE50 9923 7288 2071 1331 35", "IBAN_CODE"),
    Entry("123-45-6789", "867-59-1250", "US_SSN"),
]
PLACEHOLDERS = [
    Entry("Maria Lopez", "<PERSON_1>", "PERSON"),
    Entry("maria_lopez@acme.org", "<EMAIL_1>", "EMAIL_ADDRESS"),
    Entry('Smith & "Sons"', "<ORG_1>", "ORGANIZATION"),
]
TOKENS = [
    Entry("Maria Lopez", "[PII_PERSON_1a2b3c4d]", "PERSON"),
    Entry("maria_lopez@acme.org", "[PII_EMAIL_0badcafe]", "EMAIL_ADDRESS"),
]


def vault_guard(entries: list[Entry], **options: object) -> Guard:
    guard = fake_guard(**options)
    guard.vault_store.create("s")
    for entry in entries:
        assert guard.vault_store.add("s", entry) == entry
    return guard


def restore_both_ways(guard: Guard, text: str) -> tuple[str, Tally]:
    """The whole-text restore and what it counted, checked against streaming the text one
    character at a time (which counts the same)."""
    with guard.tally() as tally:
        whole = guard.restore(text, session_id="s")
    with guard.tally() as streamed:
        stream = guard.stream_restorer(session_id="s")
        assert "".join(stream.feed(c) for c in text) + stream.flush() == whole
    assert streamed == tally
    return whole, tally


# ---------------------------------------------------------------------- faker: numbers, emails
NUMBER_FORMS = {
    # phone written without a country code, (415) 555-0132 -> (810) 727-4319
    "exact": ("Call (810) 727-4319.", "Call (415) 555-0132."),
    "dashes": ("Call 810-727-4319.", "Call 415-555-0132."),
    "dots": ("Call 810.727.4319", "Call 415.555.0132"),
    "no brackets no space": ("Call (810)727-4319", "Call (415)555-0132"),
    "plus one spaced": ("Call +1 810 727 4319", "Call +1 415 555 0132"),
    "plus one compact": ("Call +18107274319", "Call +14155550132"),
    "double zero one": ("Call 001 810 727 4319", "Call 001 415 555 0132"),
    "one dash": ("Call 1-810-727-4319", "Call 1-415-555-0132"),
    "tel link": ("[call](tel:+18107274319)", "[call](tel:+14155550132)"),
    "tel compact": ("tel:8107274319", "tel:4155550132"),
    # phone with +44: +44 20 7946 0958 -> +44 97 9285 3598
    "uk compact": ("UK: +449792853598", "UK: +442079460958"),
    "uk double zero": ("UK: 0044 97 9285 3598", "UK: 0044 20 7946 0958"),
    "uk trunk": ("UK: 097 9285 3598", "UK: 020 7946 0958"),
    "uk trunk in brackets": ("UK: +44 (0)97 9285 3598", "UK: +44 (0)20 7946 0958"),
    "uk national": ("UK: 97 9285 3598", "UK: 20 7946 0958"),
    # phone with +1: +1 212 555 0199 -> +1 646 318 2270
    "us without code": ("NY: 646-318-2270", "NY: 212-555-0199"),
    "us bracketed area": ("NY: +1 (646) 318-2270", "NY: +1 (212) 555-0199"),
    # card, IBAN, SSN
    "card compact": ("Card 4915147348959458.", "Card 4111111111111111."),
    "card dashes": ("Card 4915-1473-4895-9458", "Card 4111-1111-1111-1111"),
    "iban compact": ("IBAN DE50992372882071133135", "IBAN DE89370400440532013000"),
    "iban lower case": ("iban de50 9923 7288 2071 1331 35", "iban de89 3704 0044 0532 0130 00"),
    "ssn spaces": ("SSN 867 59 1250", "SSN 123 45 6789"),
    "ssn compact": ("SSN 867591250", "SSN 123456789"),
    # emails: the original comes back encoded the way the model encoded the surrogate
    "mailto": ("mailto:kevin.marquez39@example.net", "mailto:maria.lopez+work@acme.org"),
    "percent": ("?to=kevin.marquez39%40example.net", "?to=maria.lopez%2Bwork%40acme.org"),
    "mailto percent": ("[m](mailto:kevin.marquez39%40example.net?subject=Hi)",
                       "[m](mailto:maria.lopez%2Bwork%40acme.org?subject=Hi)"),
    "json escape": ('{"to": "kevin.marquez39\\u0040example.net"}',
                    '{"to": "maria.lopez+work\\u0040acme.org"}'),
    "html decimal": ("kevin.marquez39&#64;example.net", "maria.lopez+work&#64;acme.org"),
    "html hex": ("kevin.marquez39&#x40;example.net", "maria.lopez+work&#x40;acme.org"),
    "html named": ("kevin.marquez39&commat;example.net", "maria.lopez+work&commat;acme.org"),
    "email capitals": ("KEVIN.MARQUEZ39@EXAMPLE.NET", "MARIA.LOPEZ+WORK@ACME.ORG"),
}


@pytest.mark.parametrize("form", sorted(NUMBER_FORMS))
def test_faker_surrogate_forms_restore(form: str) -> None:
    answer, expected = NUMBER_FORMS[form]
    guard = vault_guard(FAKER)
    out, tally = restore_both_ways(guard, answer)
    assert out == expected
    assert sum(tally.restored.values()) == 1 and tally.unrestored_tokens == 0


@pytest.mark.parametrize("text", [
    "Call 810 727 43190 or 2810 727 4319 or 8107274",  # longer, other, shorter numbers
    "x8107274319, 8107274319_a, id_8107274319",  # inside words
    "Card 4915 1473 4895 9459",  # one digit off
    "Tickets 12345678 and 2024-01-05",
])
def test_numbers_that_are_no_surrogate_pass_and_are_not_counted(text: str) -> None:
    guard = vault_guard(FAKER)
    out, tally = restore_both_ways(guard, text)
    assert out == text
    assert not tally.restored and tally.unrestored_tokens == 0


def test_a_number_two_surrogates_share_restores_neither() -> None:
    # the same digits as one phone's national form and another's exact surrogate: ambiguous
    guard = vault_guard([Entry("+33 1 23 45 67 89", "+33 6 11 22 33 44", "PHONE_NUMBER"),
                         Entry("01 98 76 54 32", "611223344", "PHONE_NUMBER")])
    assert restore_both_ways(guard, "6 11 22 33 44")[0] == "6 11 22 33 44"
    assert restore_both_ways(guard, "611223344")[0] == "01 98 76 54 32"  # exact: the literal


def test_a_number_surrogate_equal_to_an_original_is_never_restored_by_its_digits() -> None:
    guard = vault_guard([Entry("+1 415 555 0132", "+1 810 727 4319", "PHONE_NUMBER"),
                         Entry("810-727-4319", "+1 646 318 2270", "PHONE_NUMBER")])
    # "810 727 4319" is a real number of the session in another layout: left alone
    assert restore_both_ways(guard, "Call 810 727 4319")[0] == "Call 810 727 4319"


def test_new_number_surrogates_avoid_digits_the_session_uses() -> None:
    guard = vault_guard([Entry("+1 415 555 0132", "+1 810 727 4319", "PHONE_NUMBER")])
    index = guard._open("s", create=False).state.index
    assert index.collides("212-555-0100", "810.727.4319", ())
    assert index.collides("212-555-0100", "(415) 555-0132", ())
    assert not index.collides("212-555-0100", "810.727.4320", ())


# ---------------------------------------------------------------------- placeholders, tokens
PLACEHOLDER_FORMS = {
    "no brackets": ("Hi PERSON_1!", "Hi Maria Lopez!"),
    "html entities": ("<p>Hi &lt;PERSON_1&gt;</p>", "<p>Hi Maria Lopez</p>"),
    "html entities escape": ("<p>&lt;ORG_1&gt;</p>", '<p>Smith &amp; "Sons"</p>'),
    "numeric entities": ("&#60;PERSON_1&#62;", "Maria Lopez"),
    "markdown escaped": ("Hi \\<PERSON\\_1\\>", "Hi Maria Lopez"),
    "markdown escaped email": ("Mail \\<EMAIL\\_1\\>", "Mail maria\\_lopez@acme.org"),
    "square brackets": ("Hi [PERSON_1].", "Hi Maria Lopez."),
    "round brackets": ("the client (PERSON_1) called", "the client (Maria Lopez) called"),
    "hyphen": ("Hi <PERSON-1>", "Hi Maria Lopez"),
    "bare hyphen": ("Hi PERSON-1", "Hi Maria Lopez"),
    "case and spaces": ("Hi < person 1 >", "Hi Maria Lopez"),
    "braces": ("Dear {PERSON_1}, {{EMAIL_1}}", "Dear Maria Lopez, maria_lopez@acme.org"),
    "markdown link": ("[PERSON_1](mailto:EMAIL_1)", "[Maria Lopez](mailto:maria_lopez@acme.org)"),
    "json escaped brackets": ('{"org": "\\u003cORG_1\\u003e"}', '{"org": "Smith & \\"Sons\\""}'),
}


@pytest.mark.parametrize("form", sorted(PLACEHOLDER_FORMS))
def test_placeholder_forms_restore(form: str) -> None:
    answer, expected = PLACEHOLDER_FORMS[form]
    guard = vault_guard(PLACEHOLDERS, strategy="placeholder")
    out, tally = restore_both_ways(guard, answer)
    assert out == expected
    assert tally.restored and tally.unrestored_tokens == 0


TOKEN_FORMS = {
    "no brackets": ("Hi PII_PERSON_1a2b3c4d!", "Hi Maria Lopez!"),
    "markdown escaped": ("Hi \\[PII\\_PERSON\\_1a2b3c4d\\]", "Hi Maria Lopez"),
    "markdown escaped bare": ("Mail PII\\_EMAIL\\_0badcafe", "Mail maria\\_lopez@acme.org"),
    "hyphens": ("Hi [PII-PERSON-1a2b3c4d]", "Hi Maria Lopez"),
    "bare hyphens": ("Hi PII-PERSON-1a2b3c4d", "Hi Maria Lopez"),
    "lower case": ("Hi pii_person_1A2B3C4D", "Hi Maria Lopez"),
    "spaces": ("Hi [ PII PERSON 1a2b3c4d ]", "Hi Maria Lopez"),
    "angle brackets": ("Hi <PII_PERSON_1a2b3c4d>", "Hi Maria Lopez"),
    "html entities": ("Hi &lt;PII_PERSON_1a2b3c4d&gt;", "Hi Maria Lopez"),
    "round brackets": ("Hi (PII_PERSON_1a2b3c4d)", "Hi (Maria Lopez)"),
}


@pytest.mark.parametrize("form", sorted(TOKEN_FORMS))
def test_token_forms_restore(form: str) -> None:
    answer, expected = TOKEN_FORMS[form]
    guard = vault_guard(TOKENS, strategy="token")
    out, tally = restore_both_ways(guard, answer)
    assert out == expected
    assert tally.restored == {"PERSON": 1} or tally.restored == {"EMAIL_ADDRESS": 1}
    assert tally.unrestored_tokens == 0


@pytest.mark.parametrize("text", [
    "person_1 = Person(); Person 1 and Step 1",  # code and prose, not capitals
    "STEP_1, MY_PERSON_1, PERSON_1x, PERSON_1_b",  # other labels, inside identifiers
    "PERSON 1 and EMAIL 1",  # bare with spaces: prose
    "see [Figure 1], {item 2} and [Note 3]",  # other brackets, labels the session never issued
])
def test_lookalikes_of_placeholders_pass_and_are_not_counted(text: str) -> None:
    guard = vault_guard(PLACEHOLDERS, strategy="placeholder")
    out, tally = restore_both_ways(guard, text)
    assert out == text
    assert not tally.restored and tally.unrestored_tokens == 0


UNKNOWN = {
    # text, how many unrestored, by label
    "placeholder number": ("Hi <PERSON_9>", {"PERSON": 1}),
    "bare placeholder number": ("Hi PERSON_9 and EMAIL-4", {"PERSON": 1, "EMAIL": 1}),
    "other brackets": ("[PERSON_9] (no) &lt;EMAIL_3&gt;", {"PERSON": 1, "EMAIL": 1}),
    "unknown label": ("<ZIP_1>", {"ZIP": 1}),
    "token hash": ("[PII_PERSON_deadbeef]", {"PERSON": 1}),
    "bare token hash": ("PII_EMAIL_deadbeef", {"EMAIL": 1}),
    "escaped token hash": ("\\[PII\\_EMAIL\\_deadbeef\\]", {"EMAIL": 1}),
}


@pytest.mark.parametrize("case", sorted(UNKNOWN))
def test_unrestorable_shapes_are_counted(case: str) -> None:
    text, counts = UNKNOWN[case]
    guard = vault_guard(PLACEHOLDERS, strategy="placeholder")
    out, tally = restore_both_ways(guard, text)
    assert out == text
    assert tally.unrestored_tokens == sum(counts.values())
    assert guard.metrics()["unrestored_tokens"] == 2 * sum(counts.values())  # whole + stream
    marked = vault_guard(PLACEHOLDERS, strategy="placeholder", on_unrestored="raise")
    with pytest.raises(UnrestoredSurrogateError) as info:
        marked.restore(text, session_id="s")
    assert info.value.counts == counts


# ---------------------------------------------------------------------- on_unrestored
ANSWER = "Hi <PERSON_1> and <PERSON_9>, mail EMAIL_7 or <EMAIL_1>."


def test_ignore_leaves_unrestored_shapes_as_written() -> None:
    guard = vault_guard(PLACEHOLDERS, strategy="placeholder")
    with guard.tally() as tally:
        out = guard.restore(ANSWER, session_id="s")
    assert out == "Hi Maria Lopez and <PERSON_9>, mail EMAIL_7 or maria_lopez@acme.org."
    assert tally.unrestored_tokens == 2 and guard.metrics()["unrestored_tokens"] == 2


def test_mark_wraps_unrestored_shapes_visibly_in_whole_and_streamed_text() -> None:
    guard = vault_guard(PLACEHOLDERS, strategy="placeholder", on_unrestored="mark")
    expected = ("Hi Maria Lopez and [unrestored: <PERSON_9>], mail [unrestored: EMAIL_7] or "
                "maria_lopez@acme.org.")
    assert restore_both_ways(guard, ANSWER)[0] == expected
    assert guard.metrics()["unrestored_tokens"] == 4


def test_raise_counts_then_raises_with_counts_only() -> None:
    guard = vault_guard(PLACEHOLDERS, strategy="placeholder", on_unrestored="raise")
    with guard.tally() as tally, pytest.raises(UnrestoredSurrogateError) as info:
        guard.restore(ANSWER, session_id="s")
    assert info.value.counts == {"EMAIL": 1, "PERSON": 1}
    assert str(info.value).startswith("2 surrogate-shaped string(s)")
    assert "<PERSON_9>" not in str(info.value) and "EMAIL_7" not in str(info.value)
    assert tally.unrestored_tokens == 2
    assert guard.restore("Hi <PERSON_1>", session_id="s") == "Hi Maria Lopez"


def test_raise_while_streaming_stops_at_the_chunk_that_completes_the_shape() -> None:
    guard = vault_guard(PLACEHOLDERS, strategy="placeholder", on_unrestored="raise")
    stream = guard.stream_restorer(session_id="s")
    assert stream.feed("Hi <PERSON_1> and ") == "Hi Maria Lopez and "
    assert stream.feed("<PERS") == ""
    with pytest.raises(UnrestoredSurrogateError):
        stream.feed("ON_9>, bye")
    with pytest.raises(ValueError):
        stream.feed("more")  # the restorer is closed
    assert guard.metrics()["unrestored_tokens"] == 1
    assert guard.metrics()["restored"] == {"PERSON": 1}


def test_on_unrestored_is_validated() -> None:
    assert GuardConfig(on_unrestored="mark").on_unrestored == "mark"
    assert GuardConfig.from_dict({"on_unrestored": "raise"}).on_unrestored == "raise"
    for bad in ("Mark", "warn", None, True):
        with pytest.raises(ConfigurationError, match="on_unrestored must be one of"):
            GuardConfig(on_unrestored=bad)


def test_bracketed_prose_in_a_faker_session_is_not_counted() -> None:
    guard = vault_guard(FAKER)
    text = "[Person 1]: hello. {Step 2} then [PII] and [1]"
    out, tally = restore_both_ways(guard, text)
    assert out == text and tally.unrestored_tokens == 0


def test_faker_sessions_count_token_shapes_too() -> None:
    guard = vault_guard(FAKER)
    out, tally = restore_both_ways(guard, "Kyle Phillips, [PII_EMAIL_00000000]")
    assert out == "Maria Lopez, [PII_EMAIL_00000000]"
    assert tally.unrestored_tokens == 1


# ---------------------------------------------------------------------- streaming hold-back
def test_stream_holds_a_number_only_while_it_could_still_become_a_surrogate() -> None:
    guard = vault_guard(FAKER)
    stream = guard.stream_restorer(session_id="s")
    assert stream.feed("Call +1 (810) 72") == "Call +"
    assert stream.feed("7-43") == ""
    assert stream.feed("19 now") == "1 (415) 555-0132 now"
    assert stream.feed(", or 2024") == ", or 2024"  # a prefix of no surrogate: not held
    assert stream.flush() == ""


def test_stream_hold_back_is_bounded() -> None:
    guard = vault_guard(FAKER + PLACEHOLDERS[2:], strategy="faker")
    stream = guard.stream_restorer(session_id="s")
    out = [stream.feed(c) for c in "8 1 0 7 2 7 " * 50 + "&lt;ORG" + "-" * 100 + "PII_" * 30]
    assert stream.pending <= 72
    assert "".join(out) + stream.flush() == guard.restore(
        "8 1 0 7 2 7 " * 50 + "&lt;ORG" + "-" * 100 + "PII_" * 30, session_id="s")
