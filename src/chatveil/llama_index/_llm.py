"""A LlamaIndex ``LLM`` that pseudonymizes every prompt and restores every answer."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator, Sequence
from functools import partial
from typing import Any, TypeVar

from llama_index.core.base.llms.types import (
    BaseRecursiveContentBlock,
    ChatMessage,
    ChatResponse,
    ChatResponseAsyncGen,
    ChatResponseGen,
    CompletionResponse,
    LLMMetadata,
    MessageRole,
    TextBlock,
    ThinkingBlock,
    ToolCallBlock,
)
from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.llms import LLM
from llama_index.core.llms.function_calling import FunctionCallingLLM
from llama_index.core.llms.llm import ToolSelection
from llama_index.core.tools.types import BaseTool

from chatveil._guard import Guard
from chatveil._instruction import with_instruction, with_instruction_prompt
from chatveil._session import InCall, SessionScope, open_session
from chatveil._walk import TextFn, map_leaves, pseudonymize_leaves
from chatveil.llama_index._tools import mask_tools

__all__ = ["GuardedFunctionCallingLLM", "GuardedLLM"]

R = TypeVar("R", ChatResponse, CompletionResponse)


# ---------------------------------------------------------------------- messages
def _map_block(block: Any, fn: TextFn, *, masking: bool = False) -> Any:
    """A copy of a content block (or a whole message) with its text leaves mapped by ``fn``.

    Text, thinking and tool-call blocks change; nested blocks (messages, citations) are walked;
    images, audio, video, documents and cache points pass through untouched. Tool-call
    arguments go through chatveil's one leaf walker.
    """
    if isinstance(block, TextBlock):
        return block.model_copy(update={"text": fn(block.text)})
    if isinstance(block, ThinkingBlock):
        if block.content is None:
            return block
        return block.model_copy(update={"content": fn(block.content)})
    if isinstance(block, ToolCallBlock):
        kwargs = map_leaves(block.tool_kwargs, fn, masking=masking)
        return block.model_copy(update={"tool_kwargs": kwargs})
    if isinstance(block, BaseRecursiveContentBlock):
        name = block.nested_blocks_field_name()
        nested = getattr(block, name)
        if isinstance(nested, list):
            nested = [_map_block(b, fn, masking=masking) for b in nested]
        else:
            nested = _map_block(nested, fn, masking=masking)
        return block.model_copy(update={name: nested})
    return block


def _restored_message(
    message: ChatMessage, restore: TextFn, text: str | None = None, prose: TextFn | None = None
) -> ChatMessage:
    """``message`` restored; with ``text``, its text blocks become one block holding ``text``.

    ``prose`` restores the text blocks (the answer itself) when it differs from ``restore``
    (``output_pii`` screens them; tool calls are only restored).
    """
    if text is None and prose is not None:
        return message.model_copy(update={"blocks": [
            _map_block(b, prose if isinstance(b, TextBlock) else restore)
            for b in message.blocks
        ]})
    if text is None:
        return _map_block(message, restore)
    blocks: list[Any] = []
    placed = False
    for block in message.blocks:
        if not isinstance(block, TextBlock):
            blocks.append(_map_block(block, restore))
        elif not placed:
            blocks.append(TextBlock(text=text))
            placed = True
    if not placed and text:
        blocks.append(TextBlock(text=text))
    return message.model_copy(update={"blocks": blocks})


def _restored_chat(response: ChatResponse, restore: TextFn, prose: TextFn) -> ChatResponse:
    return response.model_copy(
        update={
            "message": _restored_message(response.message, restore, prose=prose),
            "delta": prose(response.delta) if response.delta else response.delta,
        }
    )


def _restored_completion(response: CompletionResponse, restore: TextFn) -> CompletionResponse:
    return response.model_copy(
        update={
            "text": restore(response.text),
            "delta": restore(response.delta) if response.delta else response.delta,
        }
    )


def _chat_chunk(chunk: ChatResponse, delta: str, text: str, restore: TextFn) -> ChatResponse:
    return chunk.model_copy(
        update={"message": _restored_message(chunk.message, restore, text), "delta": delta}
    )


def _completion_chunk(
    chunk: CompletionResponse, delta: str, text: str, restore: TextFn
) -> CompletionResponse:
    return chunk.model_copy(update={"text": text, "delta": delta})


class _Stream:
    """Restores one streamed answer chunk by chunk.

    Each chunk's delta is restored incrementally (only a tail that could still be the start of
    a surrogate is held back) and its accumulated text is the concatenation of the restored
    deltas so far. Whatever is held back at the end comes in one extra chunk.
    """

    def __init__(
        self, scope: SessionScope, rebuild: Callable[[Any, str, str, TextFn], Any],
        sent: Sequence[str] = (),
    ) -> None:
        self._scope = scope
        self._restorer = scope.guard.answer_restorer(scope.session_id, sent=sent)
        self._restore = partial(scope.guard.restore, session_id=scope.session_id)
        self._rebuild = rebuild
        self._text = ""
        self._last: Any = None

    def feed(self, chunk: R) -> R:
        delta = self._restorer.feed(chunk.delta or "")
        self._text += delta
        self._last = chunk
        return self._rebuild(chunk, delta, self._text, self._restore)

    def close(self) -> Any:
        tail = self._restorer.flush()
        if not tail:
            return None
        self._text += tail
        return self._rebuild(self._last, tail, self._text, self._restore)

    def run(self, chunks: Any) -> Generator[Any, None, None]:
        try:
            for chunk in chunks:
                yield self.feed(chunk)
            last = self.close()
            if last is not None:
                yield last
        finally:
            self._scope.close()  # a per-call session ends with its stream

    async def arun(self, chunks: Any, step: InCall) -> AsyncGenerator[Any, None]:
        # restoring (and screening, with output_pii) runs in a worker thread, off the loop, in
        # the call's context
        try:
            async for chunk in chunks:
                yield await step(self.feed, chunk)
            last = await step(self.close)
            if last is not None:
                yield last
        finally:
            await self._scope.aclose()


# ---------------------------------------------------------------------- the LLM
class GuardedLLM(LLM):
    """A LlamaIndex LLM that keeps personal data away from the model it wraps.

    Every message (all roles, text, thinking and tool-call blocks) and every prompt is
    pseudonymized into the call's session before it reaches the inner model; answers,
    streamed deltas and tool-call arguments come back with the originals restored. The
    session is bound when a call starts: the LLM's ``session_id``, else the current
    ``guard.session(...)``, else a per-call session forgotten when the call (or its stream)
    ends; so a stream consumed later, or in another thread, still restores with the right
    vault, and callers without a session never share one.

    LlamaIndex calls the LLM lazily when a streamed query or chat is iterated, and the sync
    streaming chat engines iterate in a thread of their own, where ``guard.session(...)`` is not
    set: bind the session with :meth:`for_session` (or ``session_id=``) in those cases.

    The inner model's metadata is kept. A function-calling inner model is wrapped in a
    :class:`GuardedFunctionCallingLLM` by :meth:`wrap`, which guards tool calling too; a plain
    ``GuardedLLM`` reports ``is_function_calling_model=False``.

    Args:
        llm: the LlamaIndex LLM to protect.
        guard: the guard whose vaults are used; a new default one if omitted.
        **kwargs: LLM fields, among them ``session_id`` (see :meth:`for_session`);
            ``system_prompt``, ``messages_to_prompt``,
            ``completion_to_prompt``, ``output_parser``, ``pydantic_program_mode``,
            ``query_wrapper_prompt`` and ``callback_manager`` default to the inner model's.

    Example:
        >>> llm = GuardedLLM.wrap(OpenAI(model="gpt-4o-mini"), guard=guard)
        >>> with guard.session("user-42"):
        ...     print(llm.complete("Write to jane.doe@acme.com").text)
    """

    session_id: str | None = Field(
        default=None,
        description="Session bound to this LLM; the current guard.session(...) when None.",
    )
    _llm: LLM = PrivateAttr()
    _guard: Guard = PrivateAttr()

    def __init__(self, llm: LLM, guard: Guard | None = None, **kwargs: Any) -> None:
        if not isinstance(llm, LLM):
            raise TypeError(f"GuardedLLM wraps a LlamaIndex LLM, not {type(llm).__name__}")
        for name in (
            "system_prompt",
            "messages_to_prompt",
            "completion_to_prompt",
            "output_parser",
            "pydantic_program_mode",
            "query_wrapper_prompt",
            "callback_manager",
        ):
            kwargs.setdefault(name, getattr(llm, name))
        super().__init__(**kwargs)
        self._llm = llm
        self._guard = guard if guard is not None else Guard()

    @classmethod
    def wrap(cls, llm: LLM, *, guard: Guard | None = None) -> GuardedLLM:
        """Guard ``llm``; an LLM already guarded by the same guard is returned as is.

        Args:
            llm: the LlamaIndex LLM to protect.
            guard: the guard to use; a new default one if omitted.
        """
        if isinstance(llm, GuardedLLM) and (guard is None or guard is llm.guard):
            return llm
        if isinstance(llm, FunctionCallingLLM):
            return GuardedFunctionCallingLLM(llm, guard=guard)
        return GuardedLLM(llm, guard=guard)

    @classmethod
    def class_name(cls) -> str:
        return "GuardedLLM"

    def for_session(self, session_id: str) -> GuardedLLM:
        """A copy bound to ``session_id`` (same inner model and guard), whatever the context.

        Use it for a chat engine that belongs to one user, or whenever the LLM may be called
        outside the ``guard.session(...)`` block, e.g. by a stream iterated later.
        """
        return self.model_copy(update={"session_id": self._guard.resolve_session(session_id)})

    @property
    def llm(self) -> LLM:
        """The wrapped (inner) model."""
        return self._llm

    @property
    def guard(self) -> Guard:
        """The guard holding the session vaults."""
        return self._guard

    @property
    def metadata(self) -> LLMMetadata:
        """The inner model's metadata (tool calling reported as unsupported)."""
        return self._llm.metadata.model_copy(update={"is_function_calling_model": False})

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(llm={type(self._llm).__name__}, "
            f"session_id={self.session_id!r}, guard={self._guard!r})"
        )

    # ------------------------------------------------------------------ helpers
    def _scope(self, seed: str) -> SessionScope:
        return open_session(self._guard, self.session_id, seed=seed)

    def _mask_messages(self, messages: Sequence[ChatMessage], sid: str) -> list[ChatMessage]:
        messages = list(messages)
        masked = pseudonymize_leaves(
            self._guard, sid, lambda fn: [_map_block(m, fn, masking=True) for m in messages],
            model_only=True,
        )
        role = self._llm.metadata.system_role
        return with_instruction(
            masked,
            self._guard.instruction,
            is_system=lambda m: m.role in (MessageRole.SYSTEM, role),
            has=lambda m, text: any(
                isinstance(b, TextBlock) and b.text == text for b in m.blocks
            ),
            append=lambda m, text: m.model_copy(
                update={"blocks": [*m.blocks, TextBlock(text=text)]}
            ),
            new_system=lambda text: ChatMessage(role=role, content=text),
        )

    def _mask_prompt(self, prompt: str, sid: str) -> str:
        masked = self._guard._pseudonymize_texts([prompt], sid, hand_out=False)[0]
        return with_instruction_prompt(masked, self._guard.instruction)

    def _restore(self, sid: str) -> TextFn:
        return partial(self._guard.restore, session_id=sid)

    def _sent(self, items: Sequence[ChatMessage | str]) -> list[str]:
        """What a call sends, when ``output_pii`` needs it (values in it are the user's)."""
        if self._guard.config.output_pii == "pass":
            return []
        return [i if isinstance(i, str) else (i.content or "") for i in items]

    def _answer(self, sid: str, items: Sequence[ChatMessage | str]) -> TextFn:
        """Restores the answer's text, applying ``output_pii`` to it."""
        return partial(self._guard.restore_answer, session_id=sid, sent=self._sent(items))

    # ------------------------------------------------------------------ sync
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        """Chat with pseudonymized messages; the answer comes back restored."""
        with self._scope(_seed(messages)) as scope:
            sid = scope.session_id
            response = self._llm.chat(self._mask_messages(messages, sid), **kwargs)
            return _restored_chat(response, self._restore(sid), self._answer(sid, messages))

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        """Complete a pseudonymized prompt; the answer comes back restored."""
        with self._scope(prompt) as scope:
            sid = scope.session_id
            masked = self._mask_prompt(prompt, sid)
            response = self._llm.complete(masked, formatted=formatted, **kwargs)
            return _restored_completion(response, self._answer(sid, [prompt]))

    def stream_chat(
        self, messages: Sequence[ChatMessage], **kwargs: Any
    ) -> Generator[ChatResponse, None, None]:
        """Stream a chat answer; deltas are restored as they arrive."""
        scope = self._scope(_seed(messages))
        with _closing_on_error(scope):
            masked = self._mask_messages(messages, scope.session_id)
            chunks = self._llm.stream_chat(masked, **kwargs)
        return _Stream(scope, _chat_chunk, self._sent(messages)).run(chunks)

    def stream_complete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> Generator[CompletionResponse, None, None]:
        """Stream a completion; deltas are restored as they arrive."""
        scope = self._scope(prompt)
        with _closing_on_error(scope):
            masked = self._mask_prompt(prompt, scope.session_id)
            chunks = self._llm.stream_complete(masked, formatted=formatted, **kwargs)
        return _Stream(scope, _completion_chunk, self._sent([prompt])).run(chunks)

    # ------------------------------------------------------------------ async
    # Guard work (detection is CPU-bound; the vault store may be a network round trip away)
    # runs in a worker thread: opening the session, masking, restoring, ending the session.
    # Each call's steps share one context (InCall): the answer is restored in the context
    # that pseudonymized it, with no catch-up (as in a sync call).

    async def achat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        """Async :meth:`chat`."""
        step = InCall()
        async with await step(self._scope, _seed(messages)) as scope:
            sid = scope.session_id
            masked = await step(self._mask_messages, messages, sid)
            response = await self._llm.achat(masked, **kwargs)
            return await step(_restored_chat, response, self._restore(sid),
                                           self._answer(sid, messages))

    async def acomplete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> CompletionResponse:
        """Async :meth:`complete`."""
        step = InCall()
        async with await step(self._scope, prompt) as scope:
            sid = scope.session_id
            masked = await step(self._mask_prompt, prompt, sid)
            response = await self._llm.acomplete(masked, formatted=formatted, **kwargs)
            return await step(_restored_completion, response,
                                           self._answer(sid, [prompt]))

    async def astream_chat(
        self, messages: Sequence[ChatMessage], **kwargs: Any
    ) -> AsyncGenerator[ChatResponse, None]:
        """Async :meth:`stream_chat`."""
        step = InCall()
        scope = await step(self._scope, _seed(messages))
        async with _aclosing_on_error(scope):
            masked = await step(self._mask_messages, messages, scope.session_id)
            chunks = await self._llm.astream_chat(masked, **kwargs)
            stream = await step(_Stream, scope, _chat_chunk, self._sent(messages))
        return stream.arun(chunks, step)

    async def astream_complete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> AsyncGenerator[CompletionResponse, None]:
        """Async :meth:`stream_complete`."""
        step = InCall()
        scope = await step(self._scope, prompt)
        async with _aclosing_on_error(scope):
            masked = await step(self._mask_prompt, prompt, scope.session_id)
            chunks = await self._llm.astream_complete(masked, formatted=formatted, **kwargs)
            stream = await step(_Stream, scope, _completion_chunk,
                                             self._sent([prompt]))
        return stream.arun(chunks, step)


