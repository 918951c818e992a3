"""Importing an exported vault's entries into a session's store (``Guard.import_session``).

Everything is checked against the session before anything is added (conflicts add nothing);
the entries the session lacks then go to the store in chunks, with the export's counters.
Decrypting the export, and dropping a new session again when the store fails, are the
guard's.
"""

from __future__ import annotations

from chatveil.errors import SurrogateCollisionError
from chatveil.pseudonymize import SessionState
from chatveil.state import VaultData, VaultStore
from chatveil.state.persist import counters_for

__all__ = ["add_imported"]

#: Entries an import adds per store call (one Redis script call each).
_IMPORT_CHUNK = 500


def add_imported(store: VaultStore, sid: str, state: SessionState, vault: VaultData) -> int:
    """Add the entries of ``vault`` that session ``sid`` lacks, and its counters; returns
    how many of them another worker's conflicting entries beat meanwhile.

    Raises:
        SurrogateCollisionError: some entries conflict with the session (nothing added).
    """
    with state.lock:
        new, conflicts = state.index.plan_import(vault.entries)
        if conflicts:
            raise SurrogateCollisionError(
                f"{conflicts} imported entries conflict with session {sid!r}: it uses "
                "their originals or surrogates for other values; nothing was imported"
            )
        raced = 0
        for start in range(0, len(new), _IMPORT_CHUNK):
            chunk = new[start : start + _IMPORT_CHUNK]
            added = store.add_many(sid, chunk, since=state.index.version)
            for entry, stored in zip(chunk, added.stored, strict=True):
                if (stored is None
                        or stored.surrogate.casefold() != entry.surrogate.casefold()):
                    raced += 1  # another worker stored a conflicting entry meanwhile
        store.merge_counters(sid, counters_for(vault))
        state.sync()
    return raced
