"""Sliding expiry with active purging: one daemon thread per process wakes at the next deadline.

An expired session must be gone from memory when its time is up, not merely hidden until the
next call touches the container (``cachetools.TTLCache`` only expires on access). Owners
(:class:`ExpiringMap` instances) register their earliest deadline; the reaper thread calls
their ``purge_expired()`` when it passes. Owners are held weakly, so a dropped guard or store
is never kept alive by the reaper.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Generic, Protocol, TypeVar

__all__ = ["ExpiringMap"]

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


class ExpiringMap(Generic[K, V]):
    """A thread-safe map with least-recently-used eviction and sliding expiry.

    Every :meth:`get` (with ``touch``) and :meth:`set` restarts an item's lifetime. Items that
    expire are purged by the reaper thread, and ``on_remove(key, value)`` is called for every
    item that leaves the map for any reason other than :meth:`pop` (expiry, eviction, clear).

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

    # ------------------------------------------------------------ access
    def get(self, key: K, *, touch: bool = True) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] <= time.monotonic():
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
            if old is not None and old[0] > time.monotonic() and not replace:
                self._items[key] = (self._deadline(), old[1])
                self._items.move_to_end(key)
                return old[1], False
            if old is not None and old[0] <= time.monotonic():
                removed.append((key, old[1]))  # expired, not purged yet: it leaves now
            value = make()
            self._items[key] = (self._deadline(), value)
            self._items.move_to_end(key)
            while len(self._items) > self._maxsize:
                old_key, (_, old_value) = self._items.popitem(last=False)
                removed.append((old_key, old_value))
            self._arm()
        self._notify(removed)
        return value, True

    def pop(self, key: K) -> V | None:
        """Remove ``key``; its value if it was live (an expired one goes as expired)."""
        with self._lock:
            item = self._items.pop(key, None)
        if item is None:
            return None
        if item[0] <= time.monotonic():
            self._notify([(key, item[1])])
            return None
        return item[1]

    def keys(self) -> Iterator[K]:
        """Live keys (a snapshot)."""
        now = time.monotonic()
        with self._lock:
            return iter([k for k, (deadline, _) in self._items.items() if deadline > now])

    def clear(self) -> None:
        with self._lock:
            items = [(k, v) for k, (_, v) in self._items.items()]
            self._items.clear()
        self._notify(items)

    def __len__(self) -> int:
        """Items held in memory right now (expired ones are purged by the reaper)."""
        with self._lock:
            return len(self._items)

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
            while self._items:
                key, (deadline, value) = next(iter(self._items.items()))
                if deadline > now:
                    break
                del self._items[key]
                expired.append((key, value))
            upcoming = next(iter(self._items.values()))[0] if self._items else None
            self._scheduled = upcoming
        self._notify(expired)
        return upcoming

    def _notify(self, items: list[tuple[K, V]]) -> None:
        if self._on_remove is not None:
            for key, value in items:
                self._on_remove(key, value)
