"""Composable runnables: ``prompt | PseudonymizeRunnable(guard) | model | RestoreRunnable(guard)``.

Both steps find the session in the config (``session_id`` / ``thread_id``) or the current
``guard.session(...)``. Without one, the pseudonymize step opens a per-call session and hands
it to the restore step of the same sequence run, which forgets it when the output ends.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any

import cachetools
from langchain_core.callbacks import CallbackManagerForChainRun
from langchain_core.messages import BaseMessage, BaseMessageChunk, convert_to_messages
from langchain_core.prompt_values import ChatPromptValue, PromptValue, StringPromptValue
from langchain_core.runnables import (
    Runnable,
    RunnableConfig,
    RunnableGenerator,
    RunnableLambda,
)

from chatveil import Guard
from chatveil._instruction import with_instruction_prompt
from chatveil._session import given_session
from chatveil.errors import ConfigurationError
from chatveil.langchain._content import UnsupportedContentError
from chatveil.langchain._scope import (
    Scope,
    add_instruction,
    configured_session,
    open_scope,
)

__all__ = ["PseudonymizeRunnable", "RestoreRunnable"]

# per-call scopes waiting for their restore step, by (guard, sequence run id)
_LINKS: cachetools.TTLCache[tuple[int, uuid.UUID], Scope] = cachetools.TTLCache(100_000, 3600)
_LINKS_LOCK = threading.Lock()

_NO_SESSION = (
    "{step} has no session: pass config={{'configurable': {{'session_id': ...}}}}, use "
    "guard.session(...), or put PseudonymizeRunnable and RestoreRunnable in the same sequence"
)


class PseudonymizeRunnable(Runnable[Any, Any]):
    """Pseudonymizes a prompt before it reaches any model or chain.

    Accepts a prompt value, a string, a message, a list of messages (or message-like tuples
    and dicts), or a dict of prompt variables (every string and message in it). Returns the
    same shape with personal data replaced by surrogates.

    Args:
        guard: the :class:`~chatveil.Guard`.
        instruction: add the guard's keep-verbatim system instruction to chat prompts
            (only when the guard has one, i.e. placeholder/token strategies).
    """

    def __init__(self, guard: Guard, *, instruction: bool = True) -> None:
        self.guard = guard
        self.instruction = instruction
        # LangChain passes the config and run manager to a function that accepts them
        self._impl: RunnableLambda[Any, Any] = RunnableLambda(
            self._run,  # type: ignore[arg-type]
            name="chatveil_pseudonymize",
        )

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return self._impl.invoke(input, config, **kwargs)

    async def ainvoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return await self._impl.ainvoke(input, config, **kwargs)

    def _run(
        self, value: Any, config: RunnableConfig, run_manager: CallbackManagerForChainRun
    ) -> Any:
        seed = value.to_messages() if isinstance(value, PromptValue) else value
        # no hold: nothing closes the scope of a given session, and a per-call one is closed
        # by a restore step that may never run; the restore step holds while it restores
        scope = open_scope(self.guard, configured_session(config), seed, hold=False)
        link = (id(self.guard), run_manager.parent_run_id) if scope.per_call else None
        if link is not None:
            if link[1] is None:
                scope.close()
                raise ConfigurationError(_NO_SESSION.format(step="PseudonymizeRunnable"))
            with _LINKS_LOCK:
                _LINKS[link] = scope  # type: ignore[index]
        try:
            return self._mask(scope, value)
        except BaseException:
            if link is not None:
                with _LINKS_LOCK:
                    _LINKS.pop(link, None)  # type: ignore[arg-type]
                scope.close()
            raise

    def _mask(self, scope: Scope, value: Any) -> Any:
        instruction = self.guard.instruction if self.instruction else None
        if isinstance(value, ChatPromptValue):
            return ChatPromptValue(
                messages=add_instruction(scope.mask_messages(value.messages), instruction)
            )
        if isinstance(value, StringPromptValue):
            text = scope.mask_value(value.text)
            return StringPromptValue(text=with_instruction_prompt(text, instruction))
        if isinstance(value, str | BaseMessage | dict):
            return scope.mask_value(value)
        if isinstance(value, Sequence):
            try:
                messages = convert_to_messages(value)
            except (ValueError, TypeError, NotImplementedError) as exc:
                raise UnsupportedContentError(
                    f"cannot read the input as messages ({type(exc).__name__})"
                ) from None
            return add_instruction(scope.mask_messages(messages), instruction)
        raise UnsupportedContentError(
            f"PseudonymizeRunnable accepts prompt values, strings, messages and dicts, "
            f"got {type(value).__name__}"
        )

    def __repr__(self) -> str:
        return f"PseudonymizeRunnable(guard={self.guard!r})"


def _drained(produce: Callable[..., Iterator[Any]], *args: Any) -> list[Any]:
    """Everything ``produce(*args)`` yields (run in a worker thread by the async path)."""
    return list(produce(*args))


class _Output:
    """Restores one output stream: text and message chunks incrementally, other values whole."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.restorer = scope.chunk_restorer()
        self.saw_text = False
        self.emitted = False

    def item(self, value: Any) -> Iterator[Any]:
        if isinstance(value, str):
            self.saw_text = True
            out: Any = self.restorer.text(value)
            if not out:
                return
        elif isinstance(value, BaseMessageChunk):
            out = self.restorer.message(value)
            if getattr(value, "chunk_position", None) == "last":
                tail = self.restorer.flush()
                out = out + tail if tail is not None else out
        else:
            out = self.scope.restore_value(value)
        self.emitted = True
        yield out

    def end(self) -> Iterator[Any]:
        text = self.restorer.flush_text()
        if text or (self.saw_text and not self.emitted):
            yield text
        tail = self.restorer.flush()
        if tail is not None:
            yield tail


