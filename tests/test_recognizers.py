"""Unit tests for chatveil's own recognizers (the last ones run them with the real NER model)."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from chatveil.detect.recognizers import (
    ApiKeyRecognizer,
    CardNumberRecognizer,
    FilteredSpacyRecognizer,
    IbanCodeRecognizer,
    InternationalPhoneRecognizer,
    KnownPlaceRecognizer,
    PersonNameRecognizer,
    StreetAddressRecognizer,
    UsSsnContextRecognizer,
    default_recognizers,
    iban_valid,
    luhn_valid,
)

#: The guard's default minimum score (GuardConfig.score_threshold).
THRESHOLD = 0.4


def found(recognizer, text: str, threshold: float = THRESHOLD, artifacts=None) -> list[str]:
    """Values the recognizer reports at or above ``threshold``."""
    results = recognizer.analyze(text, recognizer.supported_entities, artifacts)
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start)
            if r.score >= threshold]


def score_of(recognizer, text: str, value: str) -> float:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return max((r.score for r in results if text[r.start:r.end] == value), default=0.0)


# ---------------------------------------------------------------------- checksums
def test_luhn() -> None:
    assert luhn_valid("4111111111111111")
    assert luhn_valid("371449635398431")
    assert not luhn_valid("4111111111111112")


def test_iban_checksum_and_length() -> None:
    assert iban_valid("DE89370400440532013000")
    assert iban_valid("gb82west12345698765432")  # case does not matter
    assert not iban_valid("DE89370400440532013001")  # checksum
    assert not iban_valid("DE8937040044053201300")  # one character short for DE
    assert not iban_valid("XX89370400440532013000")  # no such country


# ---------------------------------------------------------------------- cards
CARDS = CardNumberRecognizer()


@pytest.mark.parametrize("text, value", [
    ("card 4111 1111 1111 1111 thanks", "4111 1111 1111 1111"),
    ("card 4111-1111-1111-1111.", "4111-1111-1111-1111"),
    ("4012888888881881", "4012888888881881"),
    ("amex 3782 822463 10005", "3782 822463 10005"),
    ("uatp 122000000000003", "122000000000003"),
])
def test_cards_found(text: str, value: str) -> None:
    assert found(CARDS, text) == [value]


def test_each_card_of_a_list_with_different_separators() -> None:
    text = "4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881"
    assert found(CARDS, text) == ["4012888888881881", "4012-8888-8888-1881",
                                  "4012 8888 8888 1881"]


@pytest.mark.parametrize("text", [
    "card 4111 1111 1111 1112",  # Luhn-invalid
    "order 4111111111111112",  # Luhn-invalid
    "ts 1748503543012",  # 13 digits, Luhn-valid, but only Visa (4...) has 13-digit numbers
    "0000 0000 0000 0000",  # one repeated digit
    "call 4111 1111-1111 1111",  # mixed separators are not one number
])
def test_cards_rejected(text: str) -> None:
    assert found(CARDS, text) == []


# ---------------------------------------------------------------------- IBAN
IBAN = IbanCodeRecognizer()


@pytest.mark.parametrize("text, value", [
    ("DE89370400440532013000", "DE89370400440532013000"),
    ("iban: DE89 3704 0044 0532 0130 00.", "DE89 3704 0044 0532 0130 00"),
    ("my iban is de89 3704 0044 0532 0130 00", "de89 3704 0044 0532 0130 00"),
    ("DE89-3704-0044-0532-0130-00", "DE89-3704-0044-0532-0130-00"),
    ("DE 89 370 400 440 532 013 000 ok", "DE 89 370 400 440 532 013 000"),
    ("GB82 WEST 1234 5698 7654 32 and more", "GB82 WEST 1234 5698 7654 32"),
    ("pay to gb82west12345698765432", "gb82west12345698765432"),
    ("NO9386011117947", "NO9386011117947"),
])
def test_iban_any_grouping_and_case(text: str, value: str) -> None:
    assert found(IBAN, text) == [value]


@pytest.mark.parametrize("text", [
    "DE89 3704 0044 0532 0130 01",  # checksum
    "DE89370400440532013000123",  # the run goes on past the German length
    "AT61 1904 3002 3457 320",  # one character short for AT
    "the code is ab12cdefghijklmnop",
])
def test_iban_rejected(text: str) -> None:
    assert found(IBAN, text) == []


# ---------------------------------------------------------------------- phones
PHONES = InternationalPhoneRecognizer()


@pytest.mark.parametrize("text, value", [
    ("Call +44 20 7946 0958 today", "+44 20 7946 0958"),
    ("+1 (555) 123-4567", "+1 (555) 123-4567"),
    ("+44 (20) 7123 4567", "+44 (20) 7123 4567"),
    ("my international one is +91 4155550132", "+91 4155550132"),
    ("0049-30-1234567", "0049-30-1234567"),
    ("001-668-040-8670x1711", "001-668-040-8670x1711"),
    ("(415) 555-0132", "(415) 555-0132"),
    ("(415)555-0132", "(415)555-0132"),
    ("415-555-0132", "415-555-0132"),
    ("415.555.0132 is mine", "415.555.0132"),
    ("(88) 684-334", "(88) 684-334"),
    ("0487 23 46 71", "0487 23 46 71"),
    ("20-32-85-26", "20-32-85-26"),
    ("555-1234", "555-1234"),
    ("751-954-9268-Fax", "751-954-9268"),
])
def test_phone_layouts_without_context(text: str, value: str) -> None:
    assert found(PHONES, text) == [value]


@pytest.mark.parametrize("text, value", [
    ("My phone: 9493 7477", "9493 7477"),
    ("call me on 2813882583", "2813882583"),
    ("96 228011 office", "96 228011"),
    ("my number is 322 327 102", "322 327 102"),
])
def test_weak_phone_layouts_need_context(text: str, value: str) -> None:
    assert found(PHONES, text) == [value]
    bare = value + " is the value"
    assert found(PHONES, bare) == []


@pytest.mark.parametrize("text", [
    "Today is 2021-05-21",
    "Today is 21.05.2021",
    "Born 12/05/1984, call me",
    "on 05-20-2021 we called",
    "ssn 123-45-6789",  # SSN layout is never a phone
    "server 192.168.10.10",
    "from 2019-2023 we",
    "01 4589 40th Street",  # short trunk-prefixed groups are house numbers
])
def test_dates_ssns_and_ips_are_not_phones(text: str) -> None:
    assert found(PHONES, text) == []


def test_other_identifier_words_do_not_make_a_number_a_phone() -> None:
    assert found(PHONES, "My driver's license number is 425700624") == []
    assert found(PHONES, "order number 12345678") == []
    assert found(PHONES, "my number is 425700624") == ["425700624"]


# ---------------------------------------------------------------------- US SSN
SSN = UsSsnContextRecognizer()


def test_ssn_dashed_layout() -> None:
    assert found(SSN, "it is 536-22-1234.") == ["536-22-1234"]


def test_ssn_other_groupings_only_with_context() -> None:
    assert found(SSN, "number 536221234") == []
    assert found(SSN, "my SSN is 536221234") == ["536221234"]
    assert score_of(SSN, "social security number 536 221234", "536 221234") >= 0.75


@pytest.mark.parametrize("value", ["000-12-3456", "666-12-3456", "912-12-3456", "536-00-1234",
                                   "536-22-0000", "123-45-6789"])
def test_ssn_invalid_numbers(value: str) -> None:
    assert found(SSN, f"SSN {value}") == []


# ---------------------------------------------------------------------- API keys
KEYS = ApiKeyRecognizer()


@pytest.mark.parametrize("value", [
    "ghp_" + "a1B2" * 9,
    "AKIAIOSFODNN7EXAMPLE",
    "sk-proj-" + "x9" * 12,
    "xoxb-1234567890-abcdefghij",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
])
def test_api_keys(value: str) -> None:
    assert found(KEYS, f"use {value} here") == [value]


def test_bearer_token_without_the_word_bearer() -> None:
    assert found(KEYS, "Authorization: Bearer abcdefghijklmnop1234") == ["abcdefghijklmnop1234"]


def test_ordinary_words_are_not_keys() -> None:
    assert found(KEYS, "skip-the-line tickets and a ghost story") == []


# ---------------------------------------------------------------------- street addresses
def test_street_address() -> None:
    addr = StreetAddressRecognizer()
    assert found(addr, "I live at 221B Baker Street, London") == ["221B Baker Street"]
    assert found(addr, "we have 3 Street Fighter games") == []


def test_patterns_stay_case_sensitive_whatever_flags_the_analyzer_passes() -> None:
    import re

    addr = StreetAddressRecognizer()
    text = "we met in 12345 steps or ca 94105 and suite 12"
    flags = re.DOTALL | re.MULTILINE | re.IGNORECASE  # Presidio's own default
    assert addr.analyze(text, ["STREET_ADDRESS"], None, flags) == []
    other = "Austin, TX 78701"
    results = addr.analyze(other, ["STREET_ADDRESS"], None, flags)
    assert [other[r.start:r.end] for r in results] == ["TX 78701"]


# ---------------------------------------------------------------------- person names
NAMES = PersonNameRecognizer()


@pytest.mark.parametrize("text, expected", [
    ("Please correct it to Dr. Jacob van Gameren?", ["Jacob van Gameren"]),
    ("mr. martin is a 50 year old man", ["martin"]),
    ("My name is Nunzia", ["Nunzia"]),
    ("sometimes people call me philipp", ["philipp"]),
    ("everyone calls me Christian", ["Christian"]),
    ("what's your name? mark pinto", ["mark pinto"]),
    ("Hi Torben, I'm contacting you about a transfer", ["Torben"]),
    ("I want to add Colton Svenningsen as a beneficiary", ["Colton Svenningsen"]),
    ("Teresa de Vaan will be talking", ["Teresa de Vaan"]),
    ("One of them, Georgina, just has to go", ["Georgina"]),
    ("have you been to a claudia nakajima concert before?", ["claudia nakajima"]),
    ("Unlike the van Gijn novel, it is short.", ["van Gijn"]),
])
def test_names_found(text: str, expected: list[str]) -> None:
    assert found(NAMES, text) == expected


def test_names_that_are_english_words_in_a_list_of_names() -> None:
    text = "They had 6: Victor, Andrew, Brandon, John, Evan and April."
    assert found(NAMES, text)[-1] == "April"
    assert found(NAMES, "April showers bring May flowers") == []


def test_vocative_and_possessive() -> None:
    assert found(NAMES, "Don't go to town, Heather!") == ["Heather"]
    assert found(NAMES, "As promised, here's Zlata's address:") == ["Zlata"]
    assert found(NAMES, "Thanks, Python!") == []
    assert found(NAMES, "the company's address") == []


def test_month_abbreviation_is_not_a_name() -> None:
    assert found(NAMES, "Jan is from Connotate") == ["Jan"]
    assert found(NAMES, "Meet on Jan 5 or Jan. 12") == []


def test_listed_together_with_known_names() -> None:
    text = "our 3 founders: Kovalev, Lee and Phillips."
    assert found(NAMES, text) == ["Kovalev", "Lee", "Phillips"]


def test_later_mentions_of_a_found_name() -> None:
    text = "Ask Brandon Wojciechowski. Wojciechowski knows."
    assert found(NAMES, text) == ["Brandon Wojciechowski", "Wojciechowski"]


def test_speaker_labels_need_a_dialogue() -> None:
    dialogue = 'Zorblax: "Who are you?"\nRebecca: "I am new here."'
    assert found(NAMES, dialogue) == ["Zorblax", "Rebecca"]
    assert found(NAMES, "License: MIT\nUsage: see docs") == []
    assert found(NAMES, 'Zorblax: "Who are you?"') == []


@pytest.mark.parametrize("text", [
    "Will you call? May I ask why?",
    "Mark the tasks that are done.",
    "Grant read access to the bucket.",
    "Dear Hiring Manager, I am applying.",
    "a class called Parser and a file named Config",
    "the variable is named total_count",
    "Annotated[T, Ann1] works",
    "It was Jan Feb Mar Apr data",
    "Python, Java and Rust are languages",
    "Don't go there.",
    "I flew to St. John Street yesterday",
    "Subject: quarterly planning",
])
def test_words_that_are_not_names(text: str) -> None:
    assert found(NAMES, text) == []


def test_a_word_name_capitalised_mid_sentence_is_a_name() -> None:
    # (a sentence start says nothing: "Will you", "May I"; "call Mark?" does)
    assert found(NAMES, "Will you call Mark? May I ask why?") == ["Mark"]


def test_full_name_with_ambiguous_first_word_needs_a_known_surname() -> None:
    assert found(NAMES, "Grace Murray wrote it") == ["Grace Murray"]
    assert found(NAMES, "Hope Street Studios") == []


class _Ent(SimpleNamespace):
    pass


def _artifacts(text: str, *ents: tuple[str, str]) -> SimpleNamespace:
    items = []
    for value, label in ents:
        start = text.index(value)
        items.append(_Ent(text=value, label_=label, start_char=start, end_char=start + len(value)))
    return SimpleNamespace(entities=items)


def test_name_wins_over_a_place_label_from_ner() -> None:
    text = "Xavier is from Redfin"
    results = NAMES.analyze(text, ["PERSON"], _artifacts(text, ("Xavier", "LOCATION")))
    assert [(text[r.start:r.end], r.score) for r in results] == [("Xavier", 0.9)]


def test_known_places_stay_places() -> None:
    text = "We flew to El Salvador"
    results = NAMES.analyze(text, ["PERSON"], _artifacts(text, ("El Salvador", "LOCATION")))
    assert all(r.score < 0.85 for r in results)


def test_ner_person_parts_recalled_elsewhere_in_text() -> None:
    text = "Zorblax Quint called. Later Quint wrote back."
    results = NAMES.analyze(text, ["PERSON"], _artifacts(text, ("Zorblax Quint", "PERSON")))
    assert [text[r.start:r.end] for r in results] == ["Quint"]
    assert results[0].start == text.rindex("Quint")


def test_no_person_when_not_requested() -> None:
    assert NAMES.analyze("My name is Nunzia", ["EMAIL_ADDRESS"], None) == []


# ---------------------------------------------------------------------- known places
PLACES = KnownPlaceRecognizer()


@pytest.mark.parametrize("text, expected", [
    ("He moved from Antigua and Barbuda to Berlin", ["Antigua and Barbuda", "Berlin"]),
    ("the princess arrived at bauru this morning from bahrain.", ["bahrain"]),
    ("Marshall Islands 56293", ["Marshall Islands"]),
    ("We drove through Virginia", ["Virginia"]),
])
def test_known_places(text: str, expected: list[str]) -> None:
    assert found(PLACES, text, threshold=0.6) == expected


@pytest.mark.parametrize("text", [
    "Best wishes, and well done",  # Dutch towns named Best and Made are English words
    "Enter the Hall",
    "The bahrain office",  # lowercase places count only in all-lowercase text
    "variable Berlin_2 and Germany1",
])
def test_not_places(text: str) -> None:
    assert found(PLACES, text, threshold=0.6) == []


# ---------------------------------------------------------------------- spaCy filter
def _spacy_results(text: str, *values: str):
    from presidio_analyzer import RecognizerResult

    out = []
    for value in values:
        start = text.index(value)
        out.append(RecognizerResult("PERSON", start, start + len(value), 0.85))
    return out


@pytest.mark.parametrize("text, value", [
    ("Email me the report.", "Email"),
    ("Convert this JSON to YAML.", "Convert"),
    ("Bill the client for twelve hours.", "Bill"),
    ("Describe a typical RAG pipeline.", "RAG"),
    ("Ask Claude to summarise it.", "Claude"),
    ("Use Java or Kotlin.", "Java"),
    ("Victoria Station is closer.", "Victoria Station"),
])
def test_spacy_false_persons_dropped(text: str, value: str) -> None:
    from chatveil.detect.recognizers.ner import _false_person

    (result,) = _spacy_results(text, value)
    assert _false_person(text, result)


@pytest.mark.parametrize("text, value", [
    ("Ask Bill about the invoice.", "Bill"),
    ("John said hello.", "John"),
    ("Claude Monet painted it.", "Claude Monet"),
    ("Kowalski the engineer called.", "Kowalski the engineer") ,
])
def test_spacy_real_persons_kept(text: str, value: str) -> None:
    from chatveil.detect.recognizers.ner import _false_person

    (result,) = _spacy_results(text, value)
    assert not _false_person(text, result)


# ---------------------------------------------------------------------- registry
def test_default_recognizers() -> None:
    recognizers = default_recognizers("en")
    names = [r.name for r in recognizers]
    assert len(names) == len(set(names))
    assert any(isinstance(r, FilteredSpacyRecognizer) for r in recognizers)
    assert {"PERSON", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "US_SSN", "API_KEY",
            "STREET_ADDRESS", "EMAIL_ADDRESS", "IP_ADDRESS"} <= {
        e for r in recognizers for e in r.supported_entities}
    assert all(not r.context for r in recognizers if r.name.startswith("Chatveil"))


# ---------------------------------------------------------------------- through the guard
def test_guard_detects_with_real_ner() -> None:
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from chatveil import Guard

    guard = Guard()
    text = ("Email me at jane.doe@example.com. Xavier is from Redfin; call him on "
            "0487 23 46 71 or pay DE89 3704 0044 0532 0130 00.")
    spans = {(text[s.start:s.end], s.entity_type) for s in guard.detect(text)}
    assert ("Email", "PERSON") not in spans
    assert ("Xavier", "PERSON") in spans
    assert ("0487 23 46 71", "PHONE_NUMBER") in spans
    assert ("DE89 3704 0044 0532 0130 00", "IBAN_CODE") in spans
    assert ("jane.doe@example.com", "EMAIL_ADDRESS") in spans


def test_products_in_technical_chat_are_not_places() -> None:
    from chatveil import Guard

    text = "I run Ubuntu on Windows, watch Netflix and Spotify, and live in Berlin."
    spans = Guard().detect(text)
    assert [(text[s.start:s.end], s.entity_type) for s in spans] == [("Berlin", "LOCATION")]
