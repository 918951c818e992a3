"""Speakers of pasted transcripts, one-name form fields, greetings with a title and
``@mentions`` in the middle of a line. Written for these tests; none of these messages is in
an evaluation set."""

from __future__ import annotations

import pytest

from chatveil import Guard
from chatveil.detect.recognizers._shape import line_cases
from detected import found, masked, persons


@pytest.mark.parametrize("text, speakers", [
    # a time before the label, the label before a time, capitals, no colon after a time
    ("[07:40] noor: running late\n[07:41] cherry: same lol\n[07:45] noor: ok see u there",
     ["noor", "cherry"]),
    ("obi [14:02]: who moved the build to friday\nkwame [14:03]: not me\n"
     "obi [14:05]: fine", ["obi", "kwame"]),
    ("DAD: WHERE ARE YOU\nSUNNY BOY: AT THE GYM\nSUNNY BOY: BACK BY 8\nDAD: OK",
     ["SUNNY BOY"]),
    ("[21:10] ayo bring the speaker pls\n[21:12] temi on it\n[21:15] ayo thanks",
     ["ayo", "temi"]),
    # a role before the name stays out of it
    ("Agent Faith: Hello, how can I help?\nCustomer: my card was charged twice\n"
     "Agent Faith: Sorry to hear that.", ["Faith"]),
    # a standup where one speaker's name is an English word
    ("Thuy: fixed the export\nHung: waiting on keys\nOkwudili: off today",
     ["Thuy", "Hung", "Okwudili"]),
])
def test_the_speakers_of_a_transcript_are_people(warm_guard: Guard, text: str,
                                                 speakers: list[str]) -> None:
    for speaker in speakers:
        assert masked(warm_guard, text, speaker), speaker
    assert not any(role in value for value in persons(warm_guard, text)
                   for role in ("Agent", "Customer", "DAD"))


@pytest.mark.parametrize("text", [
    "Error: file not found\nWarning: disk almost full\nError: retry failed",
    "Kubernetes: container orchestration\nTerraform: infrastructure as code",
    "[2024-01-01 12:00] Started build\n[2024-01-01 12:01] Finished build",
    "To Do: buy milk\nTo Buy: eggs",
    "Q: what is a closure\nA: a function with its scope\nQ: and a thunk",
    "Customer Service: how can we help\nCustomer: my order is late",
])
def test_labels_of_logs_glossaries_and_lists_are_no_speakers(warm_guard: Guard,
                                                             text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, names", [
    ("GIVEN NAMES: HOPE\nAPPLICANT SURNAME: WALKER", ["HOPE", "WALKER"]),
    ("Guest given names: Precious\nGuest surname: Mills", ["Precious", "Mills"]),
    ("EMPLOYEE NAME: VALENCIA, LOVELY\nDEPARTMENT: FINANCE", ["VALENCIA", "LOVELY"]),
])
def test_a_field_of_one_name_part_holds_a_name(warm_guard: Guard, text: str,
                                              names: list[str]) -> None:
    # (Valencia is a town too: masked as a place it still stays out)
    values = found(warm_guard, text, ("PERSON", "LOCATION"))
    for name in names:
        assert name in values, name


def test_an_empty_name_field_holds_no_name(warm_guard: Guard) -> None:
    assert persons(warm_guard, "Surname: none\nGiven names: n/a") == []


@pytest.mark.parametrize("text, name", [
    ("hi sultan sir, my leave starts monday", "sultan"),
    ("hi grant sir, kal meeting hai", "grant"),
    ("Hello Obinna sir, the report is attached.", "Obinna"),
    ("but my friend lovely says the place is closed", "lovely"),
])
def test_a_name_after_a_greeting_or_a_relation(warm_guard: Guard, text: str, name: str) -> None:
    assert masked(warm_guard, text, name)


@pytest.mark.parametrize("text", ["thank you sir, and hello good sir", "Hello Respected Sir",
                                  "my friend really says so"])
