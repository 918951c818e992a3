"""A batch's new entries reach the store in one call; a race with another worker is redone."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from chatveil import Entry, Guard, GuardConfig, MemoryVaultStore
from chatveil.errors import StoreUnavailableError
from chatveil.state import Added
from fakes import SECRET, FakeDetector

TEXT = "Peter Novak met Anna Berg."
RIVAL = Entry("Peter Novak", "Zed Quill", "PERSON", (("Peter", "Zed"), ("Novak", "Quill")))


class CountingStore(MemoryVaultStore):
    def __init__(self) -> None:
        super().__init__()
        self.batches: list[int] = []
        self.fail = False
        self.rival: Entry | None = None

    def add_many(self, session_id: str, entries: Sequence[Entry], *, since: int) -> Added:
        self.batches.append(len(entries))
        if self.fail:
            raise StoreUnavailableError("add", "cannot connect")
        if self.rival is not None:  # another worker stores this original first
            super().add(session_id, self.rival)
            self.rival = None
        return super().add_many(session_id, entries, since=since)


def _guard(store: MemoryVaultStore) -> Guard:
    return Guard(GuardConfig(secret_key=SECRET), detector=FakeDetector(), vault_store=store)


def test_new_values_of_a_batch_are_stored_in_one_call() -> None:
    store = CountingStore()
    guard = _guard(store)
    masked = guard.pseudonymize_batch([TEXT, "Mail anna.berg@example.org"], session_id="s")
    assert store.batches == [3]
    assert guard.pseudonymize(TEXT, session_id="s") == masked[0]  # nothing new: no call
    assert store.batches == [3]
    other = _guard(store)  # another worker reads what was stored
    assert other.restore(" ".join(masked), session_id="s") == (
        TEXT + " Mail anna.berg@example.org")


def test_an_original_another_worker_stored_first_is_redone_with_its_surrogate() -> None:
    store = CountingStore()
    store.create("s")
    store.rival = RIVAL
    guard = _guard(store)
    masked = guard.pseudonymize(TEXT, session_id="s")
    assert masked.startswith("Zed Quill met ") and "Anna" not in masked
    assert store.batches == [2]  # Anna's entry was taken; Peter's is the other worker's
    assert guard.restore(masked, session_id="s") == TEXT
    assert _guard(store).restore(masked, session_id="s") == TEXT
    assert [e.original for e in store.entries("s").entries] == ["Peter Novak", "Anna Berg"]


def test_entries_another_worker_added_meanwhile_are_indexed_in_the_store_order() -> None:
    store = CountingStore()
    store.create("s")
    store.rival = Entry("Maria Lopez", "Lina Ward", "PERSON")  # not in this batch
    guard = _guard(store)
    masked = guard.pseudonymize(TEXT, session_id="s")
    assert store.batches == [2]
    assert [e.original for e in store.entries("s").entries] == [
        "Maria Lopez", "Peter Novak", "Anna Berg"]
    both = masked + " Lina Ward"
    assert guard.restore(both, session_id="s") == TEXT + " Maria Lopez"
    assert _guard(store).restore(both, session_id="s") == TEXT + " Maria Lopez"


def test_a_failed_store_call_leaves_no_unstored_entry_in_the_index() -> None:
    store = CountingStore()
    guard = _guard(store)
    guard.pseudonymize("Hello.", session_id="s")
    store.fail = True
    with pytest.raises(StoreUnavailableError):
        guard.pseudonymize(TEXT, session_id="s")
    assert store.entries("s").version == 0
    # meanwhile another worker stores as many entries as the failed call had staged
    maria = Entry("Maria Lopez", "Lina Ward", "PERSON")
    store.add("s", maria)
    store.add("s", Entry("Bob Ray", "Tom Hale", "PERSON"))
    # what the failed call built (surrogates derive from the secret and the session id)
    would_be = _guard(MemoryVaultStore()).pseudonymize(TEXT, session_id="s")
    assert would_be != TEXT
    assert guard.restore(would_be, session_id="s") == would_be  # its entries are not known
    assert guard.restore("Lina Ward", session_id="s") == "Maria Lopez"  # the others' are
    store.fail = False
    masked = guard.pseudonymize(TEXT, session_id="s")
    assert "Peter" not in masked and store.entries("s").version == 4
    assert _guard(store).restore(masked, session_id="s") == TEXT
