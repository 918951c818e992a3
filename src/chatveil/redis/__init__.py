"""Shared state on Redis (or Valkey): many worker processes serve one conversation.

Install with ``pip install 'chatveil[redis]'``::

    from chatveil import Guard, GuardConfig
    from chatveil.redis import RedisDetectionCache, RedisVaultStore

    store = RedisVaultStore.from_url("redis://127.0.0.1:6379/0", namespace="acme",
                                     encryption_key=key)        # 32 bytes, or a list to rotate
    cache = RedisDetectionCache.from_url("redis://127.0.0.1:6379/0", namespace="acme")
    guard = Guard(GuardConfig(secret_key=secret), vault_store=store, detection_cache=cache)

Every worker uses the same URL, namespace, ``encryption_key`` and ``secret_key``. See
``docs/deployment.md`` for running several workers, key rotation and outages.
"""

from __future__ import annotations

try:
    import redis as _redis  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    from chatveil.errors import MissingDependencyError

    raise MissingDependencyError("redis", "redis") from exc

from chatveil.redis._cache import RedisDetectionCache
from chatveil.redis._crypto import KeyRing
from chatveil.redis._store import RedisVaultStore

__all__ = ["KeyRing", "RedisDetectionCache", "RedisVaultStore"]
