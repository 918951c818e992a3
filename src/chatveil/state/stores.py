"""Vault stores: where sessions' entries and counters live.

A store holds plain data only (:class:`~chatveil.state.Entry` values and integer counters).
Every index built from entries (restore, recall, name parts, the per-text memo) is a
per-process cache that a guard rebuilds or extends from :meth:`VaultStore.entries`, so a store
shared by many worker processes (Redis...) needs nothing but the operations below.
"""

from __future__ import annotations

import threading
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol, runtime_checkable

from chatveil.errors import UnknownSessionError
from chatveil.state._expiry import ExpiringMap, Lease
from chatveil.state.entries import Entry

__all__ = ["Added", "Committed", "CommittingStore", "Entries", "HandingOverStore", "Hold",
           "HoldingStore", "ListenerRef", "MemoryVaultStore", "ObservableStore",
           "RememberingStore", "StagedAdds", "VaultStore", "listener_ref"]

#: Calls the listener it holds, or returns ``None`` once the listener is gone.
ListenerRef = Callable[[], Callable[[str], None] | None]


def listener_ref(listener: Callable[[str], None]) -> ListenerRef:
    """How a store holds a drop listener: weakly where it can, else strongly.

    A bound method (``guard._session_removed``) is held weakly, so a guard listening to a
    shared store can still be garbage-collected. Anything else that is callable is held
    strongly: a function, a ``functools.partial``, a built-in method (``list.append``), or a
    bound method of an object that cannot be weakly referenced (``__slots__`` without
    ``__weakref__``); the store then keeps it (and its object) alive as long as itself.

    Raises:
        TypeError: ``listener`` is not callable.
    """
    if not callable(listener):
        raise TypeError(f"a listener must be callable, not {type(listener).__name__}")
    if getattr(listener, "__func__", None) is not None and getattr(
            listener, "__self__", None) is not None:
        try:
            return weakref.WeakMethod(listener)
        except TypeError:  # its object has no weak references
            pass
    return lambda: listener


@dataclass(frozen=True, slots=True)
class Entries:
    """What :meth:`VaultStore.entries` returns.

    Attributes:
        epoch: identifies this incarnation of the session; it changes when the session is
            dropped (or expires) and is created again, so a cache built from an older epoch is
            discarded, never extended.
        version: number of entries the session holds now.
        entries: the entries from position ``since`` to ``version``, in the order added.
        counters: the session's counters (label -> last number issued).
    """

    epoch: str
    version: int
    entries: tuple[Entry, ...]
    counters: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class Added:
    """What :meth:`VaultStore.add_many` returns.

    Attributes:
        stored: for each entry given, in order, what :meth:`VaultStore.add` would have
            returned for it: the entry itself if it was added, the stored entry if its
            original was known, ``None`` if its surrogate was taken.
        batch: the session's epoch, version, counters and entries from the caller's
            ``since`` on, read after the adds (the added entries included).
    """

    stored: tuple[Entry | None, ...]
    batch: Entries


