"""Turns that go ahead against the worker's index and commit in one store call
(:meth:`SessionState.committed`), on an in-memory store that commits: taken, refused (another
worker got in between: undone, caught up, done again), failing (undone, fails closed)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from chatveil import Entry, Guard, GuardConfig, MemoryVaultStore
from chatveil.errors import StoreUnavailableError
from chatveil.index import VaultIndex
from chatveil.state import Added, Entries
from chatveil.state.stores import Committed, CommittingStore
from fakes import SECRET, FakeDetector

FIRST = "Peter Novak met Anna Berg."
NEW = "Mary Quinn and Peter Novak wrote to Olga Petrova."
RIVAL = Entry("Mary Quinn", "Zed Quill", "PERSON", (("Mary", "Zed"), ("Quinn", "Quill")))


class CommittingMemoryStore(MemoryVaultStore):
    """A memory store with ``commit``, recording the calls a guard makes."""

    def __init__(self) -> None:
        super().__init__()
        self.ops: list[str] = []
        self._inside = 0
        self.rival: Entry | None = None
        self.fail = False

    def _op(self, name: str) -> None:
        if not self._inside:  # (not the calls a store method makes itself)
            self.ops.append(name)

    def entries(self, session_id: str, since: int = 0) -> Entries:
        self._op("entries")
        return super().entries(session_id, since)

    def add_many(self, session_id: str, entries: Sequence[Entry], *, since: int) -> Added:
        self._op("add_many")
        self._inside += 1
        try:
            return super().add_many(session_id, entries, since=since)
        finally:
            self._inside -= 1

    def commit(self, session_id: str, entries: Sequence[Entry], *, epoch: str, since: int,
               want: Sequence[bytes] = (), put: Sequence[tuple[bytes, bytes]] = ()
               ) -> Committed:
        self._op("commit")
        if self.fail:
            raise StoreUnavailableError("add", "cannot connect")
        if self.rival is not None:  # another worker stores this original first
            self.add(session_id, self.rival)
            self.rival = None
        self._inside += 1
        try:
            return self._commit(session_id, entries, epoch, since, want)
        finally:
            self._inside -= 1

    def _commit(self, session_id: str, entries: Sequence[Entry], epoch: str, since: int,
                want: Sequence[bytes]) -> Committed:
        with self._lock:
            now = self.entries(session_id)
            if now.epoch == epoch and now.version == since:
                added = self.add_many(session_id, entries, since=since)
                return Committed(True, added.stored, Entries(
                    epoch, added.batch.version, (), added.batch.counters))
            read = self.entries(session_id,
                                            since if now.epoch == epoch else 0)
            return Committed(False, (), read, tuple(None for _ in want))


def _guard(store: MemoryVaultStore) -> Guard:
    return Guard(GuardConfig(secret_key=SECRET), detector=FakeDetector(), vault_store=store)


def _same_as_store(guard: Guard, store: MemoryVaultStore, sid: str = "s") -> None:
    index = guard._live.get(sid).state.index  # type: ignore[union-attr]
    stored = MemoryVaultStore.entries(store, sid)
    assert (index.epoch, index.entries()) == (stored.epoch, list(stored.entries))


def test_a_turn_of_the_only_writer_is_one_store_call() -> None:
    store = CommittingMemoryStore()
    assert isinstance(store, CommittingStore)
    guard = _guard(store)
    guard.pseudonymize(FIRST, session_id="s")  # the session's first turn: created, caught up
    store.ops.clear()
    masked = guard.pseudonymize_batch([FIRST, NEW], session_id="s")
    assert store.ops == ["commit"]
    assert guard.restore(masked[1], session_id="s") == NEW
    _same_as_store(guard, store)


def test_a_refused_turn_is_undone_caught_up_and_done_again() -> None:
    store = CommittingMemoryStore()
    guard = _guard(store)
    guard.pseudonymize(FIRST, session_id="s")
    state = guard._live.get("s").state  # type: ignore[union-attr]
    before = state.remembered(FIRST)
    store.rival = RIVAL
    store.ops.clear()
    masked = guard.pseudonymize_batch([FIRST, NEW], session_id="s")
    assert store.ops == ["commit", "add_many"]  # refused; then the values left, added
    assert "Zed Quill" in masked[1] and "Mary Quinn" not in masked[1]
    assert "Olga Petrova" not in masked[1]
    assert guard.restore(masked[1], session_id="s") == NEW
    _same_as_store(guard, store)
    # FIRST's result made before the turn is still the one remembered (checked again)
    assert state.remembered(FIRST).masked == before.masked
    # the turn after a refusal catches up first; the one after that goes ahead again
    store.ops.clear()
    assert guard.pseudonymize_batch([FIRST, NEW], session_id="s") == masked
    assert store.ops == ["entries"]
    store.ops.clear()
    assert guard.pseudonymize_batch([FIRST, NEW], session_id="s") == masked
    assert store.ops == ["commit"]


def test_a_failing_commit_keeps_nothing_of_the_turn() -> None:
    store = CommittingMemoryStore()
    guard = _guard(store)
    guard.pseudonymize(FIRST, session_id="s")
    state = guard._live.get("s").state  # type: ignore[union-attr]
    version = state.index.version
    store.fail = True
    with pytest.raises(StoreUnavailableError):
        guard.pseudonymize_batch([FIRST, NEW], session_id="s")
    assert state.index.version == version and state.remembered(NEW) is None
    assert state.index.by_original("Mary Quinn") is None
    store.fail = False
    masked = guard.pseudonymize_batch([FIRST, NEW], session_id="s")
    assert guard.restore(masked[1], session_id="s") == NEW
    _same_as_store(guard, store)


def test_truncate_gives_the_index_it_was() -> None:
    kept = [Entry("Peter Novak", "Carl Diaz", "PERSON", (("Peter", "Carl"), ("Novak", "Diaz"))),
            Entry("anna@example.org", "lee@example.net", "EMAIL_ADDRESS"),
            Entry("Bern", "Oslo", "LOCATION", weak=True)]
    more = [Entry("Diaz", "Ruiz", "PERSON"),  # an original that is a surrogate part
            Entry("Peter Smith", "Carl Wong", "PERSON", (("Peter", "Carl"), ("Smith", "Wong"))),
            Entry("+1 555 010 4477", "+1 555 019 8812", "PHONE_NUMBER")]
    index = VaultIndex("e")
    index.extend(kept)
    index.confirm("Bern")
    index.recall_index_since(1)  # (cached: must not survive)
    index.extend(more)
    index.truncate(len(kept))
    fresh = VaultIndex("e")
    fresh.extend(kept)
    fresh.confirm("Bern")
    assert index.entries() == kept and index.version == len(kept)
    assert index.epoch == "e" and index.unconfirmed == fresh.unconfirmed == set()
    assert index.by_original("Diaz") is None and not index.numbers.taken("+1 555 019 8812")
    assert dict(index.part_original) == dict(fresh.part_original)
    assert dict(index.part_surrogate) == dict(fresh.part_surrogate)
    assert index.recall_index_since(1)[1] == fresh.recall_index_since(1)[1]
    from chatveil.restore import Matcher

    text = "Carl Diaz (lee@example.net) saw Diaz and Carl Wong in Oslo; call +1 555 019 8812."
    assert Matcher(index).restore(text) == Matcher(fresh).restore(text)
    assert index.collides("X", "Ruiz", ()) == fresh.collides("X", "Ruiz", ())
    index.truncate(10)  # beyond: nothing changes
    assert index.entries() == kept
