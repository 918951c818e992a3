"""The detection cache: raw detection results (spans only) by key."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
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
