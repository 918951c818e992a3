"""Lower-case names known by what they do, names beside a kinship compound, pairs joined by
"&", names a booking is held under, form columns without a colon, and words that are a
nationality as well as a name. Written for these tests; none of these messages is in an
evaluation set."""

from __future__ import annotations

import pytest

from chatveil import Guard
from detected import found, masked, persons


@pytest.mark.parametrize("text, name", [
    # an English word that is a given name, before what only a person does
    ("tbh i just found out grace has been telling everyone about the raise", "grace"),
    ("ngl sunny is the only one who remembered my bday", "sunny"),
    ("the group project was a mess, hope did most of the work", "hope"),
    ("ok amber can u review the slides before 5", "amber"),
    ("so will messaged me at midnight about the keys", "will"),
    # a word of no English list does too
    ("lol apparently kwabena owes me 20 quid", "kwabena"),
    ("and oluwaseun apologised in the end", "oluwaseun"),
])
def test_a_lower_case_name_is_known_by_what_only_a_person_does(warm_guard: Guard, text: str,
                                                               name: str) -> None:
    assert masked(warm_guard, text, name), text


@pytest.mark.parametrize("text", [
    "ngl long is the only way this works",
    "how long can you stay at the venue",
    "the harsh truth is the only one that matters",
    "tbh grace period said nothing about late fees",
    "and bhai said he would come",
])
def test_ordinary_words_before_such_verbs_stay(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("should i cc honey on the vendor thread or just forward it", "honey"),
    ("big shoutout to hope for covering my shift lol", "hope"),
    ("i gave the keys back in front of grace. she saw it", "grace"),
    ("can u ask sunny about the refund", "sunny"),
])
def test_a_lower_case_name_after_a_verb_that_takes_a_person(warm_guard: Guard, text: str,
                                                           name: str) -> None:
    assert masked(warm_guard, text, name), text


@pytest.mark.parametrize("text", [
    "ask harsh questions in the exit interview",
    "my grandad loved to tell long stories about the war",
    "i used to long for weekends like this",
])
def test_a_word_after_such_a_verb_that_goes_on_to_a_noun_stays(warm_guard: Guard,
                                                               text: str) -> None:
    assert persons(warm_guard, text) == []


def test_a_chat_word_the_model_takes_along_stays_out_of_the_name(warm_guard: Guard) -> None:
    text = "ngl kwabena is the only one who texted back"
    assert persons(warm_guard, text) == ["kwabena"]


@pytest.mark.parametrize("text, name", [
    ("please add my sister-in-law, olusola adeyemi, who lives in ibadan", "olusola adeyemi"),
    ("My father-in-law, Tran Van Hieu, arrives on Monday.", "Tran Van Hieu"),
])
def test_a_name_beside_a_kinship_compound_is_no_product(warm_guard: Guard, text: str,
                                                        name: str) -> None:
    assert masked(warm_guard, text, name), text


@pytest.mark.parametrize("text, names", [
    ("Door duty this week: Ruud & Marieke", ["Ruud", "Marieke"]),
    ("Flowers: Princess & Reynaldo", ["Princess", "Reynaldo"]),
])
def test_two_given_names_joined_by_and_sign_are_people(warm_guard: Guard, text: str,
                                                      names: list[str]) -> None:
    for name in names:
        assert masked(warm_guard, text, name), name


@pytest.mark.parametrize("text", [
    "We ordered the report from Ernst & Young last year.",
    "The book came out with Simon & Schuster.",
    "Procter & Gamble raised prices again.",
    "Is Marks & Spencer open on Sunday?",
])
def test_firms_named_after_people_stay(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("Day 3: hotel check-in is under Porter, late arrival", "Porter"),
    ("the table is booked under Okonkwo for 8pm", "Okonkwo"),
    ("Reservation under Nakamura, two nights", "Nakamura"),
])
def test_the_name_a_booking_is_held_under(warm_guard: Guard, text: str, name: str) -> None:
    assert masked(warm_guard, text, name), text


@pytest.mark.parametrize("text", [
    "The room is under maintenance until Friday.",
    "To Read: the new onboarding guide",
    "To Watch: the keynote recording",
])
def test_headings_and_states_are_no_names(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


def test_a_form_column_without_a_colon_holds_a_name(warm_guard: Guard) -> None:
    text = "Merci de vérifier:\nNom  HOSSAIN\nVille  Sylhet"
    assert masked(warm_guard, text, "HOSSAIN"), found(warm_guard, text)


@pytest.mark.parametrize("text, name", [
    ("Please forward the offer to Danish Khan by Friday.", "Danish Khan"),
    ("the lease is still in the name of danish qureshi, who left in may", "danish qureshi"),
    ("her name is thais and she starts on monday", "thais"),
    ("My name is Islam Hossain and I run the night shift.", "Islam Hossain"),
])
def test_a_nationality_that_is_also_a_name(warm_guard: Guard, text: str, name: str) -> None:
    assert masked(warm_guard, text, name), found(warm_guard, text)


@pytest.mark.parametrize("text", [
    "She speaks Danish and a bit of German.",
    "We flew Danish Air to Copenhagen.",
    "Danish pastries for the standup, anyone?",
    "my name is Python, says the snake in the kids' book",
])
def test_a_nationality_or_tool_alone_stays(warm_guard: Guard, text: str) -> None:
    assert not any(word in value for value in persons(warm_guard, text)
                   for word in ("Danish", "Python"))
