"""Find many literal strings in text at once, case-insensitively, on word boundaries.

A big regex alternation is slow to compile and to run once a session knows hundreds of
values. This index keys every value by its first word and checks candidates only where that
word occurs, so a scan costs one pass of ``\\w+`` over the text plus dictionary lookups, and
adding a value costs O(1).

Semantics match a regex alternation ordered longest first: at each position the longest value
wins; matches do not overlap; scanning resumes after a match. A value that starts (ends) with a
word character must not be preceded (followed) by one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Generic, TypeVar

__all__ = ["LiteralIndex"]

_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")

T = TypeVar("T")


def words_of(text: str) -> frozenset[str]:
    """The casefolded words of ``text``, to test quickly against :meth:`LiteralIndex.anchors`."""
    return frozenset(w.casefold() for w in _WORD.findall(text))


def is_word_char(ch: str) -> bool:
    return _WORD_CHAR.match(ch) is not None


class LiteralIndex(Generic[T]):
    """A mutable set of literal values, each carrying a payload, searchable in text."""

    def __init__(self) -> None:
        # first word (casefolded) -> [(offset of that word, folded value, length, payload)]
        self._by_word: dict[str, list[tuple[int, str, int, T]]] = {}
        self._folded: dict[str, T] = {}
        self._prefixes: Counter[str] = Counter()
        self.max_len = 0

    def __len__(self) -> int:
        return len(self._folded)

    def __contains__(self, value: str) -> bool:
        return value.casefold() in self._folded

    def get(self, value: str) -> T | None:
        return self._folded.get(value.casefold())

    def add(self, value: str, payload: T) -> None:
        """Index ``value`` (replacing the payload of an equal value)."""
        folded = value.casefold()
        first = _WORD.search(folded)
        if first is None or not value:
            return  # nothing word-like to anchor on (never the case for personal data)
        if folded in self._folded:
            self.remove(value)
        bucket = self._by_word.setdefault(first.group(0), [])
        bucket.append((first.start(), folded, len(folded), payload))
        self._folded[folded] = payload
        self._prefixes.update(folded[:i] for i in range(1, len(folded) + 1))
        self.max_len = max(self.max_len, len(folded))

    def remove(self, value: str) -> None:
        folded = value.casefold()
        if self._folded.pop(folded, None) is None:
            return
        first = _WORD.search(folded)
        bucket = self._by_word.get(first.group(0), []) if first else []
        bucket[:] = [item for item in bucket if item[1] != folded]
        self._prefixes.subtract(folded[:i] for i in range(1, len(folded) + 1))
        self._prefixes += Counter()  # drop zero counts

    def anchors(self) -> frozenset[str]:
        """The first words (casefolded) of the values: a text without any cannot match."""
        return frozenset(self._by_word)

    def could_start(self, tail: str) -> bool:
        """True if ``tail`` is a prefix of (or equal to) some value."""
        return tail.casefold() in self._prefixes

    def finditer(self, text: str, start: int = 0) -> Iterator[tuple[int, int, T]]:
        """Leftmost-longest, non-overlapping matches in ``text[start:]``.

        Characters before ``start`` are context for the word-boundary check only.
        """
        if not self._folded:
            return
        found: list[tuple[int, int, T]] = []
        n = len(text)
        for m in _WORD.finditer(text, start):
            bucket = self._by_word.get(m.group(0).casefold())
            if not bucket:
                continue
            for offset, folded, length, payload in bucket:
                s = m.start() - offset
                e = s + length
                if s < start or e > n:
                    continue
                if text[s:e].casefold() != folded:
                    continue
                if is_word_char(folded[0]) and s > 0 and is_word_char(text[s - 1]):
                    continue
                if is_word_char(folded[-1]) and e < n and is_word_char(text[e]):
                    continue
                found.append((s, e, payload))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        last = start
        for s, e, payload in found:
            if s >= last:
                yield s, e, payload
                last = e
