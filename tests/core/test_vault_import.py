"""Vault import is all or nothing: conflicts refused, malformed exports rejected before any add."""

from __future__ import annotations

import json

import pytest
from cryptography.fernet import Fernet

from chatveil import (
    Entry,
    Guard,
    MemoryVaultStore,
    SurrogateCollisionError,
    VaultCryptoError,
)
from fakes import SECRET, FakeDetector, fake_guard

PEOPLE = "Write to John Smith and Maria Garcia at john@acme.io."


def _export(guard: Guard, sid: str) -> tuple[bytes, bytes]:
    key = Guard.generate_key()
    return guard.export_session(sid, key), key


def _sealed(payload: object, key: bytes) -> bytes:
    """An export as an attacker or a buggy tool could make it: valid encryption, any content."""
    return Fernet(key).encrypt(json.dumps(payload).encode())


def _entries(guard: Guard, sid: str) -> list[tuple[str, str]]:
    return [(e.original, e.surrogate) for e in guard.vault(sid).entries]


def test_import_refuses_to_repoint_a_placeholder_and_names_only_the_count() -> None:
    source = fake_guard(strategy="placeholder")
    source.pseudonymize("Call Maria Garcia", session_id="a")  # <PERSON_1> = Maria Garcia
    blob, key = _export(source, "a")
    target = fake_guard(strategy="placeholder")
    target.pseudonymize("Call John Smith", session_id="b")  # <PERSON_1> = John Smith here
    before = _entries(target, "b")
    with pytest.raises(SurrogateCollisionError, match=r"^1 imported entries conflict") as info:
        target.import_session("b", blob, key)
    assert "Maria" not in str(info.value) and "John" not in str(info.value)
    assert _entries(target, "b") == before  # nothing added
    assert target.restore("<PERSON_1>", session_id="b") == "John Smith"


def test_import_refuses_an_original_the_session_maps_to_another_surrogate() -> None:
    source = fake_guard()
    blob, key = _export(source, _seeded(source, "a", "Call John Smith"))
    target = fake_guard(strategy="placeholder")
    target.pseudonymize("Call John Smith and Maria Garcia", session_id="b")
    before = _entries(target, "b")
    with pytest.raises(SurrogateCollisionError, match=r"^1 imported"):
        target.import_session("b", blob, key)
    assert _entries(target, "b") == before


def test_conflicts_are_counted_and_nothing_else_is_added() -> None:
    source = fake_guard(strategy="placeholder")
    source.pseudonymize("Mail a@x.io, b@x.io and c@x.io; call Maria Garcia", session_id="a")
    blob, key = _export(source, "a")
    target = fake_guard(strategy="placeholder")
    target.pseudonymize("Mail z@y.io and w@y.io", session_id="b")  # <EMAIL_1>, <EMAIL_2>
    with pytest.raises(SurrogateCollisionError, match=r"^2 imported"):
        target.import_session("b", blob, key)
    assert len(target.vault("b").entries) == 2  # the person was not imported either


def test_importing_the_same_export_twice_changes_nothing() -> None:
    guard = fake_guard()
    blob, key = _export(guard, _seeded(guard, "a", PEOPLE))
    assert guard.import_session("fresh", blob, key) == 3
    assert guard.import_session("fresh", blob, key) == 3
    assert _entries(guard, "fresh") == _entries(guard, "a")


def test_a_conflicting_import_into_a_new_session_leaves_no_session() -> None:
    guard = fake_guard()
    key = Guard.generate_key()
    blob = _sealed({"version": 1, "counters": {}, "entries": [
        {"o": "Maria Garcia", "s": "<PERSON_1>", "t": "PERSON"},
        {"o": "John Smith", "s": "Maria Garcia", "t": "PERSON"}]}, key)
    with pytest.raises(VaultCryptoError, match="2 of its 2 entries"):
        guard.import_session("new", blob, key)
    assert not guard.has_session("new")


def _seeded(guard: Guard, sid: str, text: str) -> str:
    guard.pseudonymize(text, session_id=sid)
    return sid


