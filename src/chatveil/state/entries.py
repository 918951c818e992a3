"""Vault data: a session's entries (original, surrogate, type, name parts) and counters.

Plain, immutable data: what a vault store keeps and what an export carries. Indexes built from
entries (restore, recall, name parts) are per-process caches in :mod:`chatveil.index`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from chatveil.errors import VaultCryptoError

__all__ = ["Entry", "VaultData", "literal_original"]

#: Marks the stored original of a literal entry (see :attr:`Entry.value`).
_LITERAL = "\u2063"  # INVISIBLE SEPARATOR


def _tag(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def literal_original(text: str) -> str:
    """The stored original of a literal entry protecting ``text`` exactly as written.

    The stored form differs from every ordinary original and from every other literal (even
    one differing only in case), so a store's case-insensitive uniqueness keeps them apart.
    """
    return f"{_LITERAL}{text}{_LITERAL}{_tag(text)}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One original and its surrogate. ``parts`` pairs name parts for partial restore.

    Originals are unique in a session case-insensitively (``casefold``), and so are
    surrogates; a surrogate never equals another entry's original.

    A *literal* entry protects a piece of text exactly as the user wrote it: a real value
    that equals a surrogate of the session, a surrogate-shaped string, or a spelling of a
    known original that its surrogate cannot carry. Its stored original is an encoding of the
    text (:func:`literal_original`); :attr:`value` is the text itself, what restore returns.

    A *document* entry was made for documents pseudonymized to be stored (a vector store, a
    database): its surrogate lives on in them, so wherever it comes back in text to
    pseudonymize (a retrieved chunk in a prompt) it is recognised as this entry's surrogate,
    not protected as the user's own text.

    A *weak* entry was made for a detection below the recall score (a guess): its value is
    masked where it was found, but session recall does not look for it in later texts until a
    confident detection confirms it. The mark travels with the entry, so every worker that
    reads the session from a shared store treats the guess alike.
    """

    original: str
    surrogate: str
    entity_type: str
    parts: tuple[tuple[str, str], ...] = ()
    document: bool = False
    weak: bool = False

    def __repr__(self) -> str:  # never show values
        return f"Entry(entity_type={self.entity_type!r})"

    @property
    def literal(self) -> bool:
        """True if this entry protects a literal text (see the class docstring)."""
        return self._decoded() is not None

    @property
    def value(self) -> str:
        """What the surrogate restores to: the original, or a literal entry's exact text."""
        decoded = self._decoded()
        return self.original if decoded is None else decoded

    def _decoded(self) -> str | None:
        original = self.original
        if not original.startswith(_LITERAL):
            return None
        text, mark, tag = original[1:].rpartition(_LITERAL)
        return text if mark and tag == _tag(text) else None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (short keys: ``o``, ``s``, ``t``, ``p``; ``d`` for a document
        entry, ``w`` for a weak one)."""
        out: dict[str, object] = {"o": self.original, "s": self.surrogate, "t": self.entity_type,
                                  "p": [list(p) for p in self.parts]}
        if self.document:
            out["d"] = True
        if self.weak:
            out["w"] = True
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Entry:
        """The entry :meth:`to_dict` wrote; raises ``ValueError`` on any other layout."""
        try:
            original, surrogate, etype = data["o"], data["s"], data["t"]
            pairs = data.get("p") or ()
            if not isinstance(pairs, list | tuple):
                raise TypeError
            parts = tuple((a, b) for a, b in pairs)
        except (KeyError, TypeError, ValueError):
            raise ValueError("not an entry") from None
        strings = (original, surrogate, etype, *(v for pair in parts for v in pair))
        if not all(isinstance(v, str) and v for v in strings):
            raise ValueError("not an entry")
        document, weak = data.get("d", False), data.get("w", False)
        if not isinstance(document, bool) or not isinstance(weak, bool):
            raise ValueError("not an entry")
        return cls(original, surrogate, etype, parts, document, weak)  # type: ignore[arg-type]


def counts_of(entries: Iterable[Entry]) -> dict[str, int]:
    """Number of entries by entity type, sorted by type."""
    out: dict[str, int] = {}
    for entry in entries:
        out[entry.entity_type] = out.get(entry.entity_type, 0) + 1
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class VaultData:
    """A session's state as plain data: its entries in the order they were added and its
    counters (the last number issued per placeholder label)."""

    entries: tuple[Entry, ...] = ()
    counters: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def to_json(self) -> bytes:
        """The data as JSON (to be encrypted before it leaves the process)."""
        payload = {
            "version": 1,
            "entries": [e.to_dict() for e in self.entries],
            "counters": dict(self.counters),
        }
        return json.dumps(payload, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, data: bytes) -> VaultData:
        """Parse what :meth:`to_json` wrote.

        Raises:
            VaultCryptoError: the layout is not an exported vault.
        """
        try:
            payload = json.loads(data)
            entries = tuple(Entry.from_dict(e) for e in payload["entries"])
            counters = {str(k): int(v) for k, v in payload["counters"].items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            raise VaultCryptoError("exported vault has an unexpected layout") from None
        return cls(entries, MappingProxyType(counters))

    def __repr__(self) -> str:
        return f"VaultData(entries={counts_of(self.entries)}, counters={len(self.counters)})"
