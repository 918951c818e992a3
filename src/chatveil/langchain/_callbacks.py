"""Callback handlers: a fail-closed leak guard and a per-call audit log. Neither sees values."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import BaseMessage

from chatveil import Guard
from chatveil.errors import PIILeakError
from chatveil.langchain._content import texts_of
from chatveil.langchain._scope import GUARDED_MARK
from chatveil.langchain._tools import definition_texts

__all__ = ["AuditCallbackHandler", "AuditRecord", "LeakGuardCallbackHandler"]


class LeakGuardCallbackHandler(BaseCallbackHandler):
    """Refuses any model call whose input still holds personal data (fails closed).

    Attach it to any model or chain, guarded or not. On every chat model and LLM start it
    looks for personal data that is not a surrogate (in the messages, and in the tool
    definitions and response format of the invocation params) and raises
    :class:`~chatveil.errors.PIILeakError` naming entity types and counts, so the request is
    never sent. The input of a :class:`GuardedChatModel` run is the caller's original text;
    that run is skipped and the wrapped model's run, which receives the masked text, is checked.

    Args:
        guard: the guard whose surrogates are allowed through (use the guarded model's guard,
            otherwise realistic ``faker`` surrogates look like personal data).
        session_id: check against this session only (its known originals count as leaks even
            where NER misses them); by default surrogates of any live session are allowed.

    Attributes:
        checked: number of model inputs checked. blocked: number refused.
    """

    raise_error = True
    run_inline = True
    #: Ask guarded models to pass this handler to the wrapped model's run too.
    chatveil_sees_masked = True

    def __init__(self, guard: Guard, *, session_id: str | None = None) -> None:
        self.guard = guard
        self.session_id = session_id
        self.checked = 0
        self.blocked = 0
        self._lock = threading.Lock()

    def check(self, texts: list[str]) -> None:
        """Raise :class:`~chatveil.errors.PIILeakError` if any text holds personal data."""
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(self.guard.find_leaks(text, self.session_id))
        with self._lock:
            self.checked += 1
            if counts:
                self.blocked += 1
        if counts:
            raise PIILeakError(counts, where="model provider")

    def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[BaseMessage]],
        *,
        run_id: UUID,
        **kwargs: Any,
    ) -> None:
        params = kwargs.get("invocation_params") or {}
        if params.get(GUARDED_MARK):
            return  # the wrapped model's own start is checked instead
        texts = [t for batch in messages for t in texts_of(batch)]
        self.check([*texts, *definition_texts(params)])  # tool definitions are sent too

    def on_llm_start(
        self, serialized: dict[str, Any], prompts: list[str], *, run_id: UUID, **kwargs: Any
    ) -> None:
        if (kwargs.get("invocation_params") or {}).get(GUARDED_MARK):
            return
        self.check(list(prompts))

    def __repr__(self) -> str:
        return f"LeakGuardCallbackHandler(checked={self.checked}, blocked={self.blocked})"


@dataclass(frozen=True)
class AuditRecord:
    """What one guarded model call did: counts by entity type and time, never values.

    Attributes:
        model: the wrapped model's type.
        per_call_session: the call had no session and used a per-call vault.
        streamed: the answer was streamed.
        pseudonymized: surrogates sent, by entity type (the whole history is counted).
        redacted: values removed by the ``redact`` strategy, by entity type.
        restored: surrogates put back in the answer, by entity type.
        unrestored_tokens: token/placeholder-shaped strings in the answer that the session
            does not know (a model that altered or invented a surrogate).
        guard_seconds: time spent pseudonymizing and restoring (not in the model).
        error: the exception type name if the call failed.
        model_written: personal data the model wrote that the user never sent, by entity
            type (counted when ``output_pii`` is ``mask`` or ``raise``).
    """

    model: str
    per_call_session: bool
    streamed: bool
    pseudonymized: dict[str, int]
    redacted: dict[str, int]
    restored: dict[str, int]
    unrestored_tokens: int
    guard_seconds: float
    error: str | None = None
    model_written: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (for logs or metrics exporters)."""
        return asdict(self)


class AuditCallbackHandler(BaseCallbackHandler):
    """Keeps an :class:`AuditRecord` for every call of a guarded model it is attached to.

    Pass it in ``callbacks`` like any handler (config, constructor or chain). Counting reads the
    guard's metrics around each step under a per-guard lock; it is exact unless other code
    uses the same guard at the same time outside this adapter.

    Args:
        max_records: keep at most this many recent records (totals cover every call).
    """

    def __init__(self, max_records: int = 10_000) -> None:
        self.max_records = max_records
        self.records: list[AuditRecord] = []
        self._totals: dict[str, Counter[str]] = {
            "pseudonymized": Counter(),
            "redacted": Counter(),
            "restored": Counter(),
            "model_written": Counter(),
        }
        self._calls = 0
        self._errors = 0
        self._unrestored = 0
        self._seconds = 0.0
        self._lock = threading.Lock()

    def record(self, record: AuditRecord) -> None:
        """Add one call's record (called by guarded models)."""
        with self._lock:
            self.records.append(record)
            del self.records[: max(0, len(self.records) - self.max_records)]
            self._calls += 1
            self._errors += record.error is not None
            self._unrestored += record.unrestored_tokens
            self._seconds += record.guard_seconds
            for name, counter in self._totals.items():
                counter.update(getattr(record, name))

    def totals(self) -> dict[str, Any]:
        """Sums over every recorded call."""
        with self._lock:
            out: dict[str, Any] = {k: dict(sorted(v.items())) for k, v in self._totals.items()}
            out.update(
                calls=self._calls,
                errors=self._errors,
                unrestored_tokens=self._unrestored,
                guard_seconds=self._seconds,
            )
            return out

    def __repr__(self) -> str:
        return f"AuditCallbackHandler(calls={self._calls})"
