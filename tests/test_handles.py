"""``@handles`` (USERNAME): found when they name someone, never code, scopes or group mentions;
faked in their own shape and restored exactly."""

from __future__ import annotations

import pytest

from chatveil import Guard, GuardConfig
from chatveil.config import DEFAULT_ENTITIES
from chatveil.detect.recognizers import HandleRecognizer
from chatveil.strategies.faker import FakerStrategy

HANDLES = HandleRecognizer()


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in HANDLES.analyze(text, ["USERNAME"], None)
            if r.score >= 0.4]


@pytest.mark.parametrize("text, value", [
    ("ping @maria.lopez about the invoice", "maria.lopez"),  # a surname no English word
    ("@maria.lopez can you check?", "maria.lopez"),
    ("@john.smith said so", "john.smith"),  # a first name, then a surname
    ("cc @Priya_Sharma", "Priya_Sharma"),  # after a handle word
    ("my handle is @jdoe", "jdoe"),
    ("@jdoe on slack", "jdoe"),  # a platform after it
    ("follow me on twitter @mlopez88", "mlopez88"),
    ("ask @mlopez88", "mlopez88"),  # letters, then a few digits
    ("thanks @angelawood!", "angelawood"),  # a first name and a surname run together
    ("@dcarter said it's fine", "dcarter"),  # an initial and a surname
    ("@maria.lopez", "maria.lopez"),  # the whole message
    ("@maria.lopez\nthanks for the help", "maria.lopez"),
    ("thanks @maria!", "maria"),  # a greeting: someone is thanked
    ("@maria are you free?", "maria"),  # it opens a line and speaks to someone
    ("@maria: merged", "maria"),
    # letters of any script
    ("@nguyễn.thảo: deploy is blocked", "nguyễn.thảo"),
    ("cc @Çağla_Öztürk", "Çağla_Öztürk"),
    ("ask @jérémie99", "jérémie99"),
])
def test_handles_that_name_someone(text: str, value: str) -> None:
    assert found(text) == [value]


@pytest.mark.parametrize("text", [
    "use @property here",
    "@app.route('/x')\ndef f(): pass",
    "    @pytest.fixture\n    def x():",
    "@dataclass\nclass A:",
    "@Override\npublic void f()",
    "decorate with @functools.lru_cache(maxsize=2)",
    "@mock.patch('a.b')",
    "the @Bean annotation",
    "@Test void f()",
    "npm i @types/node",
    "import { x } from '@angular/core'",
    "@media screen and (max-width: 600px)",
    "@font-face {",
    "/** @param name the name */",
    "@author Maria Lopez",
    "@here standup in 5",
    "@channel please review",
    "@everyone",
    "mail maria.lopez@example.org",
    "write to @example.org",
    "hi @here, thanks @everyone!",  # a greeting before a group mention
    "@class or @interface",  # an initial and a short English word is no surname
    "the @State wrapper and @Published",
    "pin to image@sha256:abc",
    "@requires_blake2\n    def test(self):",  # a decorator line: code on the next line
    "@Karen_Lopez\npublic void f() {}",
    "    @ann_module.dec\n    @ann_module.dec\n    def f(self):",
])
def test_code_scopes_groups_and_emails_stay(text: str) -> None:
    assert found(text) == []


def test_username_is_a_default_type() -> None:
    assert "USERNAME" in DEFAULT_ENTITIES


@pytest.mark.parametrize("original, shape", [
    ("maria.lopez", r"[a-z]+\.[a-z]+"),
    ("Priya_Sharma", r"[A-Z][a-z]+_[A-Z][a-z]+"),
    ("mlopez88", r"[a-z]+\d\d"),
    ("J-Doe", r"[A-Z]-[A-Z][a-z]+"),
    # letters of other scripts are words too: none of them is kept
    ("hiếu.ngô", r"[a-z]+\.[a-z]+"),
    ("Çağla_Öztürk", r"[A-Z][a-z]+_[A-Z][a-z]+"),
])
def test_faker_surrogate_keeps_the_handle_shape(original: str, shape: str) -> None:
    import re

    fake, parts = FakerStrategy().fake(b"k" * 32, "USERNAME", original, 0)
    assert re.fullmatch(shape, fake) and fake != original and parts == ()
    crowded, _ = FakerStrategy().fake(b"k" * 32, "USERNAME", original, 24)
    assert re.fullmatch(shape + r"\d+", crowded)


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard(GuardConfig(secret_key=b"chatveil-tests-secret-key-0123456789")).warm_up()


def test_handle_round_trip(guard: Guard) -> None:
    text = "mail maria.lopez@example.org or ping @maria.lopez on slack; use @property here"
    guard.forget("handles")
    sent = guard.pseudonymize(text, session_id="handles")
    assert sent == ("mail darlene.spencer83@example.org or ping @christopher.young on slack; "
                    "use @property here")
    answer = "I pinged @christopher.young and wrote to darlene.spencer83@example.org."
    assert guard.restore(answer, session_id="handles") == (
        "I pinged @maria.lopez and wrote to maria.lopez@example.org.")
    guard.forget("handles")


@pytest.mark.parametrize("strategy, sent", [
    ("placeholder", "ping @<USERNAME_1> now"),
    ("redact", "ping @[REDACTED USERNAME] now"),
])
def test_other_strategies(strategy: str, sent: str) -> None:
    g = Guard(GuardConfig(secret_key=b"chatveil-tests-secret-key-0123456789", strategy=strategy,
                          entities=["USERNAME"]))
    assert g.pseudonymize("ping @maria.lopez now", session_id="s") == sent
    if strategy != "redact":
        assert g.restore(sent, session_id="s") == "ping @maria.lopez now"


def test_lines_of_a_chat_log_opened_by_mentions_are_people() -> None:
    text = ("@tunde the deploy is blocked on the cert\n@honey i can rotate it after lunch\n"
            "@tunde ok go ahead")
    assert found(text) == ["tunde", "honey", "tunde"]
    # one such line with a verb of a person after the handle
    assert found("Kemi Adeyemi  10:44 AM\n@Ritu had them last I checked") == ["Ritu"]


@pytest.mark.parametrize("text", [
    "@dataclass\n@total_ordering\nclass Point:\n    x: int",
    "@import url(base.css);\n@media screen and (max-width: 600px) {",
    "@param count the number of rows\n@return the sum of all rows",
    "@here the build is red\n@channel please hold merges",
])
def test_lines_of_code_and_doc_tags_opened_by_at_are_no_chat_log(text: str) -> None:
    assert found(text) == []
