"""A person's whole name before a word that makes one word an eponym, the field labels of a
form in capitals, and a surname after a title in capitals. Written for these tests; none of
these messages is in an evaluation set."""

from __future__ import annotations

import pytest

from chatveil import Guard
from detected import masked, persons


@pytest.mark.parametrize("text, name", [
    ("The Chiamaka Okafor version of the song sold a million copies.", "Chiamaka Okafor"),
    ("Please unlock the Marisol Quintero account, she is locked out.", "Marisol Quintero"),
    ("Is the Tran Van Minh laptop ready for pickup?", "Tran Van Minh"),
    ("We all went to the Adaeze Nwosu lecture on Friday.", "Adaeze Nwosu"),
])
def test_a_whole_name_before_a_word_of_eponyms_is_a_person(warm_guard: Guard, text: str,
                                                          name: str) -> None:
    assert masked(warm_guard, text, name), text


@pytest.mark.parametrize("text", [
    "Apply a Kalman filter before the Fourier transform.",
    "Which Visual Studio Code version do you use?",
    "Is the Jakarta EE version compatible with Spring?",
    "The Grace Hopper lecture series starts in May.",
])
def test_eponyms_and_products_stay(warm_guard: Guard, text: str) -> None:
    assert persons(warm_guard, text) == []


FORM = """PATIENT: {patient}
DOB: ON FILE
REFERRING PHYSICIAN: DR {doctor}
CLINIC: WESTSIDE GENERAL
FINDINGS: MILD ANAEMIA. NO ACUTE CHANGES.
FOLLOW-UP: 3 MONTHS

Can you explain this in plain words?"""


@pytest.mark.parametrize("patient, doctor", [
    ("OKONKWO, CHIDI", "SHEIKH"),
    ("BHATTACHARYA, RIYA", "HOUSE"),
])
def test_a_form_in_capitals_keeps_its_labels_and_loses_its_names(
        warm_guard: Guard, patient: str, doctor: str) -> None:
    text = FORM.format(patient=patient, doctor=doctor)
    out = warm_guard.pseudonymize(text, session_id="form-caps")
    for label in ("PATIENT:", "DOB:", "REFERRING PHYSICIAN:", "CLINIC:", "FINDINGS:",
                  "FOLLOW-UP:"):
        assert label in out, (label, out)
    assert patient.split(", ")[0] not in out and doctor not in out, out


def test_role_speakers_of_a_transcript_still_speak(warm_guard: Guard) -> None:
    # no field label here: "Customer:" is a party of the chat, and the label of English
    # words that speaks beside it is a person
    text = "Customer: my order never came\nBaker: sorry, let me check that for you"
    assert masked(warm_guard, text, "Baker"), text