def _seed(messages: Sequence[ChatMessage]) -> str:
    """The text a per-call session id is derived from: the first user message."""
    first = next((m for m in messages if m.role == MessageRole.USER), None)
    if first is None and messages:
        first = messages[0]
    return str(first.content or "") if first is not None else ""


@contextlib.contextmanager
def _closing_on_error(scope: SessionScope) -> Iterator[None]:
    """Close ``scope`` if starting a stream fails (otherwise the stream closes it at its end)."""
    try:
        yield
    except BaseException:
        scope.close()
        raise


@contextlib.asynccontextmanager
async def _aclosing_on_error(scope: SessionScope) -> AsyncIterator[None]:
    """:func:`_closing_on_error` for async calls (closing may be a store call)."""
    try:
        yield
    except BaseException:
        await scope.aclose()
        raise


def _tool_history(
    user_msg: str | ChatMessage | None, chat_history: Sequence[ChatMessage] | None
) -> list[ChatMessage]:
    messages = list(chat_history or [])
    if isinstance(user_msg, str):
        user_msg = ChatMessage(role=MessageRole.USER, content=user_msg)
    if user_msg is not None:
        messages.append(user_msg)
    return messages


class GuardedFunctionCallingLLM(GuardedLLM, FunctionCallingLLM):
    """A :class:`GuardedLLM` for function-calling models: tool calling is guarded too.

    ``chat_with_tools`` and its stream and async twins send the user message and the history
    (earlier tool calls and tool results included) pseudonymized, as one history, to the inner
    model's own ``chat_with_tools``. The tools' definitions are pseudonymized into the same
    session: the inner model gets stand-ins whose ``ToolMetadata`` carries the masked
    description and a schema whose descriptions, enum members, examples and defaults are
    masked (names, property names and types stay). The answer comes back restored, tool-call
    arguments (``ToolCallBlock``) included, so ``get_tool_calls_from_response``,
    ``predict_and_call``, ``structured_predict`` and agents run the caller's own tools with the
    originals (an enum member the model picks comes back as the original member).
    :meth:`GuardedLLM.wrap` picks this class for a ``FunctionCallingLLM``.
    """

    def __init__(self, llm: FunctionCallingLLM, guard: Guard | None = None, **kwargs: Any) -> None:
        if not isinstance(llm, FunctionCallingLLM):
            raise TypeError(f"{type(llm).__name__} is not a FunctionCallingLLM: use GuardedLLM")
        super().__init__(llm, guard=guard, **kwargs)

    @classmethod
    def class_name(cls) -> str:
        return "GuardedFunctionCallingLLM"

    @property
    def metadata(self) -> LLMMetadata:
        """The inner model's metadata, unchanged."""
        return self._llm.metadata

    @property
    def _tools_llm(self) -> FunctionCallingLLM:
        llm = self._llm
        assert isinstance(llm, FunctionCallingLLM)  # checked in __init__
        return llm

    def _tool_options(self, verbose: bool, parallel: bool, required: bool) -> dict[str, Any]:
        return {"verbose": verbose, "allow_parallel_tool_calls": parallel,
                "tool_required": required}

    def chat_with_tools(
        self,
        tools: Sequence[BaseTool],
        user_msg: str | ChatMessage | None = None,
        chat_history: list[ChatMessage] | None = None,
        verbose: bool = False,
        allow_parallel_tool_calls: bool = False,
        tool_required: bool = False,
        **kwargs: Any,
    ) -> ChatResponse:
        """Chat with tools; messages pseudonymized, answer and tool calls restored."""
        messages = _tool_history(user_msg, chat_history)
        with self._scope(_seed(messages)) as scope:
            sid = scope.session_id
            history = self._mask_messages(messages, sid)
            masked_tools = mask_tools(self._guard, sid, tools)
            response = self._tools_llm.chat_with_tools(
                masked_tools, chat_history=history,
                **self._tool_options(verbose, allow_parallel_tool_calls, tool_required), **kwargs
            )
            return _restored_chat(response, self._restore(sid), self._answer(sid, messages))

    def stream_chat_with_tools(
        self,
        tools: Sequence[BaseTool],
        user_msg: str | ChatMessage | None = None,
        chat_history: list[ChatMessage] | None = None,
        verbose: bool = False,
        allow_parallel_tool_calls: bool = False,
        tool_required: bool = False,
        **kwargs: Any,
    ) -> ChatResponseGen:
        """Stream a chat with tools; deltas and tool calls restored as they arrive."""
        messages = _tool_history(user_msg, chat_history)
        scope = self._scope(_seed(messages))
        with _closing_on_error(scope):
            history = self._mask_messages(messages, scope.session_id)
            masked_tools = mask_tools(self._guard, scope.session_id, tools)
            chunks = self._tools_llm.stream_chat_with_tools(
                masked_tools, chat_history=history,
                **self._tool_options(verbose, allow_parallel_tool_calls, tool_required), **kwargs
            )
        return _Stream(scope, _chat_chunk, self._sent(messages)).run(chunks)

    async def achat_with_tools(
        self,
        tools: Sequence[BaseTool],
        user_msg: str | ChatMessage | None = None,
        chat_history: list[ChatMessage] | None = None,
        verbose: bool = False,
        allow_parallel_tool_calls: bool = False,
        tool_required: bool = False,
        **kwargs: Any,
    ) -> ChatResponse:
        """Async :meth:`chat_with_tools`."""
        step = InCall()
        messages = _tool_history(user_msg, chat_history)
        async with await step(self._scope, _seed(messages)) as scope:
            sid = scope.session_id
            history = await step(self._mask_messages, messages, sid)
            masked_tools = await step(mask_tools, self._guard, sid, tools)
            response = await self._tools_llm.achat_with_tools(
                masked_tools, chat_history=history,
                **self._tool_options(verbose, allow_parallel_tool_calls, tool_required), **kwargs
            )
            return await step(_restored_chat, response, self._restore(sid),
                                           self._answer(sid, messages))

    async def astream_chat_with_tools(
        self,
        tools: Sequence[BaseTool],
        user_msg: str | ChatMessage | None = None,
        chat_history: list[ChatMessage] | None = None,
        verbose: bool = False,
        allow_parallel_tool_calls: bool = False,
        tool_required: bool = False,
        **kwargs: Any,
    ) -> ChatResponseAsyncGen:
        """Async :meth:`stream_chat_with_tools`."""
        step = InCall()
        messages = _tool_history(user_msg, chat_history)
        scope = await step(self._scope, _seed(messages))
        async with _aclosing_on_error(scope):
            history = await step(self._mask_messages, messages, scope.session_id)
            masked_tools = await step(
                mask_tools, self._guard, scope.session_id, tools
            )
            chunks = await self._tools_llm.astream_chat_with_tools(
                masked_tools, chat_history=history,
                **self._tool_options(verbose, allow_parallel_tool_calls, tool_required), **kwargs
            )
            stream = await step(_Stream, scope, _chat_chunk, self._sent(messages))
        return stream.arun(chunks, step)

    def get_tool_calls_from_response(
        self, response: ChatResponse, error_on_no_tool_call: bool = True, **kwargs: Any
    ) -> list[ToolSelection]:
        """The tool calls of a (restored) response, parsed by the inner model."""
        return self._tools_llm.get_tool_calls_from_response(
            response, error_on_no_tool_call=error_on_no_tool_call, **kwargs
        )

    def _prepare_chat_with_tools(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Required by FunctionCallingLLM; unused because every *_with_tools method above
        # delegates to the inner model's public one, which prepares its own request.
        raise NotImplementedError("GuardedFunctionCallingLLM delegates chat_with_tools")
