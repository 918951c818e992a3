"""Which session a call uses, and the per-call work shared by the model wrapper and runnables.

The session follows chatveil's one policy (:mod:`chatveil._session`): the explicit session,
here ``config["configurable"]["session_id"]`` (what ``RunnableWithMessageHistory`` sets) or
``config["configurable"]["thread_id"]`` (LangGraph); else the current ``guard.session(...)``
block; else a *per-call* session, forgotten when the call ends, whose id is derived from the
conversation's first human message so the same conversation keeps its surrogates.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import cachetools
from langchain_core.callbacks import (
    BaseCallbackHandler,
    BaseCallbackManager,
    CallbackManager,
)
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import ConfigurableFieldSpec
from langchain_core.tracers.base import BaseTracer
from langchain_core.tracers.log_stream import LogStreamCallbackHandler

from chatveil import Guard
from chatveil._instruction import with_instruction
from chatveil._schema import pseudonymize_unique
from chatveil._session import SessionScope, on_forget, open_session
from chatveil._walk import pseudonymize_leaves
from chatveil.langchain._content import (
    TEXT_KEYS,
    TextFn,
    is_plain,
    map_message,
    map_value,
    texts_of,
)
from chatveil.langchain._stream import PROSE_TYPES, ChunkRestorer
from chatveil.langchain._tools import has_definitions, mask_definitions
from chatveil.output import AnswerStream

__all__ = [
    "GUARDED_MARK",
    "MASKED_TAG",
    "SESSION_SPECS",
    "Scope",
    "Tally",
    "configured_session",
    "handlers_of",
    "masked_callbacks",
    "open_scope",
]

#: Tag on the inner model run, whose input is what the provider receives.
MASKED_TAG = "chatveil:masked"
#: Key set in a guarded run's ``invocation_params``: its input is the caller's original text.
GUARDED_MARK = "chatveil_guarded"

#: Configurable fields read for the session. ``session_id`` is declared exactly as
#: ``RunnableWithMessageHistory`` declares it: LangChain refuses two different specs for one id.
SESSION_SPECS = (
    ConfigurableFieldSpec(
        id="session_id",
        annotation=str,
        name="Session ID",
        description="Unique identifier for a session.",
        default="",
        is_shared=True,
    ),
    ConfigurableFieldSpec(
        id="thread_id",
        annotation=str,
        name="Thread ID",
        description="LangGraph thread; used as the chatveil session when no session_id is set.",
        default="",
        is_shared=True,
    ),
)

# last masked copy of each re-sent message, by (guard, session) then message; holds the
# message, so a session's copies go when the session is forgotten or expires
_Copies = cachetools.LRUCache[int, tuple[BaseMessage, BaseMessage]]
_REUSE: cachetools.LRUCache[tuple[int, str], _Copies] = cachetools.LRUCache(10_000)
_REUSE_LOCK = threading.Lock()


@on_forget
def _forget_copies(guard: Guard, session_id: str) -> None:
    with _REUSE_LOCK:
        _REUSE.pop((id(guard), session_id), None)


def configured_session(config: Mapping[str, Any] | None) -> str | None:
    """``session_id`` or ``thread_id`` from a runnable config, if set."""
    configurable = (config or {}).get("configurable") or {}
    for key in ("session_id", "thread_id"):
        value = configurable.get(key)
        if value is not None and value != "":
            return str(value)
    return None


def _seed(value: Any) -> str:
    """The text a per-call session id is derived from: the first human message."""
    if isinstance(value, str):
        return value
    if isinstance(value, Sequence) and value and all(isinstance(m, BaseMessage) for m in value):
        first = next((m for m in value if isinstance(m, HumanMessage)), value[0])
        return str(first.text)
    return ""


# ---------------------------------------------------------------------- audit tally
@dataclass
class Tally:
    """Per-call guard time and, when audited, counts by entity type (never values)."""

    guard: Guard
    counting: bool = False
    seconds: float = 0.0
    pseudonymized: Counter[str] = field(default_factory=Counter)
    redacted: Counter[str] = field(default_factory=Counter)
    restored: Counter[str] = field(default_factory=Counter)
    unrestored_tokens: int = 0
    model_written: Counter[str] = field(default_factory=Counter)

    @contextlib.contextmanager
    def step(self, count: bool = True) -> Iterator[None]:
        """Time a piece of guard work; with counting on, add what the guard did in it.

        Counts come from :meth:`chatveil.Guard.tally`, which sees only this context's work,
        so they are exact even when other calls share the guard.
        """
        start = time.perf_counter()
        try:
            if self.counting and count:
                with self.guard.tally() as done:
                    try:
                        yield
                    finally:
                        self.pseudonymized.update(done.pseudonymized)
                        self.redacted.update(done.redacted)
                        self.restored.update(done.restored)
                        self.unrestored_tokens += done.unrestored_tokens
                        self.model_written.update(done.model_written)
            else:
                yield
        finally:
            self.seconds += time.perf_counter() - start


# ---------------------------------------------------------------------- scope
class Scope:
    """One call's session: masks its input, restores its output, then ends.

    Args:
        session: the call's session (:func:`chatveil._session.open_session`).
        tally: where guard time (and audited counts) accumulate.
    """

    def __init__(self, session: SessionScope, tally: Tally) -> None:
        self.session = session
        self.guard = session.guard
        self.session_id = session.session_id
        self.per_call = session.per_call
        self.tally = tally
        #: the texts the call sends (kept only when ``output_pii`` screens answers)
        self.sent: list[str] = []
        self.screening = self.guard.config.output_pii != "pass"

    # ------------------------------------------------------------ masking
    def mask_messages(self, messages: Sequence[BaseMessage], *, model_only: bool = False
                      ) -> list[BaseMessage]:
        """Pseudonymize every message (fail closed: raises before anything is returned).

        ``model_only``: the masked messages go to the model only (the guarded chat model),
        not back to the application.
        """
        if self.screening:
            self.sent += texts_of(list(messages))
        if self.per_call:
            return self._mask(lambda fn: [map_message(m, fn, masking=True) for m in messages],
                              model_only)
        return self._mask(lambda fn: [self._mask_reusing(m, fn) for m in messages], model_only)

    def _mask_reusing(self, message: BaseMessage, fn: TextFn) -> BaseMessage:
        """Mask a message; a history re-sent every turn gets last turn's masked copies back.

        Only saves the copy: the text is always pseudonymized again (the session may have
        learned new originals), and the copy is reused only if nothing differs.
        """
        if not is_plain(message):
            return map_message(message, fn, masking=True)
        text = fn(message.content)  # type: ignore[arg-type]
        if text == message.content:
            return message
        key = (id(self.guard), self.session_id)
        with _REUSE_LOCK:
            copies = _REUSE.get(key)
            hit = copies.get(id(message)) if copies is not None else None
        if hit is not None and hit[0] is message and hit[1].content == text:
            fields = hit[1].__dict__
            current = message.__dict__
            if all(v is current.get(k) for k, v in fields.items() if k != "content"):
                return hit[1]
        masked = message.model_copy(update={"content": text})
        with _REUSE_LOCK:
            copies = _REUSE.get(key)
            if copies is None:
                copies = _REUSE[key] = cachetools.LRUCache(2_000)
            copies[id(message)] = (message, masked)
        return masked

    def mask_value(self, value: Any) -> Any:
        """Pseudonymize a string, message, or JSON-like value (prompt variables)."""
        return self._mask(lambda fn: map_value(value, fn, masking=True))

    def mask_definitions(self, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        """Pseudonymize the tool definitions and output schemas in call keyword arguments.

        Descriptions, titles, enum members, examples and defaults change; names, types and
        the rest of each schema stay (see :mod:`chatveil._schema`).
        """
        if not has_definitions(kwargs):
            return dict(kwargs)
        with self.tally.step():
            return pseudonymize_unique(
                self.guard, self.session_id, lambda fn: mask_definitions(kwargs, fn)
            )

    def _mask(self, walk: Callable[[TextFn], Any], model_only: bool = False) -> Any:
        with self.tally.step():
            # one vault lookup for the whole history; only texts new to the session reach NER
            return pseudonymize_leaves(self.guard, self.session_id, walk, model_only=model_only)

    # ------------------------------------------------------------ restoring
    def restore_text(self, text: str) -> str:
        return self.guard.restore(text, self.session_id)

    def restore_message(self, message: BaseMessage) -> BaseMessage:
        """Restore a whole answer: content, reasoning, tool-call arguments.

        With ``output_pii`` on, the answer's prose (content, text and reasoning blocks) is
        screened first; tool-call arguments are restored, never screened.
        """
        with self.tally.step():
            if self.screening:
                screened = map_prose(message.content, self.screen_text)
                if screened is not message.content:
                    message = message.model_copy(update={"content": screened})
            return map_message(message, self.restore_text, masking=False)

    def screen_text(self, text: str) -> str:
        """Apply ``output_pii`` to a piece of the model's raw prose."""
        return self.guard.screen_answer(text, self.session_id, sent=self.sent)

    def restore_value(self, value: Any) -> Any:
        """Restore a structured value (dicts, lists, pydantic models, messages)."""
        with self.tally.step():
            return map_value(value, self.restore_text, masking=False)

    def chunk_restorer(self) -> ChunkRestorer:
        """A restorer for this call's streamed chunks."""
        def lane(prose: bool) -> AnswerStream:
            if prose and self.screening:
                return self.guard.answer_restorer(self.session_id, sent=self.sent)
            return self.guard.stream_restorer(self.session_id)

        return ChunkRestorer(lane, self.restore_text)

    # ------------------------------------------------------------ end
    def close(self) -> None:
        """Forget a per-call session's vault (idempotent)."""
        self.session.close()

    def __repr__(self) -> str:
        kind = "per-call" if self.per_call else "session"
        return f"Scope({kind}, closed={self.session.closed})"


