"""State: vault data, vault stores and the detection cache, behind small interfaces.

The in-memory implementations are the defaults; a shared backend (Redis...) implements the
same protocols.
"""

from __future__ import annotations

from chatveil.state.cache import DetectionCache, MemoryDetectionCache
from chatveil.state.entries import Entry, Vault
from chatveil.state.stores import MemoryVaultStore, VaultStore

__all__ = [
    "DetectionCache",
    "Entry",
    "MemoryDetectionCache",
    "MemoryVaultStore",
    "Vault",
    "VaultStore",
]
