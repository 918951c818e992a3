"""Building redis-py clients with timeouts and retries, and turning their errors into ours."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from chatveil.errors import ConfigurationError, StoreUnavailableError

__all__ = ["ScriptRunner", "check_client", "connect", "namespace_of", "unavailable"]

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


def _packer() -> Callable[[Sequence[Any]], list[bytes]] | None:
    """hiredis's request packer (bytes, str, int), or None without hiredis."""
    try:
        import hiredis
    except ImportError:  # pragma: no cover - the redis extra brings it
        return None
    pack = hiredis.pack_command

    def packed(command: Sequence[Any]) -> list[bytes]:
        return [pack(tuple(command))]

    return packed


class ScriptRunner:
    """Runs Lua scripts by name: one ``EVALSHA`` each (``EVAL`` once if Redis lost it).

    With a plain ``redis.Redis`` client the request goes out on a connection of the store's
    own, made by the client's pool with the client's settings (timeouts, TLS, retries) and
    used through redis-py's public :class:`~redis.connection.Connection` API
    (``send_packed_command``, ``read_response``): a turn's one script call then costs about
    a third of the CPU of ``client.evalsha`` (redis-py 8 takes and returns a pooled
    connection, polls it, records metrics and packs every argument in Python on each
    command). A connection is used by one call at a time and disconnected after any error,
    so no reply is ever left unread on it; connections are made again after a fork. Other
    clients (a Redis Cluster, a single-connection client) go through redis-py's ``Script``.

    Args:
        client: the redis-py client.
        sources: the scripts' code by name.
    """

    def __init__(self, client: Any, sources: Mapping[str, str]) -> None:
        self._client = client
        self._code = {name: code.encode() for name, code in sources.items()}
        #: SHA1 of each script, as hex (what EVALSHA names it by)
        self.shas = {name: hashlib.sha1(code).hexdigest() for name, code in self._code.items()}
        pool = getattr(client, "connection_pool", None)
        direct = (type(client) is redis.Redis and getattr(client, "connection", None) is None
                  and callable(getattr(pool, "make_connection", None)))
        self._pool = pool if direct else None
        self._scripts = ({} if direct else
                         {name: client.register_script(code) for name, code in sources.items()})
        self._pack = _packer()
        self._idle: list[Any] = []  # connections not in use (list.pop and append are atomic)
        self._pid = os.getpid()

    def run(self, name: str, keys: Sequence[str], args: Sequence[Any]) -> Any:
        """The reply of script ``name`` run on ``keys`` and ``args`` (redis-py's errors
        raised as they are: see :func:`unavailable`)."""
        pool = self._pool
        if pool is None:
            return self._scripts[name](keys, args)
        command = ["EVALSHA", self.shas[name], len(keys), *keys, *args]
        if self._pid != os.getpid():  # forked: the parent's connections are not ours
            self._idle, self._pid = [], os.getpid()
        try:
            conn = self._idle.pop()
        except IndexError:
            conn = pool.make_connection()

        def once() -> Any:
            conn.send_packed_command(self._packed(conn, command))
            try:
                return conn.read_response()
            except redis.exceptions.NoScriptError:  # (the reply was read: the line is clean)
                conn.send_packed_command(self._packed(conn, ["EVAL", self._code[name],
                                                             *command[2:]]))
                return conn.read_response()

        try:
            reply = conn.retry.call_with_retry(once, lambda _error: conn.disconnect())
        except BaseException:
            conn.disconnect()  # (a reply may be on its way: never read it as another's)
            raise
        finally:
            self._idle.append(conn)
        return reply

    def _packed(self, conn: Any, command: Sequence[Any]) -> Any:
        pack = self._pack
        return pack(command) if pack is not None else conn.pack_command(*command)

    def close(self) -> None:
        """Disconnect the connections of the store's own."""
        idle, self._idle = self._idle, []
        for conn in idle:
            with contextlib.suppress(Exception):
                conn.disconnect()
