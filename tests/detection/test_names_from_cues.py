"""Names that a cue around them gives away, in any casing: "her name is rhea", "hi mrs gill",
a passenger "LAU/CHAK LAM MR", "my friend X" where X was taken for a town, and two people
joined by "and". Written for these tests; none of these sentences is in an evaluation set."""

from __future__ import annotations

import pytest

from chatveil import Guard
from chatveil.detect._complete import complete_names
from chatveil.spans import Span
from detected import masked, persons, places


@pytest.mark.parametrize("text, name", [
    ("write a card for my neighbour, she loves gardening. her name is wren", "wren"),
    ("his name is oduya and he starts monday", "oduya"),
    ("their names are ilse and bram", "ilse"),
])
def test_a_name_after_someone_elses_name_is(warm_guard: Guard, text: str, name: str) -> None:
    assert masked(warm_guard, text, name)


@pytest.mark.parametrize("text", [
    "his name is literally the worst to spell",
    "the file name is config yaml",
])
def test_no_ordinary_word_after_name_is(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("hi mrs baker its tomos mum, he has a cough today", "baker"),
    ("can you ask mr adeyemi to call me back", "adeyemi"),
    ("is dr wojcik on shift tonight", "wojcik"),
])
def test_a_surname_after_a_lower_case_title(warm_guard: Guard, text: str, name: str) -> None:
    assert masked(warm_guard, text, name)


@pytest.mark.parametrize("text", [
    "p95 latency went from 300 ms to 40 ms",
    "i miss home so much",
    "open an mr for the fix please",
    "export it from ms excel",
])
def test_lower_case_titles_need_a_surname_after_them(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("Booking ref ZK44PL\nPassenger 1: KWOK/WING SUM MR\nFlight HKG-LHR", "KWOK/WING SUM"),
    ("Passenger 2: DE LEON/MARIA LUISA MRS", "DE LEON/MARIA LUISA"),
    ("ticket for Oyelaran/Tunde Mr, seat 14C", "Oyelaran/Tunde"),
])
def test_airline_names(warm_guard: Guard, text: str, name: str) -> None:
    assert name in persons(warm_guard, text)


def test_codes_joined_by_a_slash_are_no_passengers(warm_guard: Guard) -> None:
    assert persons(warm_guard, "Route SFO/LAX then AMS/BCN, A/C serviced") == []


def test_two_people_joined_by_a_slash_beside_a_technical_word(warm_guard: Guard) -> None:
    # "QA" beside them makes neither a tool; two placeholders together are no people
    text = "SPRINT 12: BUKOLA ON QA, NGOZI/TAREK ON THE DEPLOY CHECKLIST"
    assert masked(warm_guard, text, "NGOZI") and masked(warm_guard, text, "TAREK")
    assert persons(warm_guard, "export FOO/BAR before the build, then QA") == []


def test_a_passenger_name_round_trips(warm_guard: Guard) -> None:
    text = "Passenger 1: KWOK/WING SUM MR, seat 3A"
    masked = warm_guard.pseudonymize(text, session_id="passenger-1")
    assert "KWOK" not in masked and "WING" not in masked
    assert warm_guard.restore(masked, session_id="passenger-1") == text


def _span(text: str, value: str, kind: str) -> Span:
    start = text.index(value)
    return Span(start, start + len(value), kind, 0.85)


def test_a_place_right_after_a_relation_is_a_person() -> None:
    text = "please send it to my friend Tebogo Mokoena today"
    out = complete_names(text, [_span(text, "Tebogo", "LOCATION")])
    assert [(text[s.start:s.end], s.entity_type) for s in out] == [("Tebogo Mokoena", "PERSON")]


@pytest.mark.parametrize("text", [
    "my sister moved to Accra last year",
    "my report Accra figures are late",  # a thing, not a person
])
def test_places_after_relations_stay_places(text: str) -> None:
    out = complete_names(text, [_span(text, "Accra", "LOCATION")])
    assert [s.entity_type for s in out] == ["LOCATION"]


def test_two_people_joined_by_and() -> None:
    text = "The car pool is Ingrid and Rasmus this week."
    out = complete_names(text, [_span(text, "Ingrid", "PERSON")])
    assert sorted(text[s.start:s.end] for s in out) == ["Ingrid", "Rasmus"]


