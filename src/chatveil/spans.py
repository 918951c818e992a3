"""The one type shared by detection and pseudonymization."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

__all__ = ["Span"]


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A detected piece of personal data: ``text[start:end]`` is of ``entity_type``.

    A span holds offsets, never the value, so it is safe to cache, log and print.
    """

    start: int
    end: int
    entity_type: str
    score: float = 1.0

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise TypeError("Span start and end must be integers")
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"invalid span offsets ({self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True if the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def shifted(self, offset: int) -> Span:
        """The same span moved by ``offset`` characters."""
        return Span(self.start + offset, self.end + offset, self.entity_type, self.score)


def resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Drop overlapping spans deterministically, keeping non-overlapping ones in text order.

    Preference: longer span (more coverage is safer), then higher score, then earlier start,
    then entity type name.
    """
    ranked = sorted(spans, key=lambda s: (-(s.end - s.start), -s.score, s.start, s.entity_type))
    starts: list[int] = []  # kept spans, sorted and disjoint
    kept: list[Span] = []
    for span in ranked:
        i = bisect.bisect_right(starts, span.start)
        if i > 0 and kept[i - 1].end > span.start:
            continue
        if i < len(kept) and kept[i].start < span.end:
            continue
        starts.insert(i, span.start)
        kept.insert(i, span)
    return kept
