"""Chat shorthand, contractions and forms in other languages: what is a name there and what is
not. Written for these tests; none of these sentences is in an evaluation set."""

from __future__ import annotations

import pytest

from chatveil import Guard
from detected import found, masked, persons, places


@pytest.mark.parametrize("text", [
    "omw, traffic on the bridge is insane rn",
    "ngl idk if that works tbf, lmk wyd",
    "Omw! Hmu when u land, ttyl",
    # the short forms of CVs and job posts: "5 yrs exp" was taken for a street address
    "need a jd for a senior backend role, 5 yrs exp, 3 wks notice",
])
def test_chat_shorthand_is_no_name(warm_guard: Guard, text: str) -> None:
    assert found(warm_guard, text) == []


@pytest.mark.parametrize("text, name, after", [
    ("tell anneliese i'll be late tonight", "anneliese", "i'll"),
    ("I told Oyelaran we're almost done", "Oyelaran", "we're"),
])
def test_a_contraction_after_a_name_is_not_part_of_it(warm_guard: Guard, text: str, name: str,
                                                     after: str) -> None:
    assert name in persons(warm_guard, text)
    assert not any(after in value for value in found(warm_guard, text))


def test_a_dictionary_word_is_no_place_in_text_of_one_casing(warm_guard: Guard) -> None:
    # Lent is a Dutch town, and an English word; countries stay places in any casing
    assert places(warm_guard, "so i lent my car to a friend for the weekend") == []
    assert places(warm_guard, "SO I LENT MY CAR TO A FRIEND") == []
    assert places(warm_guard, "we moved from málaga to turkey last year") == ["málaga", "turkey"]
    assert places(warm_guard, "I grew up in Lent, near Nijmegen.") == ["Lent", "Nijmegen"]


def test_the_labels_of_a_french_form_stay_and_its_values_go(warm_guard: Guard) -> None:
    text = "Nom : OKONKWO\nPrénom : Blessing\nVille : Lyon"
    values = found(warm_guard, text)
    assert "OKONKWO" in values and "Blessing" in values and "Lyon" in values
    assert not any(label in v for v in values for label in ("Nom", "Prénom"))


@pytest.mark.parametrize("text, name", [
    ("First name: Hope\nLast name: Adeyemi", "Hope"),
    ("prénom : joy\nnom : dela peña", "joy"),
    ("Vorname: Sunny\nNachname: Brandt", "Sunny"),
])
def test_a_given_name_field_holds_a_name_even_an_english_word(warm_guard: Guard, text: str,
                                                              name: str) -> None:
    assert masked(warm_guard, text, name)


@pytest.mark.parametrize("text", ["First name: none\nEmail: n/a", "Given name: same\n"])
def test_an_empty_given_name_field_holds_no_name(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


def test_a_thing_listed_beside_a_name_is_no_name(warm_guard: Guard) -> None:
    text = "rodel designed the slides and mark anthony did the demo"
    assert "slides" not in " ".join(found(warm_guard, text))
    assert masked(warm_guard, text, "mark anthony")


@pytest.mark.parametrize("text", [
    "IS THERE A MCDONALD'S OPEN AFTER MIDNIGHT NEAR THE STATION",
    "ferrari f1 pit stops were slow again",
])
def test_a_firm_in_text_of_one_casing_is_no_name(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


@pytest.mark.parametrize("text, name", [
    ("can u check why adeyemi's build keeps failing on main", "adeyemi"),
    ("is this thabo's charger or nkechi's", "thabo"),
    ("Dinner is at aunty wambui's place on Friday, bring a dish", "wambui"),
    # a word after it that makes a capitalised word an eponym ("Fisher's test") changes nothing
    ("why does ekwueme's test suite take 40 min on CI", "ekwueme"),
])
def test_a_word_in_lower_case_that_owns_something_is_a_name(warm_guard: Guard, text: str,
                                                          name: str) -> None:
    assert masked(warm_guard, text, name), text


@pytest.mark.parametrize("text", [
    "why is numpy's dot so slow? let's check kubectl's logs, it's the app's fault",
    "the team's roadmap and the company's policy say otherwise, that's all",
])
def test_a_word_or_tool_in_lower_case_that_owns_something_is_no_name(warm_guard: Guard,
                                                                    text: str) -> None:
    assert persons(warm_guard, text) == [], text
