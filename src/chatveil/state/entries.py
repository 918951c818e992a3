"""Vault data: one session's entries (original, surrogate, type, parts) and counters."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

import cachetools

from chatveil._words import common_words
from chatveil.errors import VaultCryptoError
from chatveil.index import LiteralIndex
from chatveil.strategies import SHAPE_RE

__all__ = ["Entry", "Vault"]


def _add_recall_original(index: LiteralIndex[tuple[Entry, bool]], entry: Entry) -> None:
    folded = entry.original.casefold()
    index.add(entry.original, (entry, " " not in folded and _needs_capital(folded)))


def _add_recall_part(index: LiteralIndex[tuple[Entry, bool]], entry: Entry, part: str) -> None:
    folded = part.casefold()
    if folded not in index and len(folded) > 1:
        index.add(part, (entry, _needs_capital(folded)))


def _needs_capital(folded: str) -> bool:
    """A name that is also an ordinary word ("will", "may") is recalled only capitalised."""
    return folded in common_words()


# ====================================================================== vault
@dataclass(frozen=True, slots=True)
class Entry:
    """One original and its surrogate. ``parts`` pairs name parts for partial restore."""

    original: str
    surrogate: str
    entity_type: str
    parts: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:  # never show values
        return f"Entry(entity_type={self.entity_type!r})"


class Vault:
    """One session's bidirectional original <-> surrogate map. Thread-safe.

    ``version`` grows with every new entry; remembered results are checked against it.
    """

    def __init__(self, session_id: str, key: bytes) -> None:
        self.session_id = session_id
        self.key = key
        self.lock = threading.RLock()
        self._entries: list[Entry] = []
        self._by_original: dict[str, Entry] = {}
        self._by_surrogate: dict[str, Entry] = {}
        self.part_original: dict[str, str] = {}  # casefold original part -> surrogate part
        self.part_surrogate: dict[str, str] = {}  # casefold surrogate part -> original part
        self._part_canonical: dict[str, str] = {}  # casefold original part -> as first seen
        self._counters: dict[str, int] = {}
        self._memo: cachetools.LRUCache[str, tuple[str, int, Any, frozenset[str]]] = (
            cachetools.LRUCache(4096)
        )
        #: surrogates (and unambiguous surrogate name parts) -> (surrogate, original, type)
        self.restore_index: LiteralIndex[tuple[str, str, str]] = LiteralIndex()
        #: tokens / placeholders exactly as issued -> (original, type)
        self.shaped: dict[str, tuple[str, str]] = {}
        #: originals and name parts -> (entry, only when capitalised): session recall
        self.recall_index: LiteralIndex[tuple[Entry, bool]] = LiteralIndex()
        self._since: tuple[tuple[int, int], LiteralIndex[tuple[Entry, bool]], frozenset[str]
                           ] | None = None

    # ------------------------------------------------------------ reading
    @property
    def version(self) -> int:
        return len(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self, since: int = 0) -> list[Entry]:
        with self.lock:
            return self._entries[since:]

    def by_original(self, value: str) -> Entry | None:
        return self._by_original.get(value.casefold())

    def canonical(self, value: str) -> str:
        """``value`` as first written, if it is a known original or name part in other casing."""
        entry = self._by_original.get(value.casefold())
        if entry is not None:
            return entry.original
        return self._part_canonical.get(value.casefold(), value)

    def memo_get(self, text: str) -> tuple[str, int, Any, frozenset[str]] | None:
        """The remembered (pseudonymized text, vault version, counts, words) for ``text``."""
        with self.lock:
            return self._memo.get(text)

    def memo_set(self, text: str, value: tuple[str, int, Any, frozenset[str]]) -> None:
        with self.lock:
            self._memo[text] = value

    def counts(self) -> dict[str, int]:
        with self.lock:
            out: dict[str, int] = {}
            for e in self._entries:
                out[e.entity_type] = out.get(e.entity_type, 0) + 1
            return dict(sorted(out.items()))

    # ------------------------------------------------------------ writing
    def next_number(self, label: str) -> int:
        with self.lock:
            self._counters[label] = self._counters.get(label, 0) + 1
            return self._counters[label]

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

    def add(self, entry: Entry) -> Entry:
        """Store an entry (first writer wins for the same original)."""
        with self.lock:
            existing = self._by_original.get(entry.original.casefold())
            if existing is not None:
                return existing
            self._entries.append(entry)
            self._by_original[entry.original.casefold()] = entry
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
            return entry

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
        elif sp not in self.restore_index and self.part_surrogate[sp].casefold() == op:
            if sp not in self.part_original:
                self.restore_index.add(surr_part, (surr_part, orig_part, entry.entity_type))
        _add_recall_part(self.recall_index, entry, orig_part)

    def recall_index_since(self, since: int
                           ) -> tuple[LiteralIndex[tuple[Entry, bool]], frozenset[str]]:
        """A recall index of only the entries added after ``since``, and its anchors (cached)."""
        with self.lock:
            key = (since, self.version)
            if self._since is None or self._since[0] != key:
                index: LiteralIndex[tuple[Entry, bool]] = LiteralIndex()
                for entry in self._entries[since:]:
                    _add_recall_original(index, entry)
                    for orig_part, _ in entry.parts:
                        _add_recall_part(index, entry, orig_part)
                self._since = (key, index, index.anchors())
            return self._since[1], self._since[2]

    # ------------------------------------------------------------ persistence
    def to_json(self) -> bytes:
        with self.lock:
            payload = {
                "version": 1,
                "entries": [
                    {"o": e.original, "s": e.surrogate, "t": e.entity_type,
                     "p": [list(p) for p in e.parts]}
                    for e in self._entries
                ],
                "counters": self._counters,
            }
        return json.dumps(payload, ensure_ascii=False).encode()

    def load_json(self, data: bytes) -> None:
        try:
            payload = json.loads(data)
            entries = [
                Entry(e["o"], e["s"], e["t"], tuple(tuple(p) for p in e["p"]))
                for e in payload["entries"]
            ]
            counters = {str(k): int(v) for k, v in payload["counters"].items()}
        except (ValueError, KeyError, TypeError):
            raise VaultCryptoError("exported vault has an unexpected layout") from None
        with self.lock:
            for entry in entries:
                self.add(entry)
            for label, n in counters.items():
                self._counters[label] = max(self._counters.get(label, 0), n)

    def __repr__(self) -> str:
        return f"Vault(session_id={self.session_id!r}, entries={self.counts()})"
