"""Sliding expiry with active purging: one daemon thread per process wakes at the next deadline.

An expired session must be gone from memory when its time is up, not merely hidden until the
next call touches the container (``cachetools.TTLCache`` only expires on access). Owners
(:class:`ExpiringMap` instances) register their earliest deadline; the reaper thread calls
their ``purge_expired()`` when it passes. Owners are held weakly, so a dropped guard or store
is never kept alive by the reaper.

An item in use is never purged: a :class:`Lease` (:meth:`ExpiringMap.hold`) keeps it for as
long as the use lasts, and its lifetime starts again when the lease is released.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any, Generic, Protocol, TypeVar

__all__ = ["ExpiringMap", "Lease"]

K = TypeVar("K")
V = TypeVar("V")


class _Purgeable(Protocol):
    def purge_expired(self) -> float | None: ...


class _Reaper:
    """The process-wide thread that purges owners at their deadlines (started on first use)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, weakref.ref[_Purgeable]]] = []
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None

    def schedule(self, owner: _Purgeable, deadline: float) -> None:
        with self._cond:
            heapq.heappush(self._heap, (deadline, next(self._seq), weakref.ref(owner)))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="chatveil-expiry", daemon=True
                )
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    timeout = self._heap[0][0] - time.monotonic() if self._heap else None
                    self._cond.wait(timeout)
                _, _, ref = heapq.heappop(self._heap)
            owner = ref()
            if owner is None:
                continue
            upcoming = owner.purge_expired()
            if upcoming is not None:
                self.schedule(owner, upcoming)


_REAPER = _Reaper()


class Lease(Generic[K]):
    """A hold on one key of an :class:`ExpiringMap` (see :meth:`ExpiringMap.hold`).

    The map refers to its leases weakly: a lease that is dropped without :meth:`release`
    (a use abandoned without its end running) stops holding its key, and the item then
    expires as if the use had ended at its last touch.
    """

    __slots__ = ("__weakref__", "_key", "_owner")

    def __init__(self, owner: ExpiringMap[K, Any], key: K) -> None:
        self._owner: ExpiringMap[K, Any] | None = owner
        self._key = key

    @property
    def released(self) -> bool:
        return self._owner is None

    def release(self) -> None:
        """End the hold (idempotent); the item's lifetime starts again if no other lease
        holds it."""
        owner, self._owner = self._owner, None
        if owner is not None:
            owner._release(self)

    def __repr__(self) -> str:  # never the key: a session id may be personal
        return f"Lease(released={self.released})"


