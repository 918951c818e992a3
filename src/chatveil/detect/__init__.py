"""Detection: find spans of personal data in text. Knows nothing about surrogates.

A :class:`Detector` is anything with ``detect``, ``detect_many`` and ``warm_up``; the guard
pseudonymizes whatever spans it returns. :class:`PresidioDetector` (Presidio + spaCy NER +
chatveil's recognizers, with thresholds, allow and deny lists and context filters) is the
default; pass another to ``Guard(detector=...)`` (tests use a fast rule-based one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from chatveil.detect._presidio import PresidioDetector
from chatveil.spans import Span

__all__ = ["CachingDetector", "Detector", "PresidioDetector", "Progress"]


class Progress(Protocol):
    """A progress bar (``tqdm`` fits): ``update(n)`` after ``n`` more texts are done."""

    def update(self, n: float | None = 1) -> object: ...


@runtime_checkable
class Detector(Protocol):
    """Finds personal data in text.

    Implementations raise :class:`~chatveil.errors.DetectionError` when detection fails; the
    guard turns any other exception into one too, so nothing half-masked ever reaches a model.
    """

    def detect(self, text: str) -> list[Span]:
        """Non-overlapping spans of personal data in ``text``, in text order."""
        ...

    def detect_many(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: Progress | None = None
    ) -> list[list[Span]]:
        """:meth:`detect` for many texts (in batches where the engine allows)."""
        ...

    def warm_up(self) -> None:
        """Load models now rather than on the first text."""
        ...


@runtime_checkable
class CachingDetector(Detector, Protocol):
    """A detector that caches results per text, so that ``Guard.forget`` can erase them."""

    def cache_key(self, text: str) -> str | None:
        """The cache key of ``text`` (a keyed HMAC), or ``None`` when caching is off."""
        ...

    def evict(self, keys: Iterable[str]) -> None:
        """Remove the cached results of these keys."""
        ...
