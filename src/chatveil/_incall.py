"""Restoring inside the call that pseudonymized, without a store call.

The model of a call saw only surrogates this process issued or caught up with when the call
pseudonymized, all in the session's index still; so its answer is restored without a store
call. The guard marks the call's scope (see :func:`chatveil._session.current_call`) with what
its last pseudonymize left the session's state at (:func:`mark_synced`), and a restore in the
same call takes that state as it is while it still holds (:func:`synced_live`). Not if the
state went since (forgotten here, or another worker's forget reached this process, expired,
rebuilt): then the catch-up decides, as for a standalone restore.
"""

from __future__ import annotations

from chatveil._live import Live
from chatveil._session import SessionScope
from chatveil.pseudonymize import SessionState
from chatveil.state._expiry import ExpiringMap

__all__ = ["mark_synced", "synced_live"]


def mark_synced(scope: SessionScope | None, state: SessionState) -> None:
    """Note in the call's ``scope`` (if any) what a pseudonymize left ``state`` at."""
    if scope is not None:
        scope.synced = (state, state.index.epoch, state.index.version)


def synced_live(scope: SessionScope | None, lives: ExpiringMap[str, Live], session_id: str
                ) -> Live | None:
    """The session's caches in ``lives`` if they are still as the call's ``scope`` last
    left them (restore with them as they are), else ``None`` (catch up first)."""
    if scope is not None and scope.synced is not None:
        live = lives.get(session_id)
        if live is not None:
            state, epoch, version = scope.synced
            index = live.state.index
            if state is live.state and index.epoch == epoch and index.version >= version:
                return live
    return None
