"""Vault data: a session's entries (original, surrogate, type, name parts) and counters.

Plain, immutable data: what a vault store keeps and what an export carries. Indexes built from
entries (restore, recall, name parts) are per-process caches in :mod:`chatveil.index`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from chatveil.errors import VaultCryptoError

__all__ = ["Entry", "VaultData"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One original and its surrogate. ``parts`` pairs name parts for partial restore.

    Originals are unique in a session case-insensitively (``casefold``), and so are
    surrogates; a surrogate never equals another entry's original.
    """

    original: str
    surrogate: str
    entity_type: str
    parts: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:  # never show values
        return f"Entry(entity_type={self.entity_type!r})"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (short keys: ``o``, ``s``, ``t``, ``p``)."""
        return {"o": self.original, "s": self.surrogate, "t": self.entity_type,
                "p": [list(p) for p in self.parts]}

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
        return cls(original, surrogate, etype, parts)  # type: ignore[arg-type]


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
