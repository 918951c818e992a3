"""Names and places from everywhere (issue 8): per slice, on sentences written for these tests.

Casing (normal, lower, UPPER), several origins, each cue (label fields, signatures, relations,
speech, an email beside its name), in-text consistency, places in any case, and PII-free
technical messages that must stay unchanged. No span crosses a line break.
"""

from __future__ import annotations

import re

import pytest

import detected
from chatveil import Guard
from chatveil.detect.recognizers._lexicon import english_dictionary
from chatveil.detect.recognizers._shape import (
    LineCases,
    compound,
    korean_given,
    technical_span,
    typo,
)
from detected import persons, places

NAME_TYPES = ("PERSON", "LOCATION")


def found(guard: Guard, text: str) -> list[str]:
    """Names and places (every span checked not to cross a line break)."""
    return detected.found(guard, text, NAME_TYPES)


def leaked(guard: Guard, text: str, value: str, session: str) -> list[str]:
    """Words of ``value`` still in the pseudonymized text."""
    out = guard.pseudonymize(text, session_id=session).casefold()
    return [w for w in value.split() if w.casefold() in out.split() or
            f"{w.casefold()}'" in out or f"{w.casefold()}," in out]


# ---------------------------------------------------------------------- casing slices
@pytest.mark.parametrize("text, name", [
    ("ATTN: OLUWASEUN ADEYEMI", "OLUWASEUN ADEYEMI"),
    ("BENEFICIARY: TRAN THI HUONG\nAMOUNT: 400 EUR", "TRAN THI HUONG"),
    ("DEAR PRIYANKA RAGHUNATHAN,\nYOUR PARCEL HAS SHIPPED.", "PRIYANKA RAGHUNATHAN"),
    ("Quick one: NOMVULA DLAMINI will present the budget.", "NOMVULA DLAMINI"),
])
def test_upper_case_names_are_found_whole(warm_guard: Guard, text: str, name: str) -> None:
    assert name in persons(warm_guard, text)  # the whole name, never only its last word


@pytest.mark.parametrize("text, name", [
    ("nurse says chidinma eze is in room 12 since monday", "chidinma eze"),
    ("pls book a table for me and siddharth venkataraman friday", "siddharth venkataraman"),
    ("ok so tsegaye said the release slipped again", "tsegaye"),
])
def test_lower_case_names_are_found(warm_guard: Guard, text: str, name: str) -> None:
    assert name in persons(warm_guard, text)


def test_a_lower_case_verb_is_no_name(warm_guard: Guard) -> None:
    text = "mark said the deploy failed again"
    values = persons(warm_guard, text)
    assert not any("said" in v or "deploy" in v or v == "the" for v in values)


@pytest.mark.parametrize("text, names", [
    ("I'm meeting Aigerim Sadykova and Jae-sung Ryu at noon.",
     ["Aigerim Sadykova", "Jae-sung Ryu"]),
    ("Can you proofread the toast Obinna wrote for Mthokozisi?", ["Obinna", "Mthokozisi"]),
    ("The contract was signed by Wirote Chaisiri and Nikolaos Papadakis.",
     ["Wirote Chaisiri", "Nikolaos Papadakis"]),
])
def test_names_of_many_origins(warm_guard: Guard, text: str, names: list[str]) -> None:
    assert persons(warm_guard, text) == names


# ---------------------------------------------------------------------- cues
def test_header_fields_and_no_span_across_lines(warm_guard: Guard) -> None:
    text = "From: Bolat Nurlanovich\nTo: Kerstin Lindqvist; Dolores Etxeberria\nSubject: invoice"
    assert persons(warm_guard, text) == ["Bolat Nurlanovich", "Kerstin Lindqvist",
                                         "Dolores Etxeberria"]
    text = "To: Susan Walker\nSubject: hello"
    assert persons(warm_guard, text) == ["Susan Walker"]


@pytest.mark.parametrize("text, name", [
    ("patient: grace okonjo, 41, follow-up in two weeks", "grace okonjo"),
    ("Employee name: Hope Wanjiru\nDepartment: finance", "Hope Wanjiru"),
    ("PAYEE: JOY ACHIENG", "JOY ACHIENG"),
])
def test_field_values_even_english_words(warm_guard: Guard, text: str, name: str) -> None:
    assert name in persons(warm_guard, text)


