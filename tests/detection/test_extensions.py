"""Custom recognizers, other models and languages."""

from __future__ import annotations

import pytest
from presidio_analyzer import Pattern, PatternRecognizer

from chatveil import Guard, GuardConfig, MissingDependencyError


def test_custom_recognizer_and_entity(make_presidio_guard) -> None:
    employee = PatternRecognizer(
        supported_entity="EMPLOYEE_ID",
        patterns=[Pattern("employee id", r"\bEMP-\d{6}\b", 0.9)],
        name="EmployeeIdRecognizer",
    )
    g = make_presidio_guard(custom_recognizers=[employee], entities=["EMPLOYEE_ID", "PERSON"],
                   strategies={"EMPLOYEE_ID": "placeholder"})
    masked = g.pseudonymize("Badge EMP-123456 belongs to John Smith.", session_id="x")
    assert masked.startswith("Badge <EMPLOYEEID_1> belongs to ") and "John" not in masked
    assert g.restore(masked, session_id="x") == "Badge EMP-123456 belongs to John Smith."


def test_missing_spacy_model_names_what_to_install() -> None:
    g = Guard(GuardConfig(spacy_model="de_core_news_sm", language="de"))
    with pytest.raises(MissingDependencyError, match="pip install de-core-news-sm"):
        g.pseudonymize("Hallo Welt", session_id="x")