MALFORMED = {
    "missing surrogate": [{"o": "Ann Lee", "s": "<PERSON_1>", "t": "PERSON"},
                          {"o": "Bob Ray", "t": "PERSON"}],
    "two originals share a surrogate": [{"o": "Ann Lee", "s": "<PERSON_1>", "t": "PERSON"},
                                        {"o": "Bob Ray", "s": "<person_1>", "t": "PERSON"}],
    "one original twice": [{"o": "Ann Lee", "s": "<PERSON_1>", "t": "PERSON"},
                           {"o": "ann lee", "s": "<PERSON_2>", "t": "PERSON"}],
    "a surrogate is another's original": [{"o": "Ann Lee", "s": "Bob Ray", "t": "PERSON"},
                                          {"o": "Bob Ray", "s": "<PERSON_2>", "t": "PERSON"}],
    "surrogate equals its original": [{"o": "Ann Lee", "s": "<PERSON_1>", "t": "PERSON"},
                                      {"o": "Bob Ray", "s": "BOB RAY", "t": "PERSON"}],
    "bad entity type": [{"o": "Ann Lee", "s": "<PERSON_1>", "t": "PERSON"},
                        {"o": "Bob Ray", "s": "<PERSON_2>", "t": "person name"}],
    "bad name parts": [{"o": "Ann Lee", "s": "<PERSON_1>", "t": "PERSON"},
                       {"o": "Bob Ray", "s": "Tim Cox", "t": "PERSON", "p": [["Bob", 3]]}],
    "parts not pairs": [{"o": "Ann Lee", "s": "<PERSON_1>", "t": "PERSON"},
                        {"o": "Bob Ray", "s": "Tim Cox", "t": "PERSON", "p": "Bob"}],
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_export_adds_nothing(case: str) -> None:
    guard = fake_guard(strategy="placeholder")
    guard.pseudonymize("Call John Smith", session_id="old")
    key = Guard.generate_key()
    blob = _sealed({"version": 1, "counters": {"PERSON": 2}, "entries": MALFORMED[case]}, key)
    before = _entries(guard, "old")
    with pytest.raises(VaultCryptoError, match=r"malformed|unexpected layout") as info:
        guard.import_session("old", blob, key)
    assert "Ann" not in str(info.value) and "Bob" not in str(info.value)
    assert _entries(guard, "old") == before
    with pytest.raises(VaultCryptoError):
        guard.import_session("new", blob, key)
    assert not guard.has_session("new")


def test_malformed_counters_add_nothing() -> None:
    guard = fake_guard()
    key = Guard.generate_key()
    for counters in ({"PERSON": -1}, {"person 1": 2}, {"PERSON": "x"}):
        blob = _sealed({"version": 1, "counters": counters,
                        "entries": [{"o": "Ann Lee", "s": "<PERSON_1>", "t": "PERSON"}]}, key)
        with pytest.raises(VaultCryptoError):
            guard.import_session("n", blob, key)
        assert not guard.has_session("n")


def test_import_raises_counters_past_imported_placeholders() -> None:
    guard = fake_guard(strategy="placeholder")
    key = Guard.generate_key()
    blob = _sealed({"version": 1, "counters": {"PERSON": 1}, "entries": [
        {"o": "Ann Lee", "s": "<PERSON_1>", "t": "PERSON"},
        {"o": "Bob Ray", "s": "<PERSON_5>", "t": "PERSON"}]}, key)
    assert guard.import_session("s", blob, key) == 2
    assert guard.pseudonymize("Call John Smith", session_id="s") == "Call <PERSON_6>"


class FailingStore(MemoryVaultStore):
    """A store whose adds fail after ``ok`` of them (a network store losing its connection)."""

    def __init__(self, ok: int) -> None:
        super().__init__()
        self.ok = ok

    def add(self, session_id: str, entry: Entry) -> Entry | None:
        if self.ok <= 0:
            raise ConnectionError("store unavailable")
        self.ok -= 1
        return super().add(session_id, entry)


def test_a_store_failing_midway_leaves_no_new_session_behind() -> None:
    source = fake_guard()
    source.pseudonymize(PEOPLE, session_id="a")
    blob, key = _export(source, "a")
    store = FailingStore(ok=1)
    guard = Guard({"secret_key": SECRET}, detector=FakeDetector(), vault_store=store)
    with pytest.raises(ConnectionError):
        guard.import_session("b", blob, key)
    assert not guard.has_session("b") and not store.exists("b")


def test_a_store_failing_midway_in_an_existing_session_keeps_it_consistent() -> None:
    source = fake_guard()
    source.pseudonymize(PEOPLE, session_id="a")
    blob, key = _export(source, "a")
    store = FailingStore(ok=2)
    guard = Guard({"secret_key": SECRET}, detector=FakeDetector(), vault_store=store)
    guard.pseudonymize("Call Peter Novak", session_id="b")  # one add
    with pytest.raises(ConnectionError):
        guard.import_session("b", blob, key)
    assert len(guard.vault("b").entries) == 2  # Peter, and one imported entry
    store.ok = 10
    assert guard.import_session("b", blob, key) == 4  # importing again completes it
    masked = source.pseudonymize(PEOPLE, session_id="a")
    assert guard.restore(masked, session_id="b") == PEOPLE


def test_literal_entries_import_and_import_again() -> None:
    source = fake_guard(strategy="placeholder")
    text = "Keep the literal <PERSON_1> in the template for John Smith."
    masked = source.pseudonymize(text, session_id="a")
    assert any(e.literal for e in source.vault("a").entries)
    blob, key = _export(source, "a")
    target = fake_guard(strategy="placeholder")
    held = target.import_session("b", blob, key)
    assert target.import_session("b", blob, key) == held == len(source.vault("a").entries)
    assert target.restore(masked, session_id="b") == text
