"""Per-process indexes of a session's entries: literal matching, restore, recall, name parts.

Everything here is derived from entries (:class:`~chatveil.state.Entry`) and never stored: a
guard builds a :class:`VaultIndex` from a store's ``entries()`` and extends it with the entries
added since, so restore and recall cost dictionary lookups, not a scan of every entry.

:class:`LiteralIndex` finds many literal strings in text at once, case-insensitively, on word
boundaries.

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
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Generic, TypeVar

from chatveil._words import common_words
from chatveil.state.entries import Entry, counts_of
from chatveil.strategies import SHAPE_RE

__all__ = ["SHAPE_RE", "LiteralIndex", "VaultIndex", "apply_case", "is_word_char", "words_of"]

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


def apply_case(seen: str, canonical: str, target: str) -> str:
    """Render ``target`` in the casing ``seen`` used relative to ``canonical``."""
    if seen == canonical:
        return target
    letters = [c for c in seen if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return target.upper()
    if letters and all(c.islower() for c in letters):
        return target.lower()
    if seen.istitle() and not target.istitle():
        return target.title()
    return target


#: Payload of the restore index: (surrogate or surrogate part, original or part, entity type).
RestorePayload = tuple[str, str, str]
#: Payload of the recall index: (entry, recalled only when capitalised).
RecallPayload = tuple[Entry, bool]


def _needs_capital(folded: str) -> bool:
    """A name that is also an ordinary word ("will", "may") is recalled only capitalised."""
    return folded in common_words()


def _add_recall_original(index: LiteralIndex[RecallPayload], entry: Entry) -> None:
    folded = entry.original.casefold()
    index.add(entry.original, (entry, " " not in folded and _needs_capital(folded)))


def _add_recall_part(index: LiteralIndex[RecallPayload], entry: Entry, part: str) -> None:
    folded = part.casefold()
    if folded not in index and len(folded) > 1:
        index.add(part, (entry, _needs_capital(folded)))


class VaultIndex:
    """One session's entries, indexed for restore, recall and collision checks.

    A per-process cache: built from a store's entries in their order, extended with the
    entries added since (:meth:`extend`), discarded when the store's epoch changes. The same
    entries in the same order always give the same index, in every worker. Thread-safe: hold
    :attr:`lock` for a consistent view across several calls.

    Args:
        epoch: the store's epoch of the session these entries belong to.
    """

    def __init__(self, epoch: str = "") -> None:
        self.epoch = epoch
        self.lock = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        self._entries: list[Entry] = []
        self._by_original: dict[str, Entry] = {}
        self._by_surrogate: dict[str, Entry] = {}
        #: casefolded original name part -> surrogate part
        self.part_original: dict[str, str] = {}
        #: casefolded surrogate name part -> original part
        self.part_surrogate: dict[str, str] = {}
        self._part_canonical: dict[str, str] = {}  # casefold original part -> as first seen
        #: surrogates (and unambiguous surrogate name parts) -> (surrogate, original, type)
        self.restore_index: LiteralIndex[RestorePayload] = LiteralIndex()
        #: tokens / placeholders exactly as issued -> (original, type)
        self.shaped: dict[str, tuple[str, str]] = {}
        #: originals and name parts -> (entry, only when capitalised): session recall
        self.recall_index: LiteralIndex[RecallPayload] = LiteralIndex()
        self._since: tuple[tuple[int, int], LiteralIndex[RecallPayload], frozenset[str]] | None
        self._since = None

    # ------------------------------------------------------------ reading
    @property
    def version(self) -> int:
        """Number of entries indexed (the store version this index has caught up with)."""
        return len(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self, since: int = 0) -> list[Entry]:
        with self.lock:
            return self._entries[since:]

    def by_original(self, value: str) -> Entry | None:
        """The entry whose original is ``value`` (any casing)."""
        return self._by_original.get(value.casefold())

    def canonical(self, value: str) -> str:
        """``value`` as first written, if it is a known original or name part in other casing."""
        entry = self._by_original.get(value.casefold())
        if entry is not None:
            return entry.original
        return self._part_canonical.get(value.casefold(), value)

    def counts(self) -> dict[str, int]:
        with self.lock:
            return counts_of(self._entries)

    def collides(self, original: str, surrogate: str, parts: tuple[tuple[str, str], ...]) -> bool:
        """True if the candidate would make restoration ambiguous or equal an original."""
        folded = surrogate.casefold()
        if folded == original.casefold() or folded in self._by_surrogate:
            return True
        if folded in self._by_original or folded in self.part_original:
            return True
        for orig_part, surr_part in parts:
            sp = surr_part.casefold()
            op = orig_part.casefold()
            known = self.part_original.get(op)
            if known is not None and known.casefold() == sp:
                continue  # reusing this name part's established surrogate
            if sp == op:
                return True
            if sp in self._by_original or sp in self.part_original:
                return True
            mapped = self.part_surrogate.get(sp)
            if mapped is not None and mapped.casefold() != op:
                return True
            owner = self._by_surrogate.get(sp)
            if owner is not None and owner.original.casefold() != op:
                return True
        return False

    def recall_index_since(self, since: int) -> tuple[LiteralIndex[RecallPayload], frozenset[str]]:
        """A recall index of only the entries added after ``since``, and its anchors (cached)."""
        with self.lock:
            key = (since, self.version)
            if self._since is None or self._since[0] != key:
                index: LiteralIndex[RecallPayload] = LiteralIndex()
                for entry in self._entries[since:]:
                    _add_recall_original(index, entry)
                    for orig_part, _ in entry.parts:
                        _add_recall_part(index, entry, orig_part)
                self._since = (key, index, index.anchors())
            return self._since[1], self._since[2]

    # ------------------------------------------------------------ building
    def extend(self, entries: Iterable[Entry]) -> None:
        """Index entries that follow the ones already indexed, in the store's order."""
        with self.lock:
            for entry in entries:
                self._add(entry)

    def clear(self) -> None:
        """Forget everything (the session was forgotten: restorers holding this index stop)."""
        with self.lock:
            self._reset()

    def _add(self, entry: Entry) -> None:
        folded = entry.original.casefold()
        if folded in self._by_original:
            return  # a store never holds two, but an index never trusts that blindly
        self._entries.append(entry)
        self._by_original[folded] = entry
        self._by_surrogate[entry.surrogate.casefold()] = entry
        if SHAPE_RE.fullmatch(entry.surrogate):
            self.shaped[entry.surrogate] = (entry.original, entry.entity_type)
        else:
            self.restore_index.add(
                entry.surrogate, (entry.surrogate, entry.original, entry.entity_type)
            )
        _add_recall_original(self.recall_index, entry)
        for orig_part, surr_part in entry.parts:
            self._add_part(entry, orig_part, surr_part)

    def _add_part(self, entry: Entry, orig_part: str, surr_part: str) -> None:
        op, sp = orig_part.casefold(), surr_part.casefold()
        self._part_canonical.setdefault(op, orig_part)
        self.part_original.setdefault(op, surr_part)
        self.part_surrogate.setdefault(sp, orig_part)
        if op in self.part_surrogate and self.part_surrogate[op].casefold() != op:
            # a real name that is also another person's surrogate part: restoring it alone
            # would be a guess, so only full surrogates restore it
            if op not in self._by_surrogate:
                self.restore_index.remove(orig_part)
        elif (sp not in self.restore_index and self.part_surrogate[sp].casefold() == op
              and sp not in self.part_original):
            self.restore_index.add(surr_part, (surr_part, orig_part, entry.entity_type))
        _add_recall_part(self.recall_index, entry, orig_part)

    def known_parts(self) -> Mapping[str, str]:
        """Casefolded original name part -> its surrogate part (a read-only view)."""
        return self.part_original

    def __repr__(self) -> str:
        return f"VaultIndex(entries={self.counts()})"
