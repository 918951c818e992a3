"""``RedisDetectionCache``: raw detection results (spans only) shared by worker processes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import cachetools

from chatveil.errors import ConfigurationError
from chatveil.redis._client import check_client, connect, namespace_of, unavailable
from chatveil.spans import Span

__all__ = ["RedisDetectionCache"]


class RedisDetectionCache:
    """A :class:`~chatveil.state.DetectionCache` in Redis: one key per analysed text.

    Keys are the guard's keyed HMACs of the texts (``chatveil:<namespace>:dc:<hmac>``), so
    they reveal nothing without the guard's ``secret_key``; workers share hits only if they
    share that key. Values are the spans as compact JSON (``[[start, end, type, score], ...]``)
    and are **not encrypted**: a span holds offsets, an entity type and a score, never a value,
    and its key cannot be tied to a text without the secret. Encrypting them would cost a key
    and CPU on every hit to hide only "some text has a PERSON at 10-15".

    Every entry expires ``ttl`` seconds after it was written. Errors fail closed like the vault
    store (:class:`~chatveil.errors.StoreUnavailableError`): the guard then sends nothing.

    A worker also keeps the results it wrote or read in its own memory (at most ``local``, for
    ``ttl`` seconds), so a text it has seen before costs no round trip (a system prompt or a
    template that starts many conversations, a message sent again). A key's value never
    changes (the key binds the text and the detector's configuration), so a copy is as good as
    the original; :meth:`delete` and :meth:`clear` remove this worker's copies with Redis's
    (another worker's copies go with the session on that worker: the guard evicts a forgotten
    session's texts on every worker that served it).

    Args:
        client: a redis-py client (``decode_responses=False``); see :meth:`from_url`.
        namespace: isolates tenants (use the vault store's).
        ttl: seconds a result is kept (at least 1).
        local: most results kept in this process's memory too (0: none, every read asks
            Redis).
    """

    def __init__(self, client: Any, *, namespace: str = "default", ttl: float = 3600.0,
                 local: int = 4096) -> None:
        if ttl < 1:
            raise ConfigurationError("ttl must be at least 1 second")
        if local < 0:
            raise ConfigurationError("local must be >= 0")
        self._client = check_client(client)
        self._ns = namespace_of(namespace)
        self._prefix = f"chatveil:{self._ns}:dc:"
        self._ttl_ms = int(ttl * 1000)
        self._lock = threading.Lock()
        self._local: cachetools.TTLCache[str, tuple[Span, ...]] | None = (
            cachetools.TTLCache(maxsize=local, ttl=ttl) if local else None)

    @classmethod
    def from_url(cls, url: str, *, namespace: str = "default", ttl: float = 3600.0,
                 timeout: float = 2.0, connect_timeout: float | None = None, retries: int = 2,
                 retry_backoff: float = 0.05, cluster: bool = False, local: int = 4096,
                 **redis_options: Any) -> RedisDetectionCache:
        """A cache on the Redis at ``url`` (options as for ``RedisVaultStore.from_url``;
        ``local`` as for the class)."""
        client = connect(url, timeout=timeout, connect_timeout=connect_timeout,
                         retries=retries, retry_backoff=retry_backoff, cluster=cluster,
                         **redis_options)
        return cls(client, namespace=namespace, ttl=ttl, local=local)

    @property
    def client(self) -> Any:
        return self._client

    def _key(self, key: str) -> str:
        if not isinstance(key, str) or not key:
            raise TypeError("cache keys are non-empty strings")
        return self._prefix + key

    def get(self, key: str) -> tuple[Span, ...] | None:
        return self.get_many([key])[0]

    def get_many(self, keys: Sequence[str]) -> list[tuple[Span, ...] | None]:
        """The results this worker holds, and one ``MGET`` for the others (on a Cluster, one
        per node holding some of them); no round trip when it holds them all."""
        names = [self._key(k) for k in keys]
        out: list[tuple[Span, ...] | None] = [None] * len(names)
        local = self._local
        missing = list(range(len(names)))
        if local is not None:
            with self._lock:
                for i, key in enumerate(keys):
                    out[i] = local.get(key)
            missing = [i for i, found in enumerate(out) if found is None]
        if not missing:
            return out
        asked = [names[i] for i in missing]
        with unavailable("cache get"):
            if hasattr(self._client, "mget_nonatomic"):  # RedisCluster: keys in many slots
                raws = self._client.mget_nonatomic(asked)
            else:
                raws = self._client.mget(asked)
        for i, raw in zip(missing, raws, strict=True):
            out[i] = _spans(raw)
        if local is not None:
            with self._lock:
                for i in missing:
                    spans = out[i]
                    if spans is not None:
                        local[keys[i]] = spans
        return out

    def set(self, key: str, spans: tuple[Span, ...]) -> None:
        spans = tuple(spans)
        payload = json.dumps([[s.start, s.end, s.entity_type, s.score] for s in spans],
                             separators=(",", ":"))
        with unavailable("cache set"):
            self._client.set(self._key(key), payload, px=self._ttl_ms)
        if self._local is not None:
            with self._lock:
                self._local[key] = spans

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        names = [self._key(k) for k in keys]
        if not names:
            return
        if self._local is not None:
            with self._lock:
                for key in keys:
                    self._local.pop(key, None)
        with unavailable("cache delete"):
            pipe = self._client.pipeline(transaction=False)  # one key per command: Cluster-safe
            for name in names:
                pipe.unlink(name)
            pipe.execute()

    def clear(self) -> None:
        """Remove every cached result of this namespace (and this worker's copies)."""
        if self._local is not None:
            with self._lock:
                self._local.clear()
        with unavailable("cache clear"):
            batch: list[bytes] = []
            for name in self._client.scan_iter(match=f"{self._prefix}*", count=1000):
                batch.append(name)
                if len(batch) >= 500:
                    self._unlink(batch)
                    batch = []
            if batch:
                self._unlink(batch)

    def _unlink(self, names: list[bytes]) -> None:
        pipe = self._client.pipeline(transaction=False)
        for name in names:
            pipe.unlink(name)
        pipe.execute()

    def keys(self) -> list[str]:
        """The keys held now (HMACs: they reveal nothing about the texts)."""
        n = len(self._prefix)
        with unavailable("cache keys"):
            return [(k.decode() if isinstance(k, bytes) else k)[n:]
                    for k in self._client.scan_iter(match=f"{self._prefix}*", count=1000)]

    def __len__(self) -> int:
        return len(self.keys())

    def __repr__(self) -> str:
        local = 0 if self._local is None else self._local.maxsize
        return f"RedisDetectionCache(namespace={self._ns!r}, ttl_ms={self._ttl_ms}, local={local})"


def _spans(raw: bytes | None) -> tuple[Span, ...] | None:
    if raw is None:
        return None
    try:
        return tuple(Span(int(a), int(b), str(t), float(s)) for a, b, t, s in json.loads(raw))
    except (ValueError, TypeError):
        return None  # not ours, or damaged: detect again
