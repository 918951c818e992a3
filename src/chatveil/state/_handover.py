"""Handing a turn's remembered results to a shared store with the turn's new entries.

A :class:`~chatveil.pseudonymize.SessionState` hands the results it made to a
:class:`~chatveil.state.RememberingStore` at its next catch-up. When the restore of a guarded
call makes no catch-up (it needs none), that is the next turn on this worker, too late for
another worker serving the next turn. :class:`HandOver` stands in for the store of one
session: the guard gives it the results of a batch just before the batch's new entries are
stored, and it sends them in that same store call (one round trip); what it sent there is
not sent again at the next catch-up. The guard attaches results only once the session's
state hands over (:attr:`~chatveil.pseudonymize.SessionState.hands_over`: another worker has
written to the session).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Mapping, Sequence

from chatveil.state.entries import Entry
from chatveil.state.stores import Added, Committed, CommittingStore, Entries, HandingOverStore

__all__ = ["HandOver"]


class HandOver:
    """The store of one session, which sends the results :meth:`attach` gave it with the next
    :meth:`add_many` (if the store keeps them: see
    :meth:`~chatveil.state.HandingOverStore.add_many_remembered`).

    Args:
        store: the shared store.
    """

    def __init__(self, store: HandingOverStore) -> None:
        self._store = store
        self._committing = store if isinstance(store, CommittingStore) else None
        self._lock = threading.Lock()
        self._attached: tuple[str, list[tuple[bytes, bytes]]] | None = None
        #: what went with entries, not to send again: key -> digest of the value
        self._sent: dict[bytes, bytes] = {}

    @property
    def store(self) -> HandingOverStore:
        return self._store

    @property
    def commits(self) -> bool:
        """True if the store has :meth:`commit`."""
        return self._committing is not None

    def attach(self, epoch: str, put: Sequence[tuple[bytes, bytes]]) -> None:
        """Send ``put`` with the next :meth:`add_many` (if the session's epoch is ``epoch``);
        ``put`` empty: send nothing (what was attached and not sent is dropped)."""
        with self._lock:
            self._attached = (epoch, list(put)) if put else None

    # ------------------------------------------------------------ the store, forwarded
    def add_many(self, session_id: str, entries: Sequence[Entry], *, since: int) -> Added:
        with self._lock:
            attached, self._attached = self._attached, None
        if attached is None or not entries:
            return self._store.add_many(session_id, entries, since=since)
        epoch, put = attached
        added = self._store.add_many_remembered(session_id, entries, since=since,
                                                epoch=epoch, put=put)
        clean = (added.batch.epoch == epoch and added.batch.version == since
                 and all(s is e for s, e in zip(added.stored, entries, strict=True)))
        if clean:  # (else the store kept none of them)
            with self._lock:
                if len(self._sent) > 1024:  # (left by results dropped unsent: a reindex)
                    self._sent.clear()
                self._sent.update((key, _digest(value)) for key, value in put)
        return added

    def entries_remembered(self, session_id: str, since: int, *, epoch: str,
                           want: Sequence[bytes], put: Sequence[tuple[bytes, bytes]],
                           create: bool = False) -> tuple[Entries, list[bytes | None]]:
        if put:
            with self._lock:
                sent = self._sent
                put = [(k, v) for k, v in put if sent.pop(k, None) != _digest(v)]
        return self._store.entries_remembered(session_id, since, epoch=epoch, want=want,
                                              put=put, create=create)

    def commit(self, session_id: str, entries: Sequence[Entry], *, epoch: str, since: int,
               want: Sequence[bytes] = (), put: Sequence[tuple[bytes, bytes]] = ()
               ) -> Committed:
        """:meth:`~chatveil.state.stores.CommittingStore.commit` of the store (which must
        have it), without the values that went with entries already."""
        store = self._committing
        if store is None:
            raise TypeError(f"{type(self._store).__name__} has no commit")
        sent: list[bytes] = []
        if put:
            with self._lock:
                known = self._sent
                kept = []
                for key, value in put:
                    if known.get(key) == _digest(value):
                        sent.append(key)
                    else:
                        kept.append((key, value))
            put = kept
        committed = store.commit(session_id, entries, epoch=epoch, since=since, want=want,
                                 put=put)
        if committed.done and sent:
            with self._lock:
                for key in sent:
                    self._sent.pop(key, None)
        return committed

    def create(self, session_id: str) -> bool:
        return self._store.create(session_id)

    def exists(self, session_id: str) -> bool:
        return self._store.exists(session_id)

    def touch(self, session_id: str) -> bool:
        return self._store.touch(session_id)

    def entries(self, session_id: str, since: int = 0) -> Entries:
        return self._store.entries(session_id, since)

    def add(self, session_id: str, entry: Entry) -> Entry | None:
        return self._store.add(session_id, entry)

    def next_number(self, session_id: str, label: str) -> int:
        return self._store.next_number(session_id, label)

    def merge_counters(self, session_id: str, counters: Mapping[str, int]) -> None:
        self._store.merge_counters(session_id, counters)

    def drop(self, session_id: str) -> bool:
        return self._store.drop(session_id)

    def sessions(self) -> Iterator[str]:
        return self._store.sessions()

    def __repr__(self) -> str:
        return f"HandOver({self._store!r})"


def _digest(value: bytes) -> bytes:
    return hashlib.blake2b(value, digest_size=16).digest()