def test_signature_after_a_closing(warm_guard: Guard) -> None:
    text = "Thanks for the quick turnaround.\n\nBest regards,\nRahim Uddin Bhuiyan\nLogistics"
    assert "Rahim Uddin Bhuiyan" in persons(warm_guard, text)


@pytest.mark.parametrize("text, name", [
    ("my colleague Xiuying asked for the slides", "Xiuying"),
    ("please tell Mthunzi the meeting moved to 3", "Mthunzi"),
    ("my sister Faith Nakato is visiting next week", "Faith Nakato"),
])
def test_relation_and_speech_cues(warm_guard: Guard, text: str, name: str) -> None:
    assert name in persons(warm_guard, text)


def test_name_beside_its_own_email(warm_guard: Guard) -> None:
    text = "Forwarding from Ngozi Obi <ngozi.obi@example.org>, see below."
    assert "Ngozi Obi" in persons(warm_guard, text)
    assert leaked(warm_guard, text, "Ngozi Obi", "email-beside") == []


# ---------------------------------------------------------------------- consistency
def test_other_mentions_of_a_name_are_masked(warm_guard: Guard) -> None:
    text = ("Jae-sung Ryu sent the file. Later Ryu's manager asked again, "
            "and RYU replied.")
    values = persons(warm_guard, text)
    assert values[0] == "Jae-sung Ryu"
    assert values.count("Ryu") == 1 and "RYU" in values
    assert leaked(warm_guard, text, "Ryu", "consistency") == []


def test_lower_case_repeats(warm_guard: Guard) -> None:
    text = "phan thanh tung called. can you remind tung about the invoice"
    assert leaked(warm_guard, text, "phan thanh tung", "lower-repeat") == []


# ---------------------------------------------------------------------- places
@pytest.mark.parametrize("text, place", [
    ("we moved from oaxaca to wroclaw last spring", "oaxaca"),
    ("we moved from oaxaca to wroclaw last spring", "wroclaw"),
    ("BOOK A FLIGHT TO ADDIS ABABA ON FRIDAY", "ADDIS ABABA"),
    ("She is based in Bucaramanga and works remotely.", "Bucaramanga"),
    ("any tips for a weekend in Plovdiv?", "Plovdiv"),
])
def test_places_in_any_case(warm_guard: Guard, text: str, place: str) -> None:
    assert place in found(warm_guard, text)


def test_countries_always(warm_guard: Guard) -> None:
    assert "burkina faso" in places(warm_guard, "my cousin lives in burkina faso now")


# ---------------------------------------------------------------------- traps
@pytest.mark.parametrize("text", [
    "Rewrite the Ruby script in Go and benchmark it against Rust.",
    "Is Kafka or RabbitMQ better for event sourcing?",
    "Prove Bayes' theorem, then tune a Kalman filter for the drone.",
    "deploy the flask app to heroku with gunicorn and nginx",
    "Compare the earnings of Procter & Gamble and Johnson & Johnson.",
    "Dijkstra's algorithm vs Floyd-Warshall on a dense graph",
    "our namespace rollout is stuck, the kubelet keeps restarting",
    "compare pandas and polars for a 10GB csv in Julia",
    "WHY DOES TERRAFORM PLAN SHOW DRIFT ON AZURE",
    "I will grant you that we may hope for the best",
    "the pod is in CrashLoopBackOff after the helm upgrade",
    "Which is faster, the Newton-Raphson method or bisection?",
])
def test_technical_messages_are_left_alone(warm_guard: Guard, text: str) -> None:
    assert found(warm_guard, text) == []


def test_upper_and_lower_traps_are_left_alone(warm_guard: Guard) -> None:
    for text in ("HOW DO I INSTALL DOCKER ON UBUNTU", "how do i install docker on ubuntu"):
        assert persons(warm_guard, text) == [], text


# ---------------------------------------------------------------------- helpers
def test_line_cases() -> None:
    cases = LineCases("Hello there\nhow do I fix the API\nDEAR SIR OR MADAM\nok")
    assert [cases.at(p) for p in (0, 12, 33, 51)] == ["mixed", "lower", "upper", "lower"]


def test_typos_and_compounds_of_english_words() -> None:
    english = english_dictionary()
    assert typo("recieve", english) and typo("meeeting", english) and typo("documnet", english)
    assert not typo("waleed", english) and not typo("mariia", english)
    assert not typo("farhad", english) and not typo("nkechi", english)
    assert compound("namespace", english) and not compound("chirag", english)


