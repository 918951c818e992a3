"""``RedisDetectionCache``: raw detection results (spans only) shared by worker processes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

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

    Args:
        client: a redis-py client (``decode_responses=False``); see :meth:`from_url`.
        namespace: isolates tenants (use the vault store's).
        ttl: seconds a result is kept (at least 1).
    """

    def __init__(self, client: Any, *, namespace: str = "default", ttl: float = 3600.0) -> None:
        if ttl < 1:
            raise ConfigurationError("ttl must be at least 1 second")
        self._client = check_client(client)
        self._ns = namespace_of(namespace)
        self._prefix = f"chatveil:{self._ns}:dc:"
        self._ttl_ms = int(ttl * 1000)

    @classmethod
    def from_url(cls, url: str, *, namespace: str = "default", ttl: float = 3600.0,
                 timeout: float = 2.0, connect_timeout: float | None = None, retries: int = 2,
                 retry_backoff: float = 0.05, cluster: bool = False,
                 **redis_options: Any) -> RedisDetectionCache:
        """A cache on the Redis at ``url`` (options as for ``RedisVaultStore.from_url``)."""
        client = connect(url, timeout=timeout, connect_timeout=connect_timeout,
                         retries=retries, retry_backoff=retry_backoff, cluster=cluster,
                         **redis_options)
        return cls(client, namespace=namespace, ttl=ttl)

    @property
    def client(self) -> Any:
        return self._client

    def _key(self, key: str) -> str:
        if not isinstance(key, str) or not key:
            raise TypeError("cache keys are non-empty strings")
        return self._prefix + key

    def get(self, key: str) -> tuple[Span, ...] | None:
        with unavailable("cache get"):
            raw = self._client.get(self._key(key))
        return _spans(raw)

    def get_many(self, keys: Sequence[str]) -> list[tuple[Span, ...] | None]:
        """One ``MGET`` (on a Cluster, one per node holding some of the keys)."""
        names = [self._key(k) for k in keys]
        if not names:
            return []
        with unavailable("cache get"):
            if hasattr(self._client, "mget_nonatomic"):  # RedisCluster: keys in many slots
                raws = self._client.mget_nonatomic(names)
            else:
                raws = self._client.mget(names)
        return [_spans(raw) for raw in raws]

    def set(self, key: str, spans: tuple[Span, ...]) -> None:
        payload = json.dumps([[s.start, s.end, s.entity_type, s.score] for s in spans],
                             separators=(",", ":"))
        with unavailable("cache set"):
            self._client.set(self._key(key), payload, px=self._ttl_ms)

    def delete(self, keys: Iterable[str]) -> None:
        names = [self._key(k) for k in keys]
        if not names:
            return
        with unavailable("cache delete"):
            pipe = self._client.pipeline(transaction=False)  # one key per command: Cluster-safe
            for name in names:
                pipe.unlink(name)
            pipe.execute()

    def clear(self) -> None:
        """Remove every cached result of this namespace."""
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
        return f"RedisDetectionCache(namespace={self._ns!r}, ttl_ms={self._ttl_ms})"


def _spans(raw: bytes | None) -> tuple[Span, ...] | None:
    if raw is None:
        return None
    try:
        return tuple(Span(int(a), int(b), str(t), float(s)) for a, b, t, s in json.loads(raw))
    except (ValueError, TypeError):
        return None  # not ours, or damaged: detect again