@runtime_checkable
class VaultStore(Protocol):
    """Where sessions' entries and counters live: the contract a shared store implements.

    A session holds an append-only list of entries, a map of integer counters and an epoch.
    Keys: ``session_id`` strings exactly as given (a networked store should key them with an
    HMAC of the guard's secret and keep entries encrypted at rest). Every method is safe to
    call from many threads and processes at once.

    Lifetime. :meth:`create` makes a session; :meth:`create`, :meth:`touch`, :meth:`entries`,
    :meth:`add`, :meth:`add_many` and :meth:`next_number` restart its lifetime (sliding
    expiry, the store's own TTL). An expired session is deleted, not hidden: afterwards it is
    as if it had been dropped. Methods that need a session raise
    :class:`~chatveil.errors.UnknownSessionError` when it does not exist (never created,
    dropped or expired); they never create it. A store that also implements
    :class:`HoldingStore` keeps a session while a call uses it.

    Uniqueness. :meth:`add` is the only write of entries and is atomic: it adds an entry only
    if the session has no entry with the same original (compared with ``str.casefold``), and
    neither its surrogate nor its original is the surrogate or the original of another entry
    (casefolded as well). That is what keeps restoration unambiguous when two workers
    pseudonymize into one session at the same time.

    Cost. A guard needs one call per turn to catch up (``entries(sid, since=my_version)``),
    plus one :meth:`add_many` for all the new originals of a batch (it adds them and catches
    up in one call). With
    Redis, for instance: a session is a list of JSON-encoded (encrypted) entries, a hash of
    casefolded originals and surrogates (HMAC'd), a hash of counters and an epoch key, all
    with the same expiry; :meth:`add_many` is one Lua script (check both hashes, RPUSH, HSET,
    PEXPIRE, then ``LRANGE since -1`` and the counters), :meth:`entries` is the read part of
    it, :meth:`next_number` is ``HINCRBY``. A store that also implements
    :class:`CommittingStore` saves the catch-up of a worker that writes alone to a session.
    """

    def create(self, session_id: str) -> bool:
        """Create the session if it does not exist (a new epoch); True if it was created.

        Refreshes the lifetime of an existing session.
        """
        ...

    def exists(self, session_id: str) -> bool:
        """True if the session exists (does not refresh its lifetime)."""
        ...

    def touch(self, session_id: str) -> bool:
        """Refresh the session's lifetime; False if it does not exist."""
        ...

    def entries(self, session_id: str, since: int = 0) -> Entries:
        """The session's epoch, version, entries from position ``since`` on, and counters.

        ``since`` beyond the current version yields no entries (the caller compares
        ``version`` and ``epoch`` with its own to notice a session that was recreated).
        """
        ...

    def add(self, session_id: str, entry: Entry) -> Entry | None:
        """Add ``entry`` if absent, atomically (see the class docstring).

        Returns:
            ``entry`` if it was added; the stored entry if one with the same original exists
            (first writer wins); ``None`` if the surrogate is taken (the caller tries its
            next candidate).
        """
        ...

    def add_many(self, session_id: str, entries: Sequence[Entry], *, since: int) -> Added:
        """Add each entry in order as :meth:`add` does, then read the session as
        :meth:`entries` with ``since`` does, all in one atomic step (one round trip).

        An entry whose original an earlier entry of the same call added gets that entry.
        """
        ...

    def next_number(self, session_id: str, label: str) -> int:
        """Increment the counter ``label`` (from 0) and return its new value, atomically."""
        ...

    def merge_counters(self, session_id: str, counters: Mapping[str, int]) -> None:
        """Raise each counter to at least the given value (importing a vault)."""
        ...

    def drop(self, session_id: str) -> bool:
        """Delete the session and everything in it; True if it existed."""
        ...

    def sessions(self) -> Iterator[str]:
        """The ids of the live sessions (a snapshot)."""
        ...


