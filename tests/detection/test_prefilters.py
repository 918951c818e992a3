"""Cheap searches that let a recognizer skip a text must never skip one it would find in."""

from __future__ import annotations

import pytest

from chatveil import Guard
from chatveil.detect.recognizers import default_recognizers
from chatveil.detect.recognizers.dates_of_birth import _CUE_HINT, _DOB, DateOfBirthRecognizer

#: One text per birth cue of the date-of-birth pattern.
_BIRTH_TEXTS = [
    "DOB: 6/20/62", "D.O.B. 1990-04-12", "d.o.b 03/05/1988", "date of birth: 3 May 1988",
    "birthdate 12.03.1990", "birth date: 1990-01-02", "birthday: May 3, 1988",
    "b-day 1990-01-02", "born on 3 May 1988", "born in May 1988", "born the 3rd of May 1988",
    "geboren am 3.5.1988", "geb. 03.05.1988", "Geburtsdatum: 03.05.1988",
    "Geburtstag 03.05.1988", "née le 3 mai 1988", "ne le 03/05/1988",
    "date de naissance: 03/05/1988", "fecha de nacimiento: 3 de mayo de 1988",
    "nacida el 03/05/1988", "nacido el 03/05/1988", "data di nascita 03/05/1988",
    "nato il 03/05/1988", "nata il 03/05/1988", "geboortedatum 03-05-1988",
    "Jane Roe, b. 3 May 1988", "Jane Roe (b. 1990-01-02)",
]


@pytest.mark.parametrize("text", _BIRTH_TEXTS + [t.upper() for t in _BIRTH_TEXTS])
def test_every_birth_cue_passes_the_hint(text: str) -> None:
    assert _DOB.search(text) is not None  # the case is one the pattern finds
    assert _CUE_HINT.search(text) is not None
    found = DateOfBirthRecognizer().analyze(f"Note. {text} Thanks.", ["DATE_OF_BIRTH"])
    assert [r.entity_type for r in found] == ["DATE_OF_BIRTH"]


def test_a_text_without_a_cue_is_skipped() -> None:
    text = "The meeting is on 3 May 1988 and the invoice 2024-01-02 is paid."
    assert _CUE_HINT.search(text) is None
    assert DateOfBirthRecognizer().analyze(text, ["DATE_OF_BIRTH"]) == []


def test_emails_skip_the_context_enhancer_and_still_score_highest(warm_guard: Guard) -> None:
    recognizer = next(r for r in default_recognizers() if r.name == "EmailRecognizer")
    assert not recognizer.context  # nothing for Presidio's context enhancer to look for
    detector = warm_guard.detector
    for text in ("Write to maria.lopez@example.org today.",
                 "My email is maria.lopez@example.org, thanks."):
        spans = [s for s in detector.detect(text) if s.entity_type == "EMAIL_ADDRESS"]
        assert [(text[s.start:s.end], s.score) for s in spans] == [
            ("maria.lopez@example.org", 1.0)]
