"""``RedisVaultStore``: sessions' entries and counters in Redis, shared by worker processes."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import cachetools
import redis

from chatveil.errors import (
    ConfigurationError,
    StoreUnavailableError,
    UnknownSessionError,
    VaultCryptoError,
)
from chatveil.redis._client import (
    ScriptRunner,
    check_client,
    connect,
    namespace_of,
    unavailable,
)
from chatveil.redis._crypto import Digester, KeyRing
from chatveil.redis._scripts import SCRIPTS
from chatveil.state.entries import Entry
from chatveil.state.stores import Added, Committed, Entries, ListenerRef, listener_ref

__all__ = ["RedisVaultStore"]

_Listener = Callable[[str], None]
_LOOKUP_CAS = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0
"""


#: JSON of an entry, compact (one encoder for every call: ``json.dumps`` with options builds
#: a new one each time)
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


class _Keys:
    """The four keys of one session, what binds its blobs to it, and the epoch this process
    last read of it."""

    __slots__ = ("aads", "all", "digest", "entries", "epoch", "fields", "index", "memos", "meta",
                 "refreshed", "remembered", "values")

    def __init__(self, prefix: str, digest: bytes) -> None:
        self.digest = digest
        #: what this process derived for the session once, not again on every turn: the
        #: associated data of its blobs by kind, the digesters of its values and of its
        #: remembered texts' keys, and the hash fields of those keys
        self.aads: dict[bytes, bytes] = {}
        self.values: Digester | None = None
        self.memos: Digester | None = None
        self.fields: dict[bytes, bytes] = {}
        #: the session's epoch this process last read: None if none yet, '' once this
        #: process has told its listeners that the session ended (see _ended, _heard)
        self.epoch: str | None = None
        #: when this process last sent a script that restarts the session's lifetime
        #: (monotonic seconds; 0: never)
        self.refreshed = 0.0
        tag = f"{prefix}{{{digest.hex()}}}"  # one hash tag: one Cluster slot per session
        self.meta, self.entries, self.index = f"{tag}:m", f"{tag}:e", f"{tag}:i"
        self.remembered = f"{tag}:r"
        self.all = (self.meta, self.entries, self.index, self.remembered)