def test_words_of_address_name_no_one(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


def test_a_mention_in_the_middle_of_a_line_is_a_user(warm_guard: Guard) -> None:
    text = "great night out, sorry @honey you were right about the place"
    assert "honey" in found(warm_guard, text, ("USERNAME", "PERSON"))


@pytest.mark.parametrize("text", [
    "/**\n * @author will smith\n * @param is the flag\n */",
    "use @media screen and @import url for that",
])
def test_annotations_and_at_rules_are_no_mentions(warm_guard: Guard, text: str) -> None:
    assert found(warm_guard, text, ("USERNAME",)) == []


def test_other_mentions_of_a_word_name_in_lower_case(warm_guard: Guard) -> None:
    text = ("[18:01] ines: dinner at ivy's place on friday?\n"
            "[18:02] tomás: will ivy be cooking again lol\n"
            "[18:04] ines: ivy will be upset if we bring food. the ivy on the wall is dying")
    kept = [text[s.start:s.end] for s in warm_guard.detect(text)
            if s.entity_type == "PERSON" and text[s.start:s.end] == "ivy"]
    assert len(kept) == 3  # the owner, "will ivy be", "ivy will": not "the ivy on the wall"


def test_a_word_before_its_object_is_no_other_mention(warm_guard: Guard) -> None:
    text = "mark said the deploy failed. can you mark the ticket as done"
    assert persons(warm_guard, text) == ["mark"]


@pytest.mark.parametrize("text, name", [
    ("REFERRED BY DR KING ON MONDAY", "KING"),
    ("COACH OKAFOR SAID NO", "OKAFOR"),
    ("prayer meeting moved. pastor tunde will lead", "tunde"),
])
def test_a_title_before_a_name_in_one_casing(warm_guard: Guard, text: str, name: str) -> None:
    assert masked(warm_guard, text, name)


def test_a_role_after_an_article_is_no_title(warm_guard: Guard) -> None:
    assert persons(warm_guard, "the coach said the team played well. our pastor will lead") == []


@pytest.mark.parametrize("text, name", [
    ("sabi ni joy uuwi daw siya sa sabado", "joy"),
    ("pakisabi naman kay honey na late ako", "honey"),
    ("dinner sa bahay. si hope na bahala sa dessert", "hope"),
    ("kal grace ne bola ki meeting cancel hai", "grace"),
])
def test_names_marked_by_the_grammar_of_another_language(warm_guard: Guard, text: str,
                                                         name: str) -> None:
    assert masked(warm_guard, text, name)


def test_a_role_marked_by_another_language_is_no_name(warm_guard: Guard) -> None:
    text = "manager ne bola ki report kal tak chahiye"
    assert not masked(warm_guard, text, "manager")


@pytest.mark.parametrize("text, name", [
    ("training is off tonight. ivy bring the cones saturday", "ivy"),
    ("Pitch is frozen. Precious, bring the bibs on Saturday.", "Precious"),
    ("ok so oluchi you still owe me lunch", "oluchi"),
])
def test_a_name_told_what_to_do_at_a_sentence_start(warm_guard: Guard, text: str,
                                                    name: str) -> None:
    assert masked(warm_guard, text, name)


@pytest.mark.parametrize("text", [
    "Will bring the cake tomorrow. Hope you are well. Bless you!",
    "hope you're ok. please bring snacks. everyone bring a chair",
    "Check your settings. Stop calling me. Make sure to fix it.",
    "Rich text editor for react, any recommendations?",
])
def test_orders_and_wishes_without_a_name(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []



@pytest.mark.parametrize("line, case", [
    # a speaker's or a field's label in capitals first does not make a lower-case line "mixed"
    ("[00:01:12] CALLER: hi it's amarachi okwuosa, i missed my appointment", "lower"),
    ("CUSTOMER yes this is ifeoma nwachukwu calling about my refund", "lower"),
    ("I think the API is down", "lower"),
    ("Hi it's Amarachi, CALLER here", "mixed"),
    ("the ticket says ESCALATION pending", "mixed"),  # only a first word is a label
])
def test_a_label_in_capitals_leaves_a_line_in_lower_case(line: str, case: str) -> None:
    assert line_cases(line).at(0) == case
