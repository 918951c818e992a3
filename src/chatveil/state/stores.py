"""Vault stores: where session vaults live."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Protocol, runtime_checkable

import cachetools

from chatveil.state.entries import Vault

__all__ = ["MemoryVaultStore", "VaultStore"]


@runtime_checkable
class VaultStore(Protocol):
    """Where session vaults live."""

    def get(self, session_id: str) -> Vault | None: ...

    def get_or_create(self, session_id: str, key: bytes) -> Vault: ...

    def drop(self, session_id: str) -> bool: ...

    def sessions(self) -> Iterator[str]: ...


class MemoryVaultStore:
    """In-process vaults with least-recently-used eviction and expiry after the last use."""

    def __init__(self, *, ttl: float | None = 86_400.0, maxsize: int = 10_000) -> None:
        self._lock = threading.Lock()
        if ttl is None:
            self._vaults: cachetools.Cache[str, Vault] = cachetools.LRUCache(maxsize)
        else:
            self._vaults = cachetools.TTLCache(maxsize, ttl)

    def get(self, session_id: str) -> Vault | None:
        with self._lock:
            vault = self._vaults.get(session_id)
            if vault is not None:
                self._vaults[session_id] = vault  # refresh expiry on use
            return vault

    def get_or_create(self, session_id: str, key: bytes) -> Vault:
        with self._lock:
            vault = self._vaults.get(session_id)
            if vault is None:
                vault = Vault(session_id, key)
            self._vaults[session_id] = vault
            return vault

    def drop(self, session_id: str) -> bool:
        with self._lock:
            return self._vaults.pop(session_id, None) is not None

    def sessions(self) -> Iterator[str]:
        with self._lock:
            return iter(list(self._vaults.keys()))

    def __len__(self) -> int:
        with self._lock:
            return len(self._vaults)

    def __repr__(self) -> str:
        return f"MemoryVaultStore(sessions={len(self)})"
