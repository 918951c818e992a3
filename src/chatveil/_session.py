"""Which session a call uses: the current ``guard.session(...)`` block (context variables)."""

from __future__ import annotations

import contextvars

__all__ = ["DEFAULT_SESSION", "current_session"]

DEFAULT_SESSION = "default"

_SESSION: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "chatveil_session", default=None
)


def current_session() -> str | None:
    """The session set by the innermost ``guard.session(...)`` block, if any."""
    return _SESSION.get()
