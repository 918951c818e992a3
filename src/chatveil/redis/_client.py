"""Building redis-py clients with timeouts and retries, and turning their errors into ours."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from chatveil.errors import ConfigurationError, StoreUnavailableError

__all__ = ["check_client", "connect", "namespace_of", "unavailable"]

_NAMESPACE = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def namespace_of(namespace: str) -> str:
    """Validate a namespace: 1-64 letters, digits, ``_ . -`` (no glob or hash-tag characters)."""
    if not isinstance(namespace, str) or not _NAMESPACE.fullmatch(namespace):
        raise ConfigurationError(
            "namespace must be 1-64 characters among letters, digits, '_', '.' and '-'"
        )
    return namespace


def connect(url: str, *, timeout: float = 2.0, connect_timeout: float | None = None,
            retries: int = 2, retry_backoff: float = 0.05, cluster: bool = False,
            **kwargs: Any) -> Any:
    """A redis-py client for ``url`` with bounded waits.

    Args:
        url: ``redis://``, ``rediss://`` (TLS) or ``unix://`` URL; Valkey speaks the same.
        timeout: seconds to wait for one reply.
        connect_timeout: seconds to wait for a connection (``timeout`` if omitted).
        retries: extra attempts after a connection error or timeout (exponential backoff).
        retry_backoff: first backoff in seconds (doubles each retry, capped at 1 s).
        cluster: connect to a Redis Cluster (``redis.cluster.RedisCluster``).
        **kwargs: passed on to redis-py.
    """
    if timeout <= 0 or retries < 0 or retry_backoff < 0:
        raise ConfigurationError("timeout must be > 0; retries and retry_backoff must be >= 0")
    if kwargs.get("decode_responses"):
        raise ConfigurationError("chatveil stores binary data: decode_responses must be False")
    options: dict[str, Any] = {
        "socket_timeout": timeout,
        "socket_connect_timeout": connect_timeout if connect_timeout is not None else timeout,
        "retry": Retry(ExponentialBackoff(cap=1.0, base=retry_backoff), retries),
        "retry_on_error": [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError],
        **kwargs,
    }
    if cluster:
        from redis.cluster import RedisCluster

        options.pop("retry_on_error")
        return RedisCluster.from_url(url, **options)
    return redis.Redis.from_url(url, **options)


def check_client(client: Any) -> Any:
    """Reject a client that decodes replies (blobs are binary)."""
    try:
        kwargs = client.get_connection_kwargs()
    except AttributeError:  # a cluster client or a stand-in
        kwargs = getattr(client, "connection_kwargs", {}) or {}
    if kwargs.get("decode_responses"):
        raise ConfigurationError("chatveil stores binary data: decode_responses must be False")
    return client


@contextlib.contextmanager
def unavailable(operation: str) -> Iterator[None]:
    """Turn redis-py errors into :class:`~chatveil.errors.StoreUnavailableError` (fail closed).

    Nothing chatveil sends to Redis is readable (digests and ciphertexts), so neither are
    redis-py's messages; they stay chained as the cause for debugging.
    """
    try:
        yield
    except redis.exceptions.TimeoutError as exc:
        raise StoreUnavailableError(operation, "timed out") from exc
    except redis.exceptions.ConnectionError as exc:
        raise StoreUnavailableError(operation, "cannot connect") from exc
    except redis.exceptions.RedisError as exc:
        raise StoreUnavailableError(operation, type(exc).__name__) from exc
