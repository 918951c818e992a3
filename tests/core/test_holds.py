"""Holds on an expiring map and on the in-memory store: an item in use never expires and is
never evicted; its lifetime restarts when the use ends (see ``test_session_lifetime.py`` for
guarded calls). Lifetimes are about a second; expiry is waited for by polling."""

from __future__ import annotations

import gc

from chatveil import MemoryVaultStore
from chatveil.state._expiry import ExpiringMap
from fakes import wait_for

TTL = 1.0


# ---------------------------------------------------------------------- the map
def _map(ttl: float | None = TTL, maxsize: int = 100) -> tuple[ExpiringMap[str, int],
                                                                list[str]]:
    gone: list[str] = []
    return ExpiringMap(ttl=ttl, maxsize=maxsize, on_remove=lambda k, _: gone.append(k)), gone


def test_a_held_item_outlives_its_lifetime_and_restarts_it_at_release() -> None:
    items, gone = _map()
    lease = items.hold("a")  # (before the item exists: a call holds before it creates)
    items.set("a", 1)
    items.set("idle", 2)
    assert wait_for(lambda: gone == ["idle"])  # a whole lifetime passed, purged on time
    assert items.get("a", touch=False) == 1 and list(items.keys()) == ["a"]
    lease.release()
    lease.release()  # idempotent
    assert items.get("a", touch=False) == 1  # its lifetime starts at the release
    assert wait_for(lambda: "a" in gone)
    assert len(items) == 0


def test_an_item_held_twice_stays_until_both_holds_end() -> None:
    items, gone = _map()
    first, second = items.hold("a"), items.hold("a")
    items.set("a", 1)
    first.release()
    items.set("idle", 2)
    assert wait_for(lambda: gone == ["idle"])
    assert items.held("a") and items.get("a", touch=False) == 1
    second.release()
    assert not items.held("a")
    assert wait_for(lambda: "a" in gone)


def test_a_dropped_lease_holds_nothing() -> None:
    items, gone = _map()
    lease = items.hold("a")
    items.set("a", 1)
    del lease
    gc.collect()
    assert not items.held("a")
    assert wait_for(lambda: gone == ["a"])  # expires from its last use


def test_pop_and_clear_remove_held_items() -> None:
    items, gone = _map(ttl=None)
    lease = items.hold("a")
    items.set("a", 1)
    items.set("b", 2)
    assert items.pop("a") == 1 and items.get("a") is None
    items.hold("b")
    items.clear()
    assert len(items) == 0 and gone == ["b"]
    lease.release()  # nothing left to keep: nothing happens
    assert len(items) == 0


def test_eviction_skips_held_items_and_the_item_in_use() -> None:
    items, gone = _map(ttl=None, maxsize=2)
    a, b = items.hold("a"), items.hold("b")
    items.set("a", 1)
    items.set("b", 2)
    items.set("c", 3)  # "a" and "b" are held, "c" is the one being set: none goes
    assert sorted(items.keys()) == ["a", "b", "c"] and gone == []
    items.set("d", 4)  # the least recently used item that is not held, nor "d", goes
    assert gone == ["c"] and sorted(items.keys()) == ["a", "b", "d"]
    a.release()  # back to maxsize: the least recently used of the others ("d") goes
    assert gone == ["c", "d"] and sorted(items.keys()) == ["a", "b"]
    b.release()
    items.set("e", 5)
    assert gone == ["c", "d", "a"] and sorted(items.keys()) == ["b", "e"]


# ---------------------------------------------------------------------- the store
def test_memory_store_holds_sessions() -> None:
    from chatveil.state import HoldingStore

    store = MemoryVaultStore(ttl=TTL, maxsize=10)
    assert isinstance(store, HoldingStore)
    hold = store.hold("s")
    store.create("s")
    store.create("idle")
    assert wait_for(lambda: not store.exists("idle"))
    assert store.exists("s") and list(store.sessions()) == ["s"]
    hold.release()
    assert store.exists("s")
    assert wait_for(lambda: not store.exists("s"))
    assert "maria" not in repr(store.hold("maria"))
