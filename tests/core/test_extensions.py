"""Custom recognizers, other models/languages, vault expiry."""

from __future__ import annotations

import time

import pytest
from presidio_analyzer import Pattern, PatternRecognizer

from chatveil import Guard, GuardConfig, MissingDependencyError, UnknownSessionError


def test_custom_recognizer_and_entity(make_guard) -> None:
    employee = PatternRecognizer(
        supported_entity="EMPLOYEE_ID",
        patterns=[Pattern("employee id", r"\bEMP-\d{6}\b", 0.9)],
        name="EmployeeIdRecognizer",
    )
    g = make_guard(custom_recognizers=[employee], entities=["EMPLOYEE_ID", "PERSON"],
                   strategies={"EMPLOYEE_ID": "placeholder"})
    masked = g.pseudonymize("Badge EMP-123456 belongs to John Smith.", session_id="x")
    assert masked.startswith("Badge <EMPLOYEEID_1> belongs to ") and "John" not in masked
    assert g.restore(masked, session_id="x") == "Badge EMP-123456 belongs to John Smith."


def test_missing_spacy_model_names_what_to_install() -> None:
    g = Guard(GuardConfig(spacy_model="de_core_news_sm", language="de"))
    with pytest.raises(MissingDependencyError, match="pip install de-core-news-sm"):
        g.pseudonymize("Hallo Welt", session_id="x")


def test_vault_expires_after_its_ttl(make_guard) -> None:
    g = make_guard(vault_ttl=1.0).warm_up()  # the model load must not eat the vault's lifetime
    masked = g.pseudonymize("Write to jane@example.org", session_id="t")
    assert g.restore(masked, session_id="t") == "Write to jane@example.org"
    time.sleep(1.3)
    with pytest.raises(UnknownSessionError):
        g.restore(masked, session_id="t")


def test_least_recently_used_sessions_are_evicted(make_guard) -> None:
    g = make_guard(max_sessions=2)
    for sid in ("a", "b", "c"):
        g.pseudonymize("Write to jane@example.org", session_id=sid)
    assert not g.has_session("a") and g.has_session("b") and g.has_session("c")