def map_prose(content: Any, fn: TextFn) -> Any:
    """``content`` with ``fn`` applied to its prose only: the string, text and reasoning
    blocks (not tool calls, not media). Unchanged content is returned as the same object."""
    if isinstance(content, str):
        return fn(content)
    if not isinstance(content, list):
        return content
    out: list[Any] = []
    for block in content:
        if isinstance(block, str):
            out.append(fn(block))
            continue
        kind = block.get("type") if isinstance(block, Mapping) else None
        if kind not in PROSE_TYPES:
            out.append(block)
            continue
        update = {k: fn(block[k]) for k in TEXT_KEYS.get(kind, ()) if isinstance(block.get(k), str)}
        if kind == "reasoning" and isinstance(block.get("summary"), list):
            update["summary"] = map_prose(block["summary"], fn)
        out.append({**block, **update} if any(update[k] is not block[k] for k in update)
                   else block)
    return content if all(a is b for a, b in zip(content, out, strict=True)) else out


def open_scope(
    guard: Guard, session_id: str | None, value: Any, *, counting: bool = False,
    hold: bool = True,
) -> Scope:
    """The scope of one call: the given session, the current one, or a fresh per-call one.

    ``hold``: hold the session until the scope is closed (pass ``False`` only where the
    scope may never be closed)."""
    session = open_session(guard, session_id, seed=_seed(value), hold=hold)
    return Scope(session, Tally(guard, counting=counting))