@pytest.mark.parametrize("word, given", [
    ("sung-min", True), ("hye-won", True), ("young-soo", True), ("do-yun", True),
    ("hip-hop", False), ("ping-pong", False), ("bye-bye", False), ("set-up", False),
    ("log-in", False), ("to-do", False), ("follow-up", False), ("x-ray", False),
])
def test_korean_given_names_of_two_syllables(word: str, given: bool) -> None:
    assert korean_given(word) is given


@pytest.mark.parametrize("text, name", [
    ("Please keep Sung-min's family in your prayers.", "Sung-min"),
    ("sung-min and kyung-hee both forgot my bday", "sung-min"),
])
def test_a_korean_given_name_of_english_syllables_is_a_name(warm_guard: Guard, text: str,
                                                            name: str) -> None:
    assert name in persons(warm_guard, text)


def test_hyphenated_english_words_stay(warm_guard: Guard) -> None:
    assert found(warm_guard, "we did the set-up and a follow-up, then hip-hop class") == []


def test_technical_span_needs_context_for_words_that_are_also_names() -> None:
    text = "My friend Julia fixed it."
    assert not technical_span(text, 10, 15)
    text = "read a csv file in Julia"
    assert technical_span(text, 19, 24)
    text = "pytest or Karma for the frontend tests"
    assert technical_span(text, 10, 15)
    text = "Kofi and Karma came over"  # beside a name, not a tool
    assert not technical_span(text, 9, 14)


# ---------------------------------------------------------------------- trained NER, filtered
def test_trained_ner_reads_only_lower_and_upper_lines() -> None:
    from chatveil.detect.recognizers.trained import FilteredTrainedNerRecognizer

    ner = FilteredTrainedNerRecognizer()
    text = "Hello Team,\nsee notes from chukwuemeka below\nTHANKS, IFEOMA"
    assert [text[a:b] for a, b in ner._blocks(text)] == [
        "see notes from chukwuemeka below\nTHANKS, IFEOMA"]
    assert ner._blocks("A normal Sentence with Capitals.") == []
    assert ner.analyze("Ngozi Obi wrote the Python script.", ["PERSON", "LOCATION"]) == []


def test_trained_ner_results_are_filtered() -> None:
    from chatveil.detect.recognizers.trained import FilteredTrainedNerRecognizer

    ner = FilteredTrainedNerRecognizer()
    text = "ok so adaeze okonkwo says the kubernetes upgrade is done"
    values = [text[r.start:r.end] for r in ner.analyze(text, ["PERSON", "LOCATION"])]
    assert "adaeze okonkwo" in values
    assert not any("kubernetes" in v or "says" in v for v in values)


# ---------------------------------------------------------------------- South Asian names
@pytest.mark.parametrize("text, name", [
    # compounds of English words ("jam"+"shed", "bang"+"ash", "meh"+"mood") and a word one
    # letter from an English one: real names, known from the shipped Pakistani name lists
    ("Draft a reply to Jamshed saying we can't approve the budget until next quarter.",
     "Jamshed"),
    ("IN THE MATTER OF TANISHA SALMAN AND RAMEEN BANGASH", "BANGASH"),
    ("The booking is under Mehmood, Sabtain", "Mehmood"),
    ("my daughter nabeela rind has a peanut allergy", "rind"),
])
def test_pakistani_names_that_look_like_english_words(warm_guard: Guard, text: str,
                                                      name: str) -> None:
    assert any(name in p for p in persons(warm_guard, text))


def test_the_pakistani_lists_are_loaded() -> None:
    from chatveil.detect.recognizers._lexicon import world_names

    first, last = world_names()
    assert {"zameer", "laiba", "burhan"} <= first
    assert {"jamshed"} <= first | last
    assert {"bangash", "mehmood", "butt"} <= last


def test_a_known_name_in_capitals_after_a_cue(warm_guard: Guard) -> None:
    assert persons(warm_guard, "congrats ZAMEER!!! SO PROUD OF YOU") == ["ZAMEER"]


def test_a_numbered_plot_is_no_eponym(warm_guard: Guard) -> None:
    text = "invoice to sameera latif plot 109-c, dha phase 5, karachi"
    assert "sameera latif" in persons(warm_guard, text)
    assert technical_span("the Bode plot of the filter", 4, 8)
    assert not technical_span("Sameera Latif plot 109-c", 0, 13)