class ExpiringMap(Generic[K, V]):
    """A thread-safe map with least-recently-used eviction and sliding expiry.

    Every :meth:`get` (with ``touch``) and :meth:`set` restarts an item's lifetime. Items that
    expire are purged by the reaper thread, and ``on_remove(key, value)`` is called for every
    item that leaves the map for any reason other than :meth:`pop` (expiry, eviction, clear).

    A key held by a :class:`Lease` (:meth:`hold`) is in use: its item never expires and is
    never evicted while the lease is held, and its lifetime restarts when the last lease on
    it is released. Eviction takes the least recently used item that is not held (nor the
    one just set or released); when every other item is held the map stays above
    ``maxsize`` until a lease ends. :meth:`pop` and :meth:`clear` remove held items too.

    Args:
        ttl: seconds an item lives after its last use; ``None`` keeps items until evicted.
        maxsize: most items kept; the least recently used is evicted beyond that.
        on_remove: called outside the lock for expired and evicted items.
    """

    def __init__(
        self,
        *,
        ttl: float | None,
        maxsize: int,
        on_remove: Callable[[K, V], None] | None = None,
    ) -> None:
        self._ttl = ttl
        self._maxsize = maxsize
        self._on_remove = on_remove
        self._lock = threading.RLock()
        # key -> (deadline, value), least recently used first (deadlines ascend along it)
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._scheduled: float | None = None
        # key -> its leases (weakly: a lease dropped without release holds nothing)
        self._holds: dict[K, list[weakref.ref[Lease[K]]]] = {}
        self._sweep_at = 64  # sweep dead leases of keys nobody looks at past this many keys

    # ------------------------------------------------------------ access
    def get(self, key: K, *, touch: bool = True) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or self._due(key, item[0], time.monotonic()):
                return None  # due but not purged yet: gone for callers already
            if touch:
                self._items[key] = (self._deadline(), item[1])
                self._items.move_to_end(key)
            return item[1]

    def set(self, key: K, value: V) -> None:
        self._put(key, lambda: value, replace=True)

    def setdefault(self, key: K, make: Callable[[], V]) -> tuple[V, bool]:
        """The live value of ``key`` (touched), or a new one from ``make()``; and whether new."""
        return self._put(key, make, replace=False)

    def _put(self, key: K, make: Callable[[], V], *, replace: bool) -> tuple[V, bool]:
        removed: list[tuple[K, V]] = []
        with self._lock:
            old = self._items.get(key)
            due = old is not None and self._due(key, old[0], time.monotonic())
            if old is not None and not due and not replace:
                self._items[key] = (self._deadline(), old[1])
                self._items.move_to_end(key)
                return old[1], False
            if old is not None and due:
                removed.append((key, old[1]))  # expired, not purged yet: it leaves now
            value = make()
            self._items[key] = (self._deadline(), value)
            self._items.move_to_end(key)
            self._evict(removed, keep=key)
            self._arm()
        self._notify(removed)
        return value, True

    def pop(self, key: K) -> V | None:
        """Remove ``key``; its value if it was live (an expired one goes as expired)."""
        with self._lock:
            item = self._items.pop(key, None)
            due = item is not None and self._due(key, item[0], time.monotonic())
        if item is None:
            return None
        if due:
            self._notify([(key, item[1])])
            return None
        return item[1]

    def keys(self) -> Iterator[K]:
        """Live keys (a snapshot)."""
        now = time.monotonic()
        with self._lock:
            return iter([k for k, (deadline, _) in self._items.items()
                         if not self._due(k, deadline, now)])

    def clear(self) -> None:
        with self._lock:
            items = [(k, v) for k, (_, v) in self._items.items()]
            self._items.clear()
        self._notify(items)

    def __len__(self) -> int:
        """Items held in memory right now (expired ones are purged by the reaper)."""
        with self._lock:
            return len(self._items)

    # ------------------------------------------------------------ holds
    def hold(self, key: K) -> Lease[K]:
        """Hold ``key`` until the returned lease is released (or dropped): its item, present
        now or set later, is neither purged nor evicted meanwhile; its lifetime restarts at
        the release. An item already due is gone, as for :meth:`get`."""
        lease = Lease(self, key)
        removed: list[tuple[K, V]] = []
        with self._lock:
            item = self._items.get(key)
            if item is not None and self._due(key, item[0], time.monotonic()):
                del self._items[key]
                removed.append((key, item[1]))
            self._holds.setdefault(key, []).append(weakref.ref(lease))
            if len(self._holds) > self._sweep_at:
                for held in list(self._holds):
                    self._held(held)  # drops the keys only dead leases held
                self._sweep_at = max(64, 2 * len(self._holds))
        self._notify(removed)
        return lease

    def held(self, key: K) -> bool:
        """True if a lease holds ``key`` now."""
        with self._lock:
            return self._held(key)

    def _held(self, key: K) -> bool:
        """(Under the lock.) Whether a live lease holds ``key``; forgets dead ones."""
        refs = self._holds.get(key)
        if refs is None:
            return False
        live = [ref for ref in refs if ref() is not None]
        if live:
            if len(live) != len(refs):
                self._holds[key] = live
            return True
        del self._holds[key]
        return False

    def _release(self, lease: Lease[K]) -> None:
        key = lease._key
        removed: list[tuple[K, V]] = []
        with self._lock:
            refs = [ref for ref in self._holds.get(key, ())
                    if (other := ref()) is not None and other is not lease]
            if refs:
                self._holds[key] = refs
                return
            self._holds.pop(key, None)
            item = self._items.get(key)
            if item is None:
                return
            # the use ended: the item's lifetime starts now
            self._items[key] = (self._deadline(), item[1])
            self._items.move_to_end(key)
            self._evict(removed, keep=key)
            self._arm()
        self._notify(removed)

    def _due(self, key: K, deadline: float, now: float) -> bool:
        """(Under the lock.) Whether an item with ``deadline`` is expired at ``now``."""
        return deadline <= now and not self._held(key)

    def _evict(self, removed: list[tuple[K, V]], *, keep: K) -> None:
        """(Under the lock.) Evict least recently used items beyond ``maxsize``: never a held
        one, nor ``keep`` (the item being used); fewer if there are not enough others."""
        excess = len(self._items) - self._maxsize
        if excess <= 0:
            return
        victims: list[K] = []
        for key in self._items:
            if key != keep and not self._held(key):
                victims.append(key)
                if len(victims) == excess:
                    break
        for key in victims:
            removed.append((key, self._items.pop(key)[1]))

    # ------------------------------------------------------------ expiry
    def _deadline(self) -> float:
        return float("inf") if self._ttl is None else time.monotonic() + self._ttl

    def _arm(self) -> None:
        if self._ttl is None or self._scheduled is not None or not self._items:
            return
        first = next(iter(self._items.values()))[0]
        self._scheduled = first
        _REAPER.schedule(self, first)

    def purge_expired(self) -> float | None:
        """Drop every expired item; returns the next deadline to wake at, if any."""
        now = time.monotonic()
        expired: list[tuple[K, V]] = []
        with self._lock:
            for _ in range(len(self._items)):  # each item once at most (held ones go last)
                key, (deadline, value) = next(iter(self._items.items()))
                if deadline > now:
                    break
                del self._items[key]
                if self._held(key):
                    # in use: kept, and looked at again a lifetime from now (its lifetime
                    # restarts when the use ends)
                    self._items[key] = (self._deadline(), value)
                    continue
                expired.append((key, value))
            upcoming = next(iter(self._items.values()))[0] if self._items else None
            self._scheduled = upcoming
        self._notify(expired)
        return upcoming

    def _notify(self, items: list[tuple[K, V]]) -> None:
        if self._on_remove is not None:
            for key, value in items:
                self._on_remove(key, value)
