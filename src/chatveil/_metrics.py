"""A guard's counters: :class:`Tally` (what one piece of work did) and :class:`Metrics`.

Counts by entity type only, never values: process-wide totals (``Guard.metrics()``) and the
tallies open in the current context (``Guard.tally()``), which see only that context's work.
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Metrics", "Tally"]


@dataclass
class Tally:
    """What one piece of work did, by entity type (never values). See :meth:`Guard.tally`."""

    pseudonymized: Counter[str] = field(default_factory=Counter)
    redacted: Counter[str] = field(default_factory=Counter)
    restored: Counter[str] = field(default_factory=Counter)
    unrestored_tokens: int = 0
    #: personal data the model wrote that the user never sent (``output_pii``), by type
    model_written: Counter[str] = field(default_factory=Counter)


class Metrics:
    """Counters by entity type, process-wide and for the tallies open in this context."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.tallies: contextvars.ContextVar[tuple[Tally, ...]] = contextvars.ContextVar(
            f"chatveil_tallies_{id(self)}", default=()
        )
        self.reset()

    def reset(self) -> None:
        self.total = Tally()
        self.cache_hits = 0
        self.cache_misses = 0

    @contextlib.contextmanager
    def tally(self) -> Iterator[Tally]:
        """A tally of what is counted inside the block, in this context only."""
        tally = Tally()
        token = self.tallies.set((*self.tallies.get(), tally))
        try:
            yield tally
        finally:
            self.tallies.reset(token)

    def _targets(self) -> tuple[Tally, ...]:
        """The process-wide total and this context's open tallies (under the lock)."""
        return (self.total, *self.tallies.get())

    def cache(self, hit: bool) -> None:
        with self._lock:
            if hit:
                self.cache_hits += 1
            else:
                self.cache_misses += 1

    def add(self, pseudonymized: Mapping[str, int], redacted: Mapping[str, int] | None = None
            ) -> None:
        with self._lock:
            for tally in self._targets():
                tally.pseudonymized.update(pseudonymized)
                if redacted:
                    tally.redacted.update(redacted)

    def add_restore(self, counts: Mapping[str, int], unknown: int) -> None:
        with self._lock:
            for tally in self._targets():
                tally.restored.update(counts)
                tally.unrestored_tokens += unknown

    def add_output(self, counts: Mapping[str, int]) -> None:
        with self._lock:
            for tally in self._targets():
                tally.model_written.update(counts)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            total = self.total
            return {
                "pseudonymized": dict(sorted(total.pseudonymized.items())),
                "redacted": dict(sorted(total.redacted.items())),
                "restored": dict(sorted(total.restored.items())),
                "cache_hits": self.cache_hits,
                "cache_misses": self.cache_misses,
                "unrestored_tokens": total.unrestored_tokens,
                "model_written": dict(sorted(total.model_written.items())),
            }
