"""The detection cache: raw detection results (spans only) by key."""

from __future__ import annotations

import threading
from typing import Protocol, runtime_checkable

import cachetools

from chatveil.spans import Span

__all__ = ["DetectionCache", "MemoryDetectionCache"]


@runtime_checkable
class DetectionCache(Protocol):
    """Where raw detection results live. Keys are hashes; values are spans only."""

    def get(self, key: str) -> tuple[Span, ...] | None: ...

    def set(self, key: str, spans: tuple[Span, ...]) -> None: ...

    def clear(self) -> None: ...


class MemoryDetectionCache:
    """Thread-safe TTL cache of detection results (cachetools)."""

    def __init__(self, maxsize: int = 10_000, ttl: float = 3600.0) -> None:
        self._cache: cachetools.TTLCache[str, tuple[Span, ...]] = cachetools.TTLCache(
            maxsize=maxsize, ttl=max(ttl, 1e-9)
        )
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[Span, ...] | None:
        with self._lock:
            return self._cache.get(key)

    def set(self, key: str, spans: tuple[Span, ...]) -> None:
        with self._lock:
            self._cache[key] = tuple(spans)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._cache)

    def __repr__(self) -> str:
        return f"MemoryDetectionCache(size={len(self)}, maxsize={self._cache.maxsize})"
