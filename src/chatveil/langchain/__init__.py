"""LangChain adapter: a guarded chat model, composable runnables, callbacks and agent middleware.

- :class:`GuardedChatModel` (what ``chatveil.guarded(llm)`` returns) pseudonymizes every call
  and restores answers, streamed chunks, reasoning and tool-call arguments.
- :class:`PseudonymizeRunnable` and :class:`RestoreRunnable` build custom chains:
  ``prompt | PseudonymizeRunnable(guard) | model | RestoreRunnable(guard)``.
- :class:`LeakGuardCallbackHandler` refuses any model call that would send personal data;
  :class:`AuditCallbackHandler` records per-call counts and guard time (never values).
- :class:`PseudonymizationMiddleware` does the same for ``langchain.agents.create_agent``.

Sessions come from ``config["configurable"]["session_id"]`` (``RunnableWithMessageHistory``),
``["thread_id"]`` (LangGraph), or ``guard.session(...)``. Without one, each call gets its own
vault, forgotten after the call; its surrogates are derived from the conversation's first
human message, so they stay the same from one call to the next.
"""

from __future__ import annotations

from typing import Any

from chatveil.langchain._callbacks import (
    AuditCallbackHandler,
    AuditRecord,
    LeakGuardCallbackHandler,
)
from chatveil.langchain._chat_model import GuardedChatModel
from chatveil.langchain._content import UnsupportedContentError
from chatveil.langchain._runnables import PseudonymizeRunnable, RestoreRunnable
from chatveil.langchain._scope import MASKED_TAG

__all__ = [
    "MASKED_TAG",
    "AuditCallbackHandler",
    "AuditRecord",
    "GuardedChatModel",
    "LeakGuardCallbackHandler",
    "PseudonymizationMiddleware",
    "PseudonymizeRunnable",
    "RestoreRunnable",
    "UnsupportedContentError",
]


def __getattr__(name: str) -> Any:
    # The middleware needs the `langchain` package; langchain-core alone serves the rest.
    if name == "PseudonymizationMiddleware":
        try:
            from chatveil.langchain._middleware import PseudonymizationMiddleware
        except ImportError as exc:
            from chatveil.errors import MissingDependencyError

            raise MissingDependencyError("langchain", "langchain") from exc
        return PseudonymizationMiddleware
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