@pytest.mark.parametrize("text", [
    "The car pool is Ingrid and Kubernetes this week.",  # no name word
    "the car pool is ingrid and rasmus this week.",  # "and" in lower case proves too little
])
def test_and_pairs_need_a_capitalised_known_name(text: str) -> None:
    out = complete_names(text, [_span(text, text.split()[4], "PERSON")])
    assert len(out) == 1


@pytest.mark.parametrize("text, names", [
    ("Door duty this week: Ignacio & Nacho", ["Ignacio", "Nacho"]),  # a name that is a word
    ("Door duty this week: Hiwot & Kaleab", ["Hiwot", "Kaleab"]),
])
def test_two_given_names_joined_by_an_ampersand(warm_guard: Guard, text: str,
                                                names: list[str]) -> None:
    assert all(masked(warm_guard, text, n) for n in names)


@pytest.mark.parametrize("text", [
    "We get the uniforms at Marks & Spencer now",
    "The audit is by Ernst & Young this year",
    "A Procter & Gamble brand",
    "Ask Johnson & Johnson about it",
])
def test_firms_joined_by_an_ampersand_stay(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("The slides were done by Ramil, and Treasure did most of the research.", "Treasure"),
    ("I was referred by Precious, who left that team in the spring.", "Precious"),
    ("Ask Sunshine about the rota before Friday.", "Sunshine"),
])
def test_a_given_name_that_is_a_word_mid_sentence(warm_guard: Guard, text: str,
                                                  name: str) -> None:
    assert masked(warm_guard, text, name)


@pytest.mark.parametrize("text", [
    "We had a Lovely time at the beach.",      # after an article
    "Happy New Year from all of us!",           # beside other capitals, at a sentence start
    "My Honey Nut cereal is gone again.",       # a product's name
    "Install Apple Music on the laptop.",      # a firm
])
def test_no_word_name_where_it_is_a_word(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("ok so bilal said the match is off, but honey said it's on", "honey"),
    ("anyone know a good dentist? sunshine recommended one but i lost the number", "sunshine"),
    ("dinner at treasure's, then we go pick up kofi from the station", "treasure"),
])
def test_a_lower_case_word_name_where_only_a_person_stands(warm_guard: Guard, text: str,
                                                           name: str) -> None:
    assert masked(warm_guard, text, name)


@pytest.mark.parametrize("text", [
    "the report said the numbers are fine",          # no given name
    "it was harsh said nobody ever",                 # no clause opens before it
    "we went to the chemist's, and the doctor said rest",
])
def test_no_lower_case_word_name_without_its_place(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("THE TOUR WILL BE LED BY JORDAN HAWKINS ON FRIDAY", "JORDAN HAWKINS"),
    ("hi, chad reed from the agency will come by thursday", "chad reed"),
])
def test_a_given_name_that_is_a_country_before_a_family_name(warm_guard: Guard, text: str,
                                                             name: str) -> None:
    assert name in persons(warm_guard, text)


def test_a_country_before_a_common_word_stays_a_place(warm_guard: Guard) -> None:
    text = "FLIGHTS TO JORDAN NEXT WEEK ARE CHEAP"
    assert persons(warm_guard, text) == [] and places(warm_guard, text) == ["JORDAN"]


@pytest.mark.parametrize("text, nickname", [
    # the name someone goes by, after the full name: a name even when it is a word too
    ('Referral: Kwabena Mensah-Bonsu (prefers "Major"), follow-up in two weeks', "Major"),
    ("patient: parisa rahimi (prefers 'pari') - allergic to latex", "pari"),
    ("Our new lead Oluwaseun Adeyemi (goes by Seun) starts on Monday", "Seun"),
    ("my cousin Babajide aka Jide is visiting next week", "Jide"),
])
def test_the_name_someone_goes_by_is_a_name(warm_guard: Guard, text: str,
                                           nickname: str) -> None:
    assert masked(warm_guard, text, nickname), text


@pytest.mark.parametrize("text", [
    "time goes by fast when the build is green",
    'she prefers "dark mode" in every app she uses',
    "Kubernetes, aka K8s, is hard to learn at first",
])
def test_a_word_after_goes_by_or_prefers_is_no_name(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == [], text
