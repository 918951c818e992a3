"""A name that signs a message off after a dash or tilde (detect.recognizers.signoffs)."""

from __future__ import annotations

import pytest

from chatveil import Guard
from chatveil.detect.recognizers import SignOffRecognizer


def signed(text: str) -> list[str]:
    return [text[r.start:r.end] for r in SignOffRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize("text, name", [
    ("my parcel was left next door, i want a refund\n- can", "can"),  # a Turkish given name
    ("Rent was due on the 1st. Thanks in advance.\n~Long", "Long"),
    ("see you at the match\n— Efua K.", "Efua K."),
    ("thanks for everything\n\n-Hope\n", "Hope"),
    ("call me back please\n- Ngozi Eze", "Ngozi Eze"),
    ("water is off on Saturday\n— Blessing, residents' committee", "Blessing"),
    ("see you there\n- Efua K., Head of Ops", "Efua K."),
    ('Reply to this for me: "Parcel is at the door.\n~Thuy"', "Thuy"),  # a quoted message
])
def test_the_name_that_signs_a_message_off(text: str, name: str) -> None:
    assert signed(text) == [name]


@pytest.mark.parametrize("text", [
    "todo:\n- buy milk\n- eggs",            # the last item of a list
    "Next steps:\n- deploy",                # a list announced by a colon
    "We are done here\n- deploy tomorrow",  # English words only
    "Great work!\n-- thanks",               # a closing formula
    "see you\n- sent from my phone",
    "notes\n- Docker",                      # a tool
    "one line only - Efua",                 # no line of its own
    "We are done here\n- deploy, then test",  # lower case before a role
    "Great work!\n-- thanks, see you",      # a closing formula
])
def test_lines_that_sign_nothing(text: str) -> None:
    assert signed(text) == []


def test_the_guard_masks_a_sign_off(warm_guard: Guard) -> None:
    text = "The rent was due on the 1st, thanks in advance.\n~Long"
    out = warm_guard.pseudonymize(text, session_id="sign-off")
    assert not out.endswith("~Long")
    assert warm_guard.restore(out, session_id="sign-off") == text