class _Hold:
    """A guarded call's hold on a session of a :class:`RedisVaultStore` (see its ``hold``)."""

    __slots__ = ("_session_id", "_store")

    def __init__(self, store: RedisVaultStore, session_id: str) -> None:
        self._store: RedisVaultStore | None = store
        self._session_id = session_id

    def release(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            store._released(self._session_id)

    def __repr__(self) -> str:  # never the session id
        return f"RedisHold(released={self._store is None})"


class RedisVaultStore:
    """A :class:`~chatveil.state.VaultStore` in Redis (or Valkey), shared by many workers.

    Nothing readable is stored: keys hold keyed digests (HMAC-SHA256) of session ids, values
    are AES-256-GCM ciphertexts (entries, session ids) bound to their session and namespace,
    random epochs, entity-type counters. Every operation is one atomic Lua script on one
    session's keys, which share a hash tag (one slot of a Redis Cluster):

    * :meth:`add` adds an entry only if neither its original nor its surrogate is taken
      (casefolded), so two workers adding one original at once agree on one surrogate;
    * :meth:`entries` returns the epoch, counters and the entries since a version in one round
      trip, so a worker catches up with a turn served elsewhere without reloading the vault;
    * :meth:`commit` adds a turn's entries only if the session is still at the version the
      worker pseudonymized against, else returns the entries since: a worker that writes
      alone to a session makes one round trip per turn;
    * every use refreshes the session's lifetime (``ttl``), and :meth:`drop` removes it for
      every worker at once (each checks the store on every turn);
    * a guarded call :meth:`holds <hold>` its session: when the call ends long after its last
      store call (a slow model, a stream read slowly), the release refreshes the lifetime
      once more, so that it counts from the end of the call.

    With a plain ``redis.Redis`` client the scripts go out on connections of the store's own,
    made by the client's pool with its settings (see
    :class:`~chatveil.redis._client.ScriptRunner`): redis-py's per-command work (pooling,
    metrics, packing in Python) cost more CPU than the rest of a turn's store call; a cluster
    client runs them through redis-py's ``Script``.

    If Redis cannot be reached (after ``retries``), every method raises
    :class:`~chatveil.errors.StoreUnavailableError`: the guard stops the call and nothing is
    sent on. The client reconnects by itself once Redis is back.

    Args:
        client: a redis-py client (``decode_responses=False``); see :meth:`from_url`.
        namespace: isolates tenants: stores with different namespaces share nothing.
        encryption_key: a 32-byte key, or a list of them, newest first (the first encrypts,
            all decrypt; see :meth:`rotate`).
        lookup_key: key of the digests in key names (at least 16 bytes). If omitted, a random
            one is created on first use and kept in Redis, encrypted with ``encryption_key``,
            so every worker of the namespace shares it and rotation never changes it.
        ttl: seconds a session lives after its last use; ``None`` or 0: until dropped.
        remembered: most remembered texts kept per session (see
            :class:`~chatveil.state.RememberingStore`): a worker takes a text another worker
            pseudonymized from here instead of pseudonymizing it again (a guard hands its
            results over once it has found another worker's entries in the session). Each
            holds the masked
            text (up to 16,000 characters), the originals it restores to and its detected
            spans, encrypted like entries: about 2-3 times the text's size. 0 keeps none.
        hand_over: when a guard hands the results it makes over: ``"shared"`` (default)
            once it has found another worker's entries in the session, so a worker serving
            a session alone pays nothing for others (the first other worker pseudonymizes
            again, detections cached, the messages it finds no result for: tens of ms once,
            at turn 40); ``"always"`` from a session's first turn (about 0.2 ms of CPU a turn
            more for a worker alone; for sessions that stay on one worker for long and then
            move, e.g. sticky routing with frequent restarts).

    Example:
        >>> store = RedisVaultStore.from_url("redis://127.0.0.1:6379/0", namespace="acme",
        ...                                  encryption_key=key)  # doctest: +SKIP
        >>> guard = Guard(config, vault_store=store)  # doctest: +SKIP
    """

    def __init__(self, client: Any, *, namespace: str = "default",
                 encryption_key: bytes | Sequence[bytes], lookup_key: bytes | None = None,
                 ttl: float | None = 86_400.0, remembered: int = 512,
                 hand_over: str = "shared") -> None:
        self._client = check_client(client)
        if remembered < 0:
            raise ConfigurationError("remembered must be >= 0")
        if hand_over not in ("shared", "always"):
            raise ConfigurationError("hand_over must be 'shared' or 'always'")
        self._hand_over = hand_over
        self._remembered = int(remembered)
        self._ns = namespace_of(namespace)
        self._ring = KeyRing(encryption_key)
        if lookup_key is not None and len(lookup_key) < 16:
            raise ConfigurationError("lookup_key must be at least 16 bytes")
        if ttl is not None and ttl < 0:
            raise ConfigurationError("ttl must be >= 0 seconds, or None")
        #: digests under the lookup key (keyed once; set with the key, see _lookup)
        self._digester = Digester(bytes(lookup_key)) if lookup_key is not None else None
        self._ttl_ms = str(int(ttl * 1000)) if ttl else "0"
        #: a hold's release refreshes the lifetime if the last refresh is older than this
        #: (a minute, or a tenth of the lifetime if that is shorter); None: no lifetime
        self._slack = min(ttl / 10, 60.0) if ttl else None
        self._prefix = f"chatveil:{self._ns}:"
        self._channel = f"{self._prefix}dropped"
        self._lock = threading.Lock()
        # session id <-> digest, for this process's sessions (drop notices name digests)
        self._keys: cachetools.LRUCache[str, _Keys] = cachetools.LRUCache(100_000)
        self._ids: cachetools.LRUCache[str, str] = cachetools.LRUCache(100_000)
        #: every script, run by name (one EVALSHA on a connection of the store's own)
        self._scripts = ScriptRunner(client, SCRIPTS)
        self._lookup_cas = client.register_script(_LOOKUP_CAS)
        self._listeners: list[ListenerRef] = []
        self._watcher: threading.Thread | None = None
        self._watcher_pid = 0
        self._closed = threading.Event()
        # drop notices carry who sent them: a store has told its listeners of its own drops
        self._origin = secrets.token_hex(8)

    @classmethod
    def from_url(cls, url: str, *, namespace: str = "default",
                 encryption_key: bytes | Sequence[bytes], lookup_key: bytes | None = None,
                 ttl: float | None = 86_400.0, timeout: float = 2.0,
                 connect_timeout: float | None = None, retries: int = 2,
                 retry_backoff: float = 0.05, cluster: bool = False,
                 remembered: int = 512, hand_over: str = "shared",
                 **redis_options: Any) -> RedisVaultStore:
        """A store on the Redis at ``url``.

        Args:
            url: ``redis://host:port/db``, ``rediss://`` for TLS, ``unix:///path``.
            namespace, encryption_key, lookup_key, ttl, remembered, hand_over: as for the
                class.
            timeout: seconds to wait for a reply (and for a connection, unless
                ``connect_timeout`` is given).
            retries: extra attempts after a connection error or timeout, with exponential
                backoff from ``retry_backoff`` seconds; then the call fails closed.
            cluster: ``url`` is a node of a Redis Cluster.
            **redis_options: passed on to redis-py (``password``, ``ssl_ca_certs``...).
        """
        client = connect(url, timeout=timeout, connect_timeout=connect_timeout,
                         retries=retries, retry_backoff=retry_backoff, cluster=cluster,
                         **redis_options)
        return cls(client, namespace=namespace, encryption_key=encryption_key,
                   lookup_key=lookup_key, ttl=ttl, remembered=remembered,
                   hand_over=hand_over)

    @property
    def client(self) -> Any:
        """The redis-py client."""
        return self._client

    @property
    def hands_over_alone(self) -> bool:
        """True if a guard hands its results over even while it serves a session alone
        (``hand_over="always"``)."""
        return self._hand_over == "always"

    @property
    def namespace(self) -> str:
        return self._ns

    # ------------------------------------------------------------ keys
    def _lookup(self) -> Digester:
        """Digests under the namespace's lookup key: given, or kept in Redis encrypted
        (created once)."""
        digester = self._digester
        if digester is not None:
            return digester
        with self._lock:
            name, aad = f"{self._prefix}lookup-key", _utf8(f"chatveil-lookup\0{self._ns}")
            for _ in range(3):
                if self._digester is not None:
                    break
                with unavailable("setup"):
                    self._client.set(name, self._ring.encrypt(secrets.token_bytes(32), aad),
                                     nx=True)
                    blob = self._client.get(name)
                if blob is not None:  # else deleted between the two calls: again
                    self._digester = Digester(self._ring.decrypt(blob, aad))
            if self._digester is None:
                raise StoreUnavailableError("setup", "the lookup key keeps disappearing")
            return self._digester

    def _session(self, session_id: str) -> _Keys:
        keys = self._keys.get(session_id)
        if keys is None:
            if not isinstance(session_id, str) or not session_id:
                raise TypeError("session_id must be a non-empty string")
            digest = self._lookup().digest(b"session", _utf8(self._ns), _utf8(session_id))
            keys = _Keys(self._prefix, digest)
            with self._lock:
                self._keys[session_id] = keys
                self._ids[digest.hex()] = session_id
        if self._listeners and self._watcher_pid != os.getpid():
            self._watch()
        return keys

    def _value_digests(self, keys: _Keys) -> Digester:
        """Digests of the session's values: ``lookup_digest(lookup key, b"value", session
        digest, value)``, the first two parts fed once per session."""
        values = keys.values
        if values is None:
            values = keys.values = self._lookup().under(b"value", keys.digest)
        return values

    def _value(self, keys: _Keys, value: str) -> bytes:
        return self._value_digests(keys).digest(_utf8(value.casefold()))

    def _aad(self, kind: bytes, keys: _Keys) -> bytes:
        aad = keys.aads.get(kind)
        if aad is None:
            aad = keys.aads[kind] = (b"chatveil-" + kind + b"\0" + _utf8(self._ns) + b"\0"
                                     + keys.digest)
        return aad

    def _encrypt_entry(self, keys: _Keys, entry: Entry, aad: bytes | None = None) -> bytes:
        return self._ring.encrypt(_utf8(_JSON.encode(entry.to_dict())),
                                  aad or self._aad(b"entry", keys))

    def _decrypt_entry(self, keys: _Keys, blob: bytes) -> Entry:
        plain = self._ring.decrypt(blob, self._aad(b"entry", keys))
        return Entry.from_dict(json.loads(plain.decode("utf-8", "surrogatepass")))

    # ------------------------------------------------------------ lifetime
    def _run(self, script: str, keys: _Keys, args: Sequence[Any]) -> Any:
        """Run a script that restarts the session's lifetime, noting when (see :meth:`hold`)."""
        keys.refreshed = time.monotonic()
        return self._scripts.run(script, keys.all, args)

    def hold(self, session_id: str) -> _Hold:
        """Hold the session while a guarded call uses it (see
        :class:`~chatveil.state.HoldingStore`); no store call.

        Redis expires keys on its own clock, so a hold cannot pause the session's lifetime:
        its release refreshes it instead (one ``TOUCH``), if more than a minute (or a tenth of
        ``ttl``, if shorter) passed since this process's last store call on the session.
        A call that outlasts ``ttl`` without a store call still loses the session in Redis
        (the guard restores that call's answer from what it holds in memory); keep ``ttl``
        above your longest call.
        """
        return _Hold(self, session_id)

    def _released(self, session_id: str) -> None:
        """The end of a use: refresh the session's lifetime if it is due (best effort)."""
        keys = self._keys.get(session_id)
        if (self._slack is None or keys is None or not keys.epoch
                or time.monotonic() - keys.refreshed <= self._slack):
            return  # no lifetime, a session this process never read or saw end, or fresh
        try:
            with unavailable("touch"):
                found = self._run("TOUCH", keys, [self._ttl_ms])
        except StoreUnavailableError:
            return  # the call itself is done; the lifetime counts from its last store call
        if not found:  # it expired during the call: the listeners hear of it now
            self._ended(session_id, keys)

    def create(self, session_id: str) -> bool:
        keys = self._session(session_id)
        sid = self._ring.encrypt(_utf8(session_id), self._aad(b"sid", keys))
        epoch = secrets.token_hex(16)
        with unavailable("create"):
            created = self._run("CREATE", keys, [self._ttl_ms, epoch, sid])
        if created:
            keys.epoch = epoch
        return bool(created)

    def exists(self, session_id: str) -> bool:
        keys = self._session(session_id)
        with unavailable("exists"):
            return bool(self._client.exists(keys.meta))

    def touch(self, session_id: str) -> bool:
        keys = self._session(session_id)
        with unavailable("touch"):
            return bool(self._run("TOUCH", keys, [self._ttl_ms]))

    def drop(self, session_id: str) -> bool:
        keys = self._session(session_id)
        with unavailable("drop"):
            epoch = self._scripts.run("DROP", keys.all, [])
            if epoch is not None:
                # the epoch lets a worker that holds a newer incarnation ignore the notice
                text = epoch.decode() if isinstance(epoch, bytes) else str(epoch)
                self._client.publish(self._channel,
                                     f"{keys.digest.hex()}:{self._origin}:{text}")
        if epoch is None:
            return False
        keys.epoch = ""
        self._notify(session_id)
        return True

    def sessions(self) -> Iterator[str]:
        """The ids of the namespace's live sessions (a snapshot; one SCAN over the keys)."""
        found: list[str] = []
        with unavailable("sessions"):
            metas = list(self._client.scan_iter(match=f"{self._prefix}{{*}}:m", count=1000))
            for start in range(0, len(metas), 500):
                chunk = metas[start : start + 500]
                pipe = self._client.pipeline(transaction=False)
                for name in chunk:
                    pipe.hget(name, "sid")
                blobs = pipe.execute()
                for name, blob in zip(chunk, blobs, strict=True):
                    if blob is None:  # expired or dropped meanwhile
                        continue
                    text = name.decode() if isinstance(name, bytes) else name
                    digest = bytes.fromhex(text[text.index("{") + 1 : text.index("}")])
                    keys = _Keys(self._prefix, digest)
                    sid = self._ring.decrypt(blob, self._aad(b"sid", keys))
                    found.append(sid.decode("utf-8", "surrogatepass"))
        return iter(found)

    # ------------------------------------------------------------ data
    def entries(self, session_id: str, since: int = 0) -> Entries:
        keys = self._session(session_id)
        with unavailable("entries"):
            reply = self._run("ENTRIES", keys, [self._ttl_ms, max(0, int(since))])
        if reply is None:
            raise self._ended(session_id, keys)
        return self._read(keys, *reply)

    def entries_remembered(self, session_id: str, since: int, *, epoch: str,
                           want: Sequence[bytes], put: Sequence[tuple[bytes, bytes]],
                           create: bool = False) -> tuple[Entries, list[bytes | None]]:
        """:meth:`entries`, plus remembered values read and kept, in one script call (see
        :class:`~chatveil.state.RememberingStore`); ``create``: create the session first
        if it does not exist, in the same call. A value that does not decrypt (a key removed
        from the ring, damage) reads as absent: it is a cache."""
        keys = self._session(session_id)
        asked = len(want)
        if not self._remembered:
            want, put = (), ()
        fields = [self._memo_field(keys, key) for key in want]
        new_epoch: Any = b""
        sid: Any = b""
        if create:
            new_epoch = secrets.token_hex(16)
            sid = self._ring.encrypt(_utf8(session_id), self._aad(b"sid", keys))
        args: list[Any] = [self._ttl_ms, max(0, int(since)), epoch, self._remembered,
                           new_epoch, sid, len(fields), *fields]
        args += self._put_args(keys, put)
        with unavailable("entries"):
            reply = self._run("SYNC", keys, args)
        if reply is None:
            raise self._ended(session_id, keys)
        flat, version, blobs, found = reply
        values = self._values(keys, fields, found, asked)
        return self._read(keys, flat, version, blobs), values

    def _values(self, keys: _Keys, fields: Sequence[bytes], found: Sequence[bytes | None],
                asked: int) -> list[bytes | None]:
        """The remembered values a script read for ``fields`` (of ``asked`` keys), decrypted;
        one that does not decrypt (a key removed from the ring, damage) reads as absent."""
        values: list[bytes | None] = [None] * (asked - len(fields))  # (none kept at all)
        for field, blob in zip(fields, found, strict=True):
            value: bytes | None = None
            if blob:
                with contextlib.suppress(VaultCryptoError):
                    value = self._ring.decrypt(blob, self._memo_aad(keys, field))
            values.append(value)
        return values

    def _memo_field(self, keys: _Keys, key: bytes) -> bytes:
        """The hash field of a remembered text's key (a keyed digest), remembered per
        session: a turn asks for the key of a new text and then hands its result over."""
        field = keys.fields.get(key)
        if field is None:
            memos = keys.memos
            if memos is None:
                memos = keys.memos = self._lookup().under(b"remembered", keys.digest)
            field = memos.digest(bytes(key))
            if len(keys.fields) >= 4096:
                keys.fields.clear()
            keys.fields[key] = field
        return field

    def _memo_aad(self, keys: _Keys, field: bytes) -> bytes:
        return self._aad(b"remembered", keys) + b"\0" + field

    def _read(self, keys: _Keys, flat: list[bytes], version: int, blobs: list[bytes]) -> Entries:
        """Entries from a script's reply: the meta hash (flat), the version, the blobs."""
        epoch = ""
        counters: dict[str, int] = {}
        for name, value in zip(flat[::2], flat[1::2], strict=True):
            if name == b"epoch":
                epoch = value.decode()
            elif name.startswith(b"c:"):
                counters[name[2:].decode()] = int(value)
        entries = tuple(self._decrypt_entry(keys, blob) for blob in blobs)
        keys.epoch = epoch
        return Entries(epoch, int(version), entries, MappingProxyType(counters))

    def add(self, session_id: str, entry: Entry) -> Entry | None:
        keys = self._session(session_id)
        args = [self._ttl_ms, self._value(keys, entry.original),
                self._value(keys, entry.surrogate), self._encrypt_entry(keys, entry)]
        with unavailable("add"):
            reply = self._run("ADD", keys, args)
        code = int(reply[0])
        if code == -1:
            raise self._ended(session_id, keys)
        if code == 2:
            return entry
        if code == 1:
            return self._decrypt_entry(keys, reply[1])
        return None

    def add_many(self, session_id: str, entries: Sequence[Entry], *, since: int) -> Added:
        """Every entry added (each if absent) and the session read, in one script call."""
        return self._add_many(session_id, entries, since, "", ())

    def add_many_remembered(self, session_id: str, entries: Sequence[Entry], *, since: int,
                            epoch: str, put: Sequence[tuple[bytes, bytes]]) -> Added:
        """:meth:`add_many`, and the remembered values of ``put`` kept in the same script call
        if every entry was added right after the entries the values were made with (see
        :class:`~chatveil.state.stores.HandingOverStore`)."""
        return self._add_many(session_id, entries, since, epoch,
                              put if self._remembered else ())

    def _add_many(self, session_id: str, entries: Sequence[Entry], since: int, epoch: str,
                  put: Sequence[tuple[bytes, bytes]]) -> Added:
        keys = self._session(session_id)
        args: list[Any] = [self._ttl_ms, max(0, int(since))]
        script = "ADD_MANY"
        if put:
            script = "ADD_SHARE"
            args += [epoch, self._remembered, len(put), *self._put_args(keys, put)]
        args += self._entry_args(keys, entries)
        with unavailable("add"):
            reply = self._run(script, keys, args)
        if reply is None:
            raise self._ended(session_id, keys)
        results, flat, version, blobs = reply
        return Added(self._stored(keys, entries, results), self._read(keys, flat, version, blobs))

    def _put_args(self, keys: _Keys, put: Sequence[tuple[bytes, bytes]]) -> list[Any]:
        """Script arguments of remembered results: field, encrypted value, each."""
        args: list[Any] = []
        if not put:
            return args
        aad = self._aad(b"remembered", keys) + b"\0"
        for key, plain in put:
            field = self._memo_field(keys, key)
            args += [field, self._ring.encrypt(plain, aad + field)]
        return args

    def _entry_args(self, keys: _Keys, entries: Sequence[Entry]) -> list[Any]:
        """Script arguments of entries: original's HMAC, surrogate's HMAC, encrypted entry."""
        args: list[Any] = []
        if not entries:
            return args
        values, aad = self._value_digests(keys).digest, self._aad(b"entry", keys)
        for entry in entries:
            args += [values(_utf8(entry.original.casefold())),
                     values(_utf8(entry.surrogate.casefold())),
                     self._encrypt_entry(keys, entry, aad)]
        return args

    def _stored(self, keys: _Keys, entries: Sequence[Entry], results: Sequence[Any]
                ) -> tuple[Entry | None, ...]:
        """What each of ``entries`` became, from a script's codes (see ADD_MANY)."""
        stored: list[Entry | None] = []
        codes = iter(results)
        for entry in entries:
            code = int(next(codes))
            if code == 2:
                stored.append(entry)
            elif code == 1:
                stored.append(self._decrypt_entry(keys, next(codes)))
            else:
                stored.append(None)
        return tuple(stored)

    def commit(self, session_id: str, entries: Sequence[Entry], *, epoch: str, since: int,
               want: Sequence[bytes] = (), put: Sequence[tuple[bytes, bytes]] = ()
               ) -> Committed:
        """Add ``entries`` only if the session is still at ``epoch`` and ``since``, else read
        what changed; one script call (see :class:`~chatveil.state.stores.CommittingStore`).
        A remembered value that does not decrypt reads as absent."""
        keys = self._session(session_id)
        asked = len(want)
        if not self._remembered:
            want, put = (), ()
        fields = [self._memo_field(keys, key) for key in want]
        args: list[Any] = [self._ttl_ms, max(0, int(since)), epoch, self._remembered,
                           len(fields), *fields, len(put)]
        args += self._put_args(keys, put)
        args += self._entry_args(keys, entries)
        with unavailable("add"):
            reply = self._run("COMMIT", keys, args)
        if reply is None:
            raise self._ended(session_id, keys)
        if int(reply[0]) == 1:
            _, results, flat, version, blobs = reply
            return Committed(True, self._stored(keys, entries, results),
                             self._read(keys, flat, version, blobs))
        _, flat, version, blobs, found = reply
        return Committed(False, (), self._read(keys, flat, version, blobs),
                         tuple(self._values(keys, fields, found, asked)))

    def next_number(self, session_id: str, label: str) -> int:
        keys = self._session(session_id)
        with unavailable("next_number"):
            number = int(self._run("NEXT_NUMBER", keys, [self._ttl_ms, f"c:{label}"]))
        if number < 0:
            raise self._ended(session_id, keys)
        return number

    def merge_counters(self, session_id: str, counters: Mapping[str, int]) -> None:
        keys = self._session(session_id)
        args: list[Any] = [self._ttl_ms]
        for label, number in counters.items():
            args += [f"c:{label}", int(number)]
        with unavailable("merge_counters"):
            ok = self._run("MERGE_COUNTERS", keys, args)
        if not ok:
            raise self._ended(session_id, keys)

    # ------------------------------------------------------------ rotation
    def rotate(self) -> int:
        """Re-encrypt everything in the namespace that is not under the first key.

        Safe while workers run: each blob is replaced only if it is still the one read.
        Run it after every worker has the new key first in its list; once it returns, the
        old keys can be removed from the list.

        Returns:
            The number of values re-encrypted.
        """
        done = 0
        name = f"{self._prefix}lookup-key"
        aad = _utf8(f"chatveil-lookup\0{self._ns}")
        with unavailable("rotate"):
            blob = self._client.get(name)
            if blob is not None and not self._ring.is_current(blob):
                fresh = self._ring.encrypt(self._ring.decrypt(blob, aad), aad)
                done += int(self._lookup_cas([name], [blob, fresh]))
            metas = list(self._client.scan_iter(match=f"{self._prefix}{{*}}:m", count=1000))
            for meta in metas:
                text = meta.decode() if isinstance(meta, bytes) else meta
                keys = _Keys(self._prefix, bytes.fromhex(text[text.index("{") + 1 :
                                                              text.index("}")]))
                pipe = self._client.pipeline(transaction=False)
                pipe.hget(keys.meta, "sid")
                pipe.lrange(keys.entries, 0, -1)
                pipe.unlink(keys.remembered)  # a cache: dropped, not re-encrypted
                sid, blobs, _ = pipe.execute()
                args: list[Any] = [b"", b""]
                if sid is not None and not self._ring.is_current(sid):
                    sid_aad = self._aad(b"sid", keys)
                    args = [sid, self._ring.encrypt(self._ring.decrypt(sid, sid_aad), sid_aad)]
                entry_aad = self._aad(b"entry", keys)
                for pos, old in enumerate(blobs):
                    if not self._ring.is_current(old):
                        new = self._ring.encrypt(self._ring.decrypt(old, entry_aad), entry_aad)
                        args += [pos, old, new]
                if args[0] or len(args) > 2:
                    done += int(self._scripts.run("REENCRYPT", keys.all, args))
        return done

    # ------------------------------------------------------------ listeners
    def add_listener(self, listener: _Listener) -> None:
        """Call ``listener(session_id)`` when a session this process has used is dropped,
        by this process at once, by another worker as soon as Redis tells (pub/sub) or this
        process finds the session gone, whichever comes first: once per session begun (a
        notice names the epoch it ended, so one that comes after this process began the
        session again is ignored).

        Any callable: bound methods are held weakly, the rest strongly (see
        :func:`chatveil.state.stores.listener_ref`). Expiry is told when this process next
        finds the session gone (a guard also expires its own caches on the same schedule).
        """
        ref = listener_ref(listener)
        with self._lock:
            self._listeners.append(ref)
        self._watch()

    def _notify(self, session_id: str, *, quiet: bool = False) -> None:
        with self._lock:
            listeners = [(ref, ref()) for ref in self._listeners]
            self._listeners = [ref for ref, fn in listeners if fn is not None]
        for _ref, fn in listeners:
            if fn is None:
                continue
            try:
                fn(session_id)
            except Exception:
                if not quiet:
                    raise

    def _ended(self, session_id: str, keys: _Keys) -> UnknownSessionError:
        """A script found the session gone (dropped or expired): the error to raise, after
        telling this process's listeners, if it held the session and no drop notice told
        them already. They hear of it before the caller goes on (as from a store in memory),
        so a notice that comes later, when the caller may have begun the session again, does
        not end the new session."""
        with self._lock:
            held, keys.epoch = keys.epoch, ""
        if held:
            self._notify(session_id, quiet=True)
        return UnknownSessionError(session_id)

    def _heard(self, text: str) -> str | None:
        """The session whose end a drop notice (``digest:origin:epoch``) tells this process's
        listeners, or None: a notice of this store's own drop (it told them at once), of a
        session this process does not know, or of an epoch other than the one this process
        holds (it holds a newer session under the same id, or it told them already). A notice
        without an epoch ends the session as long as this process knows it."""
        digest, _, rest = text.partition(":")
        origin, _, epoch = rest.partition(":")
        with self._lock:
            sid = self._ids.get(digest) if origin != self._origin else None
            if sid is None:
                return None
            keys = self._keys.get(sid)
            if epoch and keys is not None and keys.epoch is not None:
                if keys.epoch != epoch:
                    return None
                keys.epoch = ""
        return sid

    def _watch(self) -> None:
        """Start the thread that listens for drops (again after a fork)."""
        with self._lock:
            if self._watcher_pid == os.getpid() and self._watcher is not None:
                return
            self._watcher_pid = os.getpid()
            self._watcher = threading.Thread(target=self._listen, name="chatveil-redis-drops",
                                             daemon=True)
            self._watcher.start()

    def _listen(self) -> None:
        backoff = 0.1
        while not self._closed.is_set():
            pubsub = None
            try:
                pubsub = self._client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self._channel)
                backoff = 0.1
                while not self._closed.is_set():
                    message = pubsub.get_message(timeout=0.5)
                    if message and message.get("type") == "message":
                        data = message["data"]
                        text = data.decode() if isinstance(data, bytes) else str(data)
                        sid = self._heard(text)
                        if sid is not None:
                            self._notify(sid, quiet=True)  # a failing listener stops nothing
            except (redis.exceptions.RedisError, OSError, ValueError):
                self._closed.wait(backoff)  # Redis is away: listen again when it is back
                backoff = min(backoff * 2, 5.0)
            finally:
                if pubsub is not None:
                    with contextlib.suppress(Exception):
                        pubsub.close()

    def close(self) -> None:
        """Stop listening for drops and close the client's connections."""
        self._closed.set()
        watcher = self._watcher
        if watcher is not None and self._watcher_pid == os.getpid():
            watcher.join(timeout=2.0)
        self._scripts.close()
        self._client.close()

    def __repr__(self) -> str:
        return (f"RedisVaultStore(namespace={self._ns!r}, key_ids={list(self._ring.key_ids)}, "
                f"ttl_ms={self._ttl_ms}, remembered={self._remembered})")