@runtime_checkable
class ObservableStore(Protocol):
    """A store that tells listeners when a session is dropped, expires or is evicted.

    A guard subscribes so that its per-process caches of a session (indexes, remembered
    texts, detection-cache entries) go when the session goes. A networked store may implement
    it with keyspace notifications; without it, a guard notices at the session's next use.
    """

    def add_listener(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(session_id)`` whenever a session stops existing."""
        ...


class Hold(Protocol):
    """What :meth:`HoldingStore.hold` returns: the session is held until :meth:`release`."""

    def release(self) -> None:
        """End the hold (idempotent)."""
        ...


@runtime_checkable
class HoldingStore(Protocol):
    """A store that keeps a session while a call uses it.

    A guard holds the session of each guarded call (and stream) from its start to its end,
    so that the entries the call pseudonymized with are still there when its answer is
    restored, however long the model or the reader takes. A held session neither expires nor
    is evicted; its lifetime restarts when its last hold is released. A store that cannot
    pause its expiry (a server-side TTL) refreshes the session's lifetime at the release
    instead, so that it counts from the end of the use. :meth:`VaultStore.drop` still drops
    a held session at once.
    """

    def hold(self, session_id: str) -> Hold:
        """Hold the session (existing now or created later) until the hold is released.

        A hold that is garbage-collected without :meth:`Hold.release` (a use abandoned
        before its end ran) must stop holding: the session then expires as if its last use
        had been its last store call.
        """
        ...


@runtime_checkable
class RememberingStore(Protocol):
    """A shared store that also keeps what its workers remembered about a session's texts.

    A worker that pseudonymized a text remembers the result (masked text, the version of the
    session it is exact for...); a worker serving the next turn of that conversation can
    take it from the store instead of pseudonymizing the text again, and checks it against
    the entries added since, as it checks its own. The values are opaque bytes (the store
    encrypts them), keyed by opaque keys (keyed HMACs of the texts); they live and go with
    the session (expiry, :meth:`VaultStore.drop`) and are a cache: a store may forget any
    of them at any time (a bounded number per session, key rotation).
    """

    def entries_remembered(self, session_id: str, since: int, *, epoch: str,
                           want: Sequence[bytes], put: Sequence[tuple[bytes, bytes]],
                           create: bool = False) -> tuple[Entries, list[bytes | None]]:
        """:meth:`VaultStore.entries` with ``since``, plus the values kept under ``want``
        (``None`` where none is), after keeping each ``(key, value)`` of ``put`` if the
        session's epoch is ``epoch``; one atomic call. ``create``: first create the session
        if it does not exist (as :meth:`VaultStore.create`), in the same call.

        Raises:
            UnknownSessionError: the session does not exist (and ``create`` is false).
        """
        ...


@runtime_checkable
class HandingOverStore(VaultStore, RememberingStore, Protocol):
    """A :class:`RememberingStore` that also takes remembered values with the adds of a turn,
    so that the results a worker made reach the other workers with the entries they were made
    with, in the same call (instead of at the worker's next catch-up)."""

    def add_many_remembered(self, session_id: str, entries: Sequence[Entry], *, since: int,
                            epoch: str, put: Sequence[tuple[bytes, bytes]]) -> Added:
        """:meth:`VaultStore.add_many`, and in the same atomic call keep each ``(key,
        value)`` of ``put`` (as :meth:`RememberingStore.entries_remembered` does), but only
        if the session's epoch is ``epoch`` and every entry was added, right after the
        ``since - len(entries)`` entries that were there (the values were made against
        exactly those entries and these)."""
        ...


@dataclass(frozen=True, slots=True)
class Committed:
    """What :meth:`CommittingStore.commit` returns.

    Attributes:
        done: the session was at the caller's epoch and version, so the entries were added
            (each if absent, as :meth:`VaultStore.add_many` adds them).
        stored: when ``done``, for each entry given, what :meth:`VaultStore.add` would have
            returned for it; else empty.
        batch: the session's epoch, version and counters. Its entries: when ``done``, none if
            every entry was added, else those from the caller's ``since`` on (the session as
            it is now); when not ``done``, those from ``since`` on (from 0 if the epoch is
            another), as :meth:`VaultStore.entries` reads them.
        values: when not ``done``, the remembered values under the keys asked for (``None``
            where none is); else empty.
    """

    done: bool
    stored: tuple[Entry | None, ...]
    batch: Entries
    values: tuple[bytes | None, ...] = ()


@runtime_checkable
class CommittingStore(Protocol):
    """A shared store that stores a turn's entries only if nobody changed the session since
    the caller last read it, in the same call that would otherwise bring the caller up to
    date: one round trip per turn when the worker is the session's only writer (a guard
    pseudonymizes against what it holds, then commits; on a conflict it catches up from the
    reply and does the turn again).
    """

    def commit(self, session_id: str, entries: Sequence[Entry], *, epoch: str, since: int,
               want: Sequence[bytes] = (), put: Sequence[tuple[bytes, bytes]] = ()
               ) -> Committed:
        """One atomic call: if the session's epoch is ``epoch`` and its version is ``since``,
        add ``entries`` as :meth:`VaultStore.add_many` does and, if every one was added, keep
        each ``(key, value)`` of ``put`` (as :meth:`RememberingStore.entries_remembered`
        does); else add and keep nothing, and read the session since ``since`` (since 0 if
        its epoch is another) and the values kept under ``want``. Either way the session's
        lifetime restarts.

        Raises:
            UnknownSessionError: the session does not exist.
        """
        ...


class _Session:
    """One session's data in a :class:`MemoryVaultStore`."""

    __slots__ = ("counters", "entries", "epoch", "originals", "taken")

    def __init__(self) -> None:
        self.epoch = uuid.uuid4().hex
        self.entries: list[Entry] = []
        self.originals: dict[str, Entry] = {}  # casefolded original -> entry
        self.taken: set[str] = set()  # casefolded originals and surrogates
        self.counters: dict[str, int] = {}


class StagedAdds:
    """Entries to add to a session later, all in one :meth:`VaultStore.add_many`, checked now
    as a store checks them: against the session's entries as the caller knows them and
    against each other.

    Args:
        since: the version of the session the caller knows (where the staged entries start).
        known: gives the session's entries up to that version (called at the first add).
    """

    def __init__(self, since: int, known: Callable[[], Iterable[Entry]]) -> None:
        self.since = since
        self.pending: list[Entry] = []
        self._known = known
        self._session: _Session | None = None

    def add(self, entry: Entry) -> Entry | None:
        """What :meth:`VaultStore.add` would return; an added entry is kept in ``pending``."""
        if self._session is None:  # built at the first add: a block adding nothing pays nothing
            self._session = _Session()
            for known in self._known():
                MemoryVaultStore._add(self._session, known)
        stored = MemoryVaultStore._add(self._session, entry)
        if stored is entry:
            self.pending.append(entry)
        return stored

    def __repr__(self) -> str:
        return f"StagedAdds(since={self.since}, pending={len(self.pending)})"


class MemoryVaultStore:
    """In-process sessions with least-recently-used eviction and expiry after the last use.

    Expired sessions are purged from memory by a background thread when their time is up.
    A session held by a call (:meth:`hold`) is never purged nor evicted: its lifetime counts
    from the end of its last use. Eviction beyond ``maxsize`` takes the least recently used
    session that is not held; while every other session is held, the store keeps more than
    ``maxsize`` until a hold ends.

    Args:
        ttl: seconds a session lives after its last use; ``None`` keeps it until evicted.
        maxsize: most sessions kept; the least recently used is evicted beyond that.
    """

    def __init__(self, *, ttl: float | None = 86_400.0, maxsize: int = 10_000) -> None:
        self._lock = threading.RLock()  # guards the data inside sessions
        self._listeners_lock = threading.Lock()
        self._listeners: list[ListenerRef] = []
        self._sessions: ExpiringMap[str, _Session] = ExpiringMap(
            ttl=ttl, maxsize=maxsize, on_remove=self._removed
        )

    # ------------------------------------------------------------ lifetime
    def create(self, session_id: str) -> bool:
        return self._sessions.setdefault(session_id, _Session)[1]

    def exists(self, session_id: str) -> bool:
        return self._sessions.get(session_id, touch=False) is not None

    def touch(self, session_id: str) -> bool:
        return self._sessions.get(session_id) is not None

    def hold(self, session_id: str) -> Lease[str]:
        """Keep the session (now or once created) until the returned lease is released; its
        lifetime restarts then (see :class:`HoldingStore`)."""
        return self._sessions.hold(session_id)

    def drop(self, session_id: str) -> bool:
        found = self._sessions.pop(session_id) is not None
        if found:
            self._removed(session_id, None)
        return found

    def sessions(self) -> Iterator[str]:
        return self._sessions.keys()

    # ------------------------------------------------------------ data
    def entries(self, session_id: str, since: int = 0) -> Entries:
        with self._lock:
            session = self._get(session_id)
            return Entries(
                session.epoch,
                len(session.entries),
                tuple(session.entries[max(0, since):]),
                MappingProxyType(dict(session.counters)),
            )

    def add(self, session_id: str, entry: Entry) -> Entry | None:
        with self._lock:
            return self._add(self._get(session_id), entry)

    def add_many(self, session_id: str, entries: Sequence[Entry], *, since: int) -> Added:
        with self._lock:  # re-entrant: each add, then the read, with no other call between
            stored = tuple(self.add(session_id, entry) for entry in entries)
            return Added(stored, self.entries(session_id, since))

    @staticmethod
    def _add(session: _Session, entry: Entry) -> Entry | None:
        original, surrogate = entry.original.casefold(), entry.surrogate.casefold()
        existing = session.originals.get(original)
        if existing is not None:
            return existing
        if surrogate in session.taken or original in session.taken:
            # a surrogate or original of another entry
            return None
        session.entries.append(entry)
        session.originals[original] = entry
        session.taken.update((original, surrogate))
        return entry

    def next_number(self, session_id: str, label: str) -> int:
        with self._lock:
            counters = self._get(session_id).counters
            counters[label] = counters.get(label, 0) + 1
            return counters[label]

    def merge_counters(self, session_id: str, counters: Mapping[str, int]) -> None:
        with self._lock:
            mine = self._get(session_id).counters
            for label, n in counters.items():
                mine[label] = max(mine.get(label, 0), int(n))

    def _get(self, session_id: str) -> _Session:
        session = self._sessions.get(session_id)
        if session is None:
            raise UnknownSessionError(session_id)
        return session

    # ------------------------------------------------------------ listeners
    def add_listener(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(session_id)`` when a session is dropped, expires or is evicted.

        Any callable: bound methods are held weakly (a guard listening to a shared store can
        still be garbage-collected), the rest strongly (see :func:`listener_ref`).
        """
        ref = listener_ref(listener)
        with self._listeners_lock:
            self._listeners.append(ref)

    def _removed(self, session_id: str, _session: _Session | None) -> None:
        with self._listeners_lock:
            listeners = [(ref, ref()) for ref in self._listeners]
            self._listeners = [ref for ref, fn in listeners if fn is not None]
        for _ref, fn in listeners:
            if fn is not None:
                fn(session_id)

    def __len__(self) -> int:
        """Sessions held in memory right now."""
        return len(self._sessions)

    def __repr__(self) -> str:
        return f"MemoryVaultStore(sessions={len(self)})"