# ---------------------------------------------------------------------- address numbers
@pytest.mark.parametrize("text, kept", [
    ("Petra lives at 27 Zahradnická 412, Dolní Lhota", ["27", "412"]),  # before and after
    ("Send the forms to 41 2210 Moorcroft Rd, Leeds", ["41"]),  # a building number too
    ("Jonas Berg\n\n14 Kvernhusvegen 7\n Apt. 12\n\n Norway 40117", ["40117"]),  # postcode
])
def test_the_numbers_of_an_address_go_with_it(warm_guard: Guard, text: str,
                                              kept: list[str]) -> None:
    out = warm_guard.pseudonymize(text, session_id="numbers")
    for number in kept:
        assert number not in out, out
    assert warm_guard.restore(out, session_id="numbers") == text


@pytest.mark.parametrize("text", [
    "We moved to Paris in 2024 and to Lyon 2025.",
    "Python 3 runs on Windows 11.",
    "I have 3 apples and 12 pears.",
    "total 4445 6031 1310 6345 EUR",  # an amount, not a street
    "we met on 12 February 1968",
])
def test_no_number_joins_a_place_without_an_address(warm_guard: Guard, text: str) -> None:
    out = warm_guard.pseudonymize(text, session_id="numbers-no")
    for number in re.findall(r"\d+", text):
        assert number in out, out


@pytest.mark.parametrize("text, town", [
    ("My cousin lives in VUOKATTI now", "VUOKATTI"),
    ("Post it to Ringvegen 14, HOLMESTRAND", "HOLMESTRAND"),
])
def test_a_town_in_capitals_in_a_mixed_line(warm_guard: Guard, text: str, town: str) -> None:
    assert town not in warm_guard.pseudonymize(text, session_id="caps-town")


def test_capitals_after_in_that_are_tools_stay(warm_guard: Guard) -> None:
    for text in ("the bug is in JSON parsing", "deployed in PROD today", "it runs in AWS"):
        assert warm_guard.pseudonymize(text, session_id="caps-tool") == text


def test_one_unknown_word_after_an_article_in_a_lower_case_line(warm_guard: Guard) -> None:
    assert warm_guard.pseudonymize("the quokka sat on the mat", session_id="q") == \
        "the quokka sat on the mat"
    assert "tsegaye" in persons(warm_guard, "ok so tsegaye said the release slipped again")
    assert "sepideh" in persons(warm_guard, "the quokka sat on the mat with sepideh")


@pytest.mark.parametrize("text", [
    "see you in February",
    "we met on 12 February 1968",
    "the invoice total is 300 EUR",
    "Send 500 PKR by December",
])
def test_months_and_currency_codes_are_no_names_or_places(warm_guard: Guard, text: str) -> None:
    assert warm_guard.pseudonymize(text, session_id="months") == text


def test_names_that_look_like_currency_codes_stay_names(warm_guard: Guard) -> None:
    assert "Ron Weasley" in persons(warm_guard, "Ron Weasley called about the order.")


def test_a_name_that_is_also_a_region_joins_a_known_name(warm_guard: Guard) -> None:
    text = "power of attorney for my mother Asia Naseem who lives in Multan"
    assert "Asia Naseem" in persons(warm_guard, text)
    assert warm_guard.pseudonymize("The Danish Krone fell", session_id="krone") == \
        "The Danish Krone fell"


def test_a_name_field_takes_a_known_name_that_is_also_a_nationality(warm_guard: Guard) -> None:
    text = "EMPLOYEE NAME: EHSAN, DANISH\nDEPARTMENT: OPERATIONS"
    assert "DANISH" not in warm_guard.pseudonymize(text, session_id="field")
    assert warm_guard.pseudonymize("Nationality: Danish", session_id="field-2") == \
        "Nationality: Danish"


@pytest.mark.parametrize("text", [
    "deadline April 07, 1939",  # a month that is also a given name
    "we met on Jan 18 1988",
    "the invoice is dated 11 June 1992",
    "due in May 2024",
])
def test_a_month_inside_a_calendar_date_is_no_name_or_place(warm_guard: Guard, text: str) -> None:
    assert found(warm_guard, text) == []


def test_a_name_beside_a_date_is_still_a_name(warm_guard: Guard) -> None:
    assert persons(warm_guard, "April Nguyen signed on 12 June 1992") == ["April Nguyen"]
