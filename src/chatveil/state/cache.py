"""The detection cache: raw detection results (spans only) by key."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

import cachetools

from chatveil.spans import Span

__all__ = ["DetectionCache", "MemoryDetectionCache"]


@runtime_checkable
class DetectionCache(Protocol):
    """Where raw detection results live.

    Keys are keyed HMACs of the text (the guard's secret, the detector's identity), never the
    text or a bare hash of it; values are spans only (offsets, types, scores), never values.
    """

    def get(self, key: str) -> tuple[Span, ...] | None:
        """The cached spans for ``key``, or ``None``."""
        ...

    def get_many(self, keys: Sequence[str]) -> list[tuple[Span, ...] | None]:
        """The cached spans of each key, in order (``None`` for a miss): one round trip for
        a networked cache."""
        ...

    def set(self, key: str, spans: tuple[Span, ...]) -> None:
        """Cache ``spans`` under ``key``."""
        ...

    def delete(self, keys: Iterable[str]) -> None:
        """Remove these keys (a forgotten session's texts); unknown keys are ignored."""
        ...

    def clear(self) -> None:
        """Remove everything."""
        ...


class MemoryDetectionCache:
    """Thread-safe TTL cache of detection results (cachetools).

    Args:
        maxsize: most results kept (least recently used evicted).
        ttl: seconds a result is kept.
    """

    def __init__(self, maxsize: int = 10_000, ttl: float = 3600.0) -> None:
        self._cache: cachetools.TTLCache[str, tuple[Span, ...]] = cachetools.TTLCache(
            maxsize=maxsize, ttl=max(ttl, 1e-9)
        )
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[Span, ...] | None:
        with self._lock:
            return self._cache.get(key)

    def get_many(self, keys: Sequence[str]) -> list[tuple[Span, ...] | None]:
        with self._lock:
            return [self._cache.get(key) for key in keys]

    def set(self, key: str, spans: tuple[Span, ...]) -> None:
        with self._lock:
            self._cache[key] = tuple(spans)

    def delete(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._cache.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def keys(self) -> list[str]:
        """The keys held now (HMACs: they reveal nothing about the texts)."""
        with self._lock:
            self._cache.expire()
            return list(self._cache.keys())

    def __len__(self) -> int:
        with self._lock:
            return len(self._cache)

    def __repr__(self) -> str:
        return f"MemoryDetectionCache(size={len(self)}, maxsize={self._cache.maxsize})"


class ReadAhead:
    """A :class:`DetectionCache` in front of another that reads many keys in one call.

    Inside ``with read_ahead.ahead(keys):`` the keys are fetched with one
    :meth:`DetectionCache.get_many` (one ``MGET`` on Redis), and each :meth:`get` of one of
    them in the same thread is answered from that read, once. A guard uses it around a
    detector's ``detect_many``, which looks its texts up one by one. Everything else goes to
    the wrapped cache.
    """

    def __init__(self, cache: DetectionCache) -> None:
        self.cache = cache
        self._local = threading.local()

    @contextlib.contextmanager
    def ahead(self, keys: Sequence[str]) -> Iterator[None]:
        """Read ``keys`` now; answer their next :meth:`get` in this thread from this read."""
        wanted = list(dict.fromkeys(keys))
        self._local.found = dict(zip(wanted, self.cache.get_many(wanted), strict=True))
        try:
            yield
        finally:
            self._local.found = None

    def get(self, key: str) -> tuple[Span, ...] | None:
        found: dict[str, tuple[Span, ...] | None] | None = getattr(self._local, "found", None)
        if found is not None and key in found:
            return found.pop(key)
        return self.cache.get(key)

    def get_many(self, keys: Sequence[str]) -> list[tuple[Span, ...] | None]:
        return self.cache.get_many(keys)

    def set(self, key: str, spans: tuple[Span, ...]) -> None:
        self.cache.set(key, spans)

    def delete(self, keys: Iterable[str]) -> None:
        self.cache.delete(keys)

    def clear(self) -> None:
        self.cache.clear()

    def __repr__(self) -> str:
        return f"ReadAhead({self.cache!r})"
