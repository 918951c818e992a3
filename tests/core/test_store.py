"""The vault store contract, and the in-memory store that implements it.

:class:`VaultStoreContract` is written against the :class:`chatveil.VaultStore` protocol only:
a new store (Redis...) subclasses it and overrides ``make_store`` (and ``wait_past_ttl`` if its
expiry is not driven by wall-clock sleeps) to run the same checks.
"""

from __future__ import annotations

import functools
import gc
import threading
import time
from collections.abc import Callable

import pytest

from chatveil import Entry, MemoryVaultStore, UnknownSessionError, VaultStore
from chatveil.state import ObservableStore


def entry(original: str, surrogate: str, etype: str = "PERSON") -> Entry:
    return Entry(original, surrogate, etype)


class VaultStoreContract:
    """Checks every store must pass."""

    TTL = 0.3

    def make_store(self, *, ttl: float | None = None, maxsize: int = 100) -> VaultStore:
        raise NotImplementedError

    def wait_past_ttl(self) -> None:
        time.sleep(self.TTL * 2.5)

    # ------------------------------------------------------------ lifetime
    def test_create_exists_touch_drop(self) -> None:
        store = self.make_store()
        assert isinstance(store, VaultStore)
        assert not store.exists("s") and not store.touch("s")
        assert store.create("s") is True
        assert store.create("s") is False  # already there: kept, not replaced
        assert store.exists("s") and store.touch("s")
        assert list(store.sessions()) == ["s"]
        assert store.drop("s") is True and store.drop("s") is False
        assert not store.exists("s") and list(store.sessions()) == []

    def test_methods_that_need_a_session_never_create_one(self) -> None:
        store = self.make_store()
        calls: list[Callable[[], object]] = [
            lambda: store.entries("nope"),
            lambda: store.add("nope", entry("Jane Doe", "Ann Lee")),
            lambda: store.add_many("nope", [entry("Jane Doe", "Ann Lee")], since=0),
            lambda: store.add_many("nope", [], since=0),
            lambda: store.next_number("nope", "PERSON"),
            lambda: store.merge_counters("nope", {"PERSON": 3}),
        ]
        for call in calls:
            with pytest.raises(UnknownSessionError):
                call()
        assert not store.exists("nope")

    def test_expired_sessions_are_gone(self) -> None:
        store = self.make_store(ttl=self.TTL)
        store.create("s")
        store.add("s", entry("Jane Doe", "Ann Lee"))
        self.wait_past_ttl()
        assert not store.exists("s")
        assert list(store.sessions()) == []
        with pytest.raises(UnknownSessionError):
            store.entries("s")

    def test_use_refreshes_the_lifetime(self) -> None:
        # uses each well inside the lifetime (a loaded machine may oversleep) that
        # together outlast it
        store = self.make_store(ttl=self.TTL * 4)
        store.create("s")
        for _ in range(5):
            time.sleep(self.TTL)
            store.entries("s")
        assert store.exists("s")

    # ------------------------------------------------------------ entries
    def test_entries_since_a_version_and_epochs(self) -> None:
        store = self.make_store()
        store.create("s")
        first = store.entries("s")
        assert (first.version, first.entries) == (0, ())
        a, b = entry("Jane Doe", "Ann Lee"), entry("jane@x.org", "ann@y.org", "EMAIL_ADDRESS")
        assert store.add("s", a) == a and store.add("s", b) == b
        batch = store.entries("s", since=1)
        assert batch.version == 2 and batch.entries == (b,) and batch.epoch == first.epoch
        assert store.entries("s", since=5).entries == ()
        store.drop("s")
        store.create("s")
        assert store.entries("s").epoch != first.epoch  # a new incarnation

    def test_add_is_add_if_absent_by_original_and_by_surrogate(self) -> None:
        store = self.make_store()
        store.create("s")
        jane = entry("Jane Doe", "Ann Lee")
        assert store.add("s", jane) == jane
        # same original (any casing): the stored entry wins, nothing is added
        assert store.add("s", entry("JANE DOE", "Bo Chen")) == jane
        # surrogate taken by another original (any casing): refused
        assert store.add("s", entry("John Roe", "ANN LEE")) is None
        # a surrogate that is another entry's original: refused
        assert store.add("s", entry("John Roe", "jane doe")) is None
        assert store.entries("s").version == 1

    def test_add_many_adds_each_if_absent_then_reads_since(self) -> None:
        store = self.make_store()
        store.create("s")
        jane = entry("Jane Doe", "Ann Lee")
        mail = entry("jane@x.org", "ann@y.org", "EMAIL_ADDRESS")
        assert store.add("s", jane) == jane
        before = store.entries("s")
        store.next_number("s", "PERSON")
        added = store.add_many("s", [
            entry("JANE DOE", "Bo Chen"),        # original known: the stored entry
            entry("John Roe", "ann lee"),        # surrogate taken: None
            mail,                                # added
            entry("Jane@X.org", "kim@z.org"),    # added just before, in this call
            entry("Rita Moe", "JANE@x.org"),     # another entry's original: None
        ], since=1)
        assert added.stored == (jane, None, mail, mail, None)
        batch = added.batch
        assert (batch.epoch, batch.version, batch.entries) == (before.epoch, 2, (mail,))
        assert batch.counters == {"PERSON": 1}
        assert store.entries("s").entries == (jane, mail)
        # nothing to add: a plain read of what is new since a version
        empty = store.add_many("s", [], since=0)
        assert empty.stored == () and empty.batch.entries == (jane, mail)
        assert store.add_many("s", [], since=9).batch.entries == ()

    def test_concurrent_add_many_never_share_a_surrogate(self) -> None:
        store = self.make_store()
        store.create("s")
        results: list[Entry | None] = []
        lock = threading.Lock()

        def add(i: int) -> None:
            got = store.add_many("s", [entry(f"Person {i}", "Same Surrogate"),
                                       entry("Shared Original", f"Surrogate {i}")], since=0)
            with lock:
                results.extend(got.stored)

        threads = [threading.Thread(target=add, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        firsts, seconds = results[::2], results[1::2]
        assert sum(r is not None for r in firsts) == 1
        # every worker gets the one surrogate of the shared original that was stored first
        assert len({r.surrogate for r in seconds if r is not None}) == 1
        assert None not in seconds
        assert store.entries("s").version == 2

    def test_concurrent_adds_never_share_a_surrogate(self) -> None:
        store = self.make_store()
        store.create("s")
        results: list[Entry | None] = []
        lock = threading.Lock()

        def add(i: int) -> None:
            got = store.add("s", entry(f"Person {i}", "Same Surrogate"))
            with lock:
                results.append(got)

        threads = [threading.Thread(target=add, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sum(r is not None for r in results) == 1
        assert store.entries("s").version == 1

    def test_counters(self) -> None:
        store = self.make_store()
        store.create("s")
        assert [store.next_number("s", "PERSON") for _ in range(3)] == [1, 2, 3]
        assert store.next_number("s", "EMAIL") == 1
        store.merge_counters("s", {"PERSON": 2, "PHONE": 7})
        assert store.entries("s").counters == {"PERSON": 3, "EMAIL": 1, "PHONE": 7}
        assert store.next_number("s", "PHONE") == 8

    def test_sessions_are_separate(self) -> None:
        store = self.make_store()
        store.create("a")
        store.create("b")
        store.add("a", entry("Jane Doe", "Ann Lee"))
        assert store.add("b", entry("John Roe", "Ann Lee")) is not None  # other session
        assert store.entries("b").version == 1 and store.entries("a").version == 1


class TestMemoryVaultStore(VaultStoreContract):
    def make_store(self, *, ttl: float | None = None, maxsize: int = 100) -> VaultStore:
        return MemoryVaultStore(ttl=ttl, maxsize=maxsize)

    def test_expired_sessions_are_purged_from_memory_without_any_call(self) -> None:
        store = MemoryVaultStore(ttl=self.TTL)
        for sid in ("a", "b", "c"):
            store.create(sid)
        assert len(store) == 3
        self.wait_past_ttl()
        assert len(store) == 0  # purged by the reaper, not merely hidden

    def test_least_recently_used_sessions_are_evicted(self) -> None:
        store = MemoryVaultStore(ttl=None, maxsize=2)
        for sid in ("a", "b"):
            store.create(sid)
        store.touch("a")
        store.create("c")
        assert sorted(store.sessions()) == ["a", "c"]

    def test_listeners_hear_of_drops_expiry_and_eviction(self) -> None:
        store = MemoryVaultStore(ttl=self.TTL, maxsize=2)
        assert isinstance(store, ObservableStore)
        heard: list[str] = []
        store.add_listener(heard.append)
        store.create("dropped")
        store.drop("dropped")
        store.create("expires")
        store.create("b")
        store.create("c")  # evicts "expires" (least recently used)
        self.wait_past_ttl()  # "b" and "c" expire
        assert heard[:2] == ["dropped", "expires"] and sorted(heard[2:]) == ["b", "c"]

    def test_any_callable_listens_and_bound_methods_are_held_weakly(self) -> None:
        store = MemoryVaultStore()
        heard: list[tuple[str, str]] = []

        class Slotted:  # no weak references to it
            __slots__ = ()

            def hear(self, sid: str) -> None:
                heard.append(("slotted", sid))

        class Plain:
            def hear(self, sid: str) -> None:
                heard.append(("plain", sid))

        plain = Plain()
        store.add_listener(Slotted().hear)  # kept alive by the store
        store.add_listener(plain.hear)  # held weakly
        store.add_listener(functools.partial(lambda tag, sid: heard.append((tag, sid)), "p"))
        store.add_listener(heard.append)  # a built-in method
        with pytest.raises(TypeError):
            store.add_listener("not callable")  # type: ignore[arg-type]
        store.create("a")
        store.drop("a")
        assert heard[:3] == [("slotted", "a"), ("plain", "a"), ("p", "a")]
        assert heard[3] == "a"  # type: ignore[comparison-overlap]
        heard.clear()
        del plain
        gc.collect()
        store.create("b")
        store.drop("b")
        assert heard == [("slotted", "b"), ("p", "b"), "b"]

    def test_repr_holds_no_values(self) -> None:
        store = MemoryVaultStore()
        store.create("s")
        store.add("s", entry("Jane Doe", "Ann Lee"))
        assert "Jane" not in repr(store) + repr(store.entries("s"))
