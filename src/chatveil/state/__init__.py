"""State: vault data, vault stores and the detection cache, behind small interfaces.

Plain data only: entries and counters (:mod:`~chatveil.state.entries`), where they live
(:mod:`~chatveil.state.stores`), cached detection results (:mod:`~chatveil.state.cache`) and
encrypted export (:mod:`~chatveil.state.persist`). The in-memory implementations are the
defaults; a shared backend (Redis...) implements the same protocols.
"""

from __future__ import annotations

from chatveil.state.cache import DetectionCache, MemoryDetectionCache
from chatveil.state.entries import Entry, VaultData
from chatveil.state.stores import (
    Added,
    Entries,
    Hold,
    HoldingStore,
    MemoryVaultStore,
    ObservableStore,
    RememberingStore,
    VaultStore,
)

__all__ = [
    "Added",
    "DetectionCache",
    "Entries",
    "Entry",
    "Hold",
    "HoldingStore",
    "MemoryDetectionCache",
    "MemoryVaultStore",
    "ObservableStore",
    "RememberingStore",
    "VaultData",
    "VaultStore",
]
