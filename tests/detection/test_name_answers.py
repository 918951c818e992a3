"""The answer to a question for a name in a pasted transcript (detect.recognizers.dialogue)."""

from __future__ import annotations

import pytest

from chatveil.detect.recognizers import NameAnswerRecognizer


def answers(text: str) -> list[str]:
    return [text[r.start:r.end] for r in NameAnswerRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize("text, name", [
    ("[Chat started 14:02]\nBot: Hi! What's your name?\nVisitor: ilse\nBot: Thanks!", "ilse"),
    ("Agent: May I have your full name please?\nCustomer: it's Hon Lun Cheung", "Hon Lun Cheung"),
    ("whats your name\nsung min", "sung min"),
    ("Who am I speaking with?\n[10:02] Caller: Ngozi Eze.", "Ngozi Eze"),
])
def test_the_answer_to_a_question_for_a_name(text: str, name: str) -> None:
    assert answers(text) == [name]


@pytest.mark.parametrize("text", [
    "What is your name?\nno",
    "Bot: What's your name?\nVisitor: why do you need it",
    "Bot: What's your name?\nVisitor: I need to change my delivery address",  # a sentence
    "My name is on the list\nsee you there",                                 # no question
])
def test_lines_that_answer_no_name(text: str) -> None:
    assert answers(text) == []