# ---------------------------------------------------------------------- callbacks
def handlers_of(*callbacks: Any) -> list[BaseCallbackHandler]:
    """The handlers in callback lists or managers, without duplicates."""
    out: list[BaseCallbackHandler] = []
    for cbs in callbacks:
        if cbs is None:
            continue
        items = cbs.handlers if isinstance(cbs, BaseCallbackManager) else cbs
        for h in items:
            if not any(h is o for o in out):
                out.append(h)
    return out


def sees_masked(handler: BaseCallbackHandler) -> bool:
    """Whether a handler also watches the inner model run (the text the provider receives).

    Tracers do (a trace then shows what left the process) and so do chatveil's leak guard and
    any handler with ``chatveil_sees_masked = True``. Streaming handlers (``astream_events``,
    LangGraph's message stream) do not: they only see restored output.
    """
    if getattr(handler, "chatveil_sees_masked", False):
        return True
    return isinstance(handler, BaseTracer) and not isinstance(handler, LogStreamCallbackHandler)


def masked_callbacks(
    handlers: list[BaseCallbackHandler],
    parent_run_id: uuid.UUID | None,
    tags: list[str],
    metadata: dict[str, Any],
) -> CallbackManager:
    """Callbacks for the inner model call, nested under the guarded run."""
    keep = [h for h in handlers if sees_masked(h)]
    return CallbackManager(
        handlers=keep,
        inheritable_handlers=keep,
        parent_run_id=parent_run_id,
        tags=[MASKED_TAG],
        inheritable_tags=[*tags, MASKED_TAG],
        inheritable_metadata=dict(metadata),
    )


def add_instruction(messages: list[BaseMessage], instruction: str | None) -> list[BaseMessage]:
    """Append the keep-verbatim instruction to the first system message (or add one)."""
    return with_instruction(
        messages,
        instruction,
        is_system=lambda m: isinstance(m, SystemMessage),
        has=_has_text,
        append=_append_text,
        new_system=lambda text: SystemMessage(content=text),
    )


def _has_text(message: BaseMessage, text: str) -> bool:
    content = message.content
    if isinstance(content, str):
        return text in content
    return any(isinstance(b, Mapping) and b.get("text") == text for b in content)


def _append_text(message: BaseMessage, text: str) -> BaseMessage:
    content = message.content
    if isinstance(content, str):
        new_content: Any = f"{content}\n\n{text}" if content else text
    else:
        new_content = [*content, {"type": "text", "text": text}]
    return message.model_copy(update={"content": new_content})