class RestoreRunnable(Runnable[Any, Any]):
    """Restores the originals in a model's or chain's output, streaming-aware.

    Streams of strings or message chunks are restored as they arrive, holding back only what
    could still be the start of a surrogate; whole messages, dicts, lists and pydantic models
    (structured output) are restored at once.

    Args:
        guard: the :class:`~chatveil.Guard` used by the matching pseudonymize step.
    """

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        # as for RunnableLambda: the config and run manager reach functions that accept them
        self._impl: RunnableGenerator[Any, Any] = RunnableGenerator(
            self._transform,  # type: ignore[arg-type]
            self._atransform,  # type: ignore[arg-type]
            name="chatveil_restore",
        )

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return self._impl.invoke(input, config, **kwargs)

    async def ainvoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return await self._impl.ainvoke(input, config, **kwargs)

    def stream(
        self, input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[Any]:
        return self._impl.stream(input, config, **kwargs)

    def astream(
        self, input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> AsyncIterator[Any]:
        return self._impl.astream(input, config, **kwargs)

    def transform(
        self, input: Iterator[Any], config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[Any]:
        return self._impl.transform(input, config, **kwargs)

    def atransform(
        self, input: AsyncIterator[Any], config: RunnableConfig | None = None, **kwargs: Any
    ) -> AsyncIterator[Any]:
        return self._impl.atransform(input, config, **kwargs)

    def _scope(self, config: RunnableConfig, run_manager: CallbackManagerForChainRun) -> Scope:
        sid = given_session(configured_session(config))
        if sid is not None:
            return open_scope(self.guard, sid, None)
        with _LINKS_LOCK:
            scope = _LINKS.pop((id(self.guard), run_manager.parent_run_id), None)  # type: ignore[arg-type]
        if scope is None:
            raise ConfigurationError(_NO_SESSION.format(step="RestoreRunnable"))
        scope.session.hold()  # until the output ends (closed by the caller)
        return scope

    # The scope is looked up at the first chunk: in a streamed sequence this step starts
    # before the pseudonymize step upstream has run.
    def _transform(
        self, chunks: Iterator[Any], config: RunnableConfig, run_manager: CallbackManagerForChainRun
    ) -> Iterator[Any]:
        output: _Output | None = None
        try:
            for value in chunks:
                output = output or _Output(self._scope(config, run_manager))
                yield from output.item(value)
            if output is not None:
                yield from output.end()
        finally:
            if output is not None:
                output.scope.close()

    async def _atransform(
        self,
        chunks: AsyncIterator[Any],
        config: RunnableConfig,
        run_manager: CallbackManagerForChainRun,
    ) -> AsyncIterator[Any]:
        # guard work (vault store round trips, screening) runs in a worker thread, off the loop
        output: _Output | None = None
        try:
            async for value in chunks:
                if output is None:
                    output = await asyncio.to_thread(
                        lambda: _Output(self._scope(config, run_manager)))
                for out in await asyncio.to_thread(_drained, output.item, value):
                    yield out
            if output is not None:
                for out in await asyncio.to_thread(_drained, output.end):
                    yield out
        finally:
            if output is not None:
                await asyncio.to_thread(output.scope.close)

    def __repr__(self) -> str:
        return f"RestoreRunnable(guard={self.guard!r})"
