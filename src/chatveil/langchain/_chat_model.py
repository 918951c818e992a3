"""``GuardedChatModel``: a chat model that pseudonymizes every call and restores every answer."""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.caches import BaseCache
from langchain_core.callbacks import (
    AsyncCallbackManagerForLLMRun,
    BaseCallbackHandler,
    CallbackManagerForLLMRun,
)
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import (
    ConfigurableFieldSpec,
    Runnable,
    RunnableBinding,
    RunnableConfig,
    RunnableLambda,
    RunnableMap,
    RunnablePassthrough,
    RunnableSequence,
    ensure_config,
)
from langchain_core.runnables.utils import get_unique_config_specs
from langchain_core.utils.function_calling import convert_to_openai_tool
from langchain_core.utils.pydantic import is_basemodel_subclass
from pydantic import BaseModel, ConfigDict, Field

from chatveil import Guard
from chatveil._schema import is_json_like
from chatveil._session import InCall
from chatveil.langchain._callbacks import AuditCallbackHandler, AuditRecord
from chatveil.langchain._scope import (
    GUARDED_MARK,
    SESSION_SPECS,
    Scope,
    add_instruction,
    configured_session,
    handlers_of,
    masked_callbacks,
    open_scope,
)
from chatveil.langchain._stream import ChunkRestorer, as_chunk
from chatveil.langchain._tools import DEFINITION_KWARGS, REBIND

__all__ = ["GuardedChatModel"]


@dataclass(frozen=True)
class _CallContext:
    """What the public call methods know and ``_stream`` does not get: config and run id."""

    owner: int
    session_id: str | None
    handlers: list[BaseCallbackHandler]
    run_id: uuid.UUID
    tags: list[str]
    metadata: dict[str, Any]
    configurable: dict[str, Any]


_CALL: contextvars.ContextVar[_CallContext | None] = contextvars.ContextVar(
    "chatveil_langchain_call", default=None
)


@dataclass
class _Call:
    """One model call: its scope, masked input, inner config and audit listeners."""

    scope: Scope
    masked: list[BaseMessage]
    inner_config: RunnableConfig
    audits: list[AuditCallbackHandler]
    model: str
    streamed: bool
    runnable: Runnable  # what receives the masked input: the wrapped model (maybe rebound)
    kwargs: dict[str, Any] = field(default_factory=dict)  # call kwargs, definitions masked

    def restore_chunk(self, restorer: ChunkRestorer, piece: Any) -> AIMessageChunk:
        chunk = as_chunk(piece)
        with self.scope.tally.step():  # restore counts arrive at flush; screening counts now
            out = restorer.message(chunk)
        if getattr(chunk, "chunk_position", None) == "last":
            tail = self.flush(restorer)
            if tail is not None:
                out = out + tail
        return out  # type: ignore[return-value]

    def flush(self, restorer: ChunkRestorer) -> AIMessageChunk | None:
        with self.scope.tally.step():
            return restorer.flush()

    def end(self, error: BaseException | None = None) -> None:
        self.scope.close()
        if not self.audits:
            return
        tally = self.scope.tally
        record = AuditRecord(
            model=self.model,
            per_call_session=self.scope.per_call,
            streamed=self.streamed,
            pseudonymized=dict(sorted(tally.pseudonymized.items())),
            redacted=dict(sorted(tally.redacted.items())),
            restored=dict(sorted(tally.restored.items())),
            unrestored_tokens=tally.unrestored_tokens,
            guard_seconds=tally.seconds,
            error=type(error).__name__ if error is not None else None,
            model_written=dict(sorted(tally.model_written.items())),
        )
        for audit in self.audits:
            audit.record(record)


class GuardedChatModel(BaseChatModel):
    """A chat model wrapper that keeps personal data away from the wrapped model.

    Before each call the whole history (every role, text blocks, tool-call arguments, tool
    results) is pseudonymized; the answer, its streamed chunks, reasoning and tool-call
    arguments are restored. Use it anywhere a chat model goes (LCEL, LangGraph,
    ``create_agent``, ``RunnableWithMessageHistory``).

    The session comes from ``config["configurable"]["session_id"]`` or ``["thread_id"]``,
    else the current ``guard.session(...)``, else a per-call session (see
    :mod:`chatveil.langchain`).

    Args:
        inner: the wrapped chat model (or a runnable from its ``bind_tools``).
        guard: the :class:`~chatveil.Guard` doing the work; a default one if omitted.

    Example:
        >>> from chatveil import guarded
        >>> chat = guarded(ChatOpenAI(model="gpt-4o-mini"))  # doctest: +SKIP
        >>> chat.invoke("Hi, I am Jane Doe", config={"configurable": {"session_id": "u42"}})
        ... # doctest: +SKIP
    """

    inner: Runnable
    guard: Guard = Field(default_factory=Guard)
    cache: BaseCache | bool | None = False  # never store originals in an LLM cache

    model_config = ConfigDict(arbitrary_types_allowed=True)

    @classmethod
    def wrap(cls, llm: BaseChatModel, *, guard: Guard | None = None) -> GuardedChatModel:
        """Wrap ``llm`` (an already guarded model with the same guard is returned as is)."""
        if isinstance(llm, GuardedChatModel) and (guard is None or guard is llm.guard):
            return llm
        if not isinstance(llm, BaseChatModel):
            raise TypeError(f"expected a LangChain chat model, got {type(llm).__name__}")
        return cls(inner=llm, guard=guard if guard is not None else Guard())

    # ------------------------------------------------------------------ identity
    def _chat(self) -> BaseChatModel | None:
        inner = self.inner
        while isinstance(inner, RunnableBinding):
            inner = inner.bound
        return inner if isinstance(inner, BaseChatModel) else None

    def _describe(self) -> dict[str, Any]:
        chat = self._chat()
        if chat is None:
            return {"_type": "chatveil-guarded"}
        describe = getattr(chat, "asdict", None) or chat.dict
        return dict(describe())

    @property
    def _llm_type(self) -> str:
        return str(self._describe().get("_type", "chatveil-guarded"))

    @property
    def _identifying_params(self) -> dict[str, Any]:
        params = {k: v for k, v in self._describe().items() if k != "_type"}
        params[GUARDED_MARK] = True
        return params

    @property
    def model_name(self) -> str | None:
        """The wrapped model's name (``model_name``, ``model`` or ``model_id``)."""
        chat = self._chat()
        for attr in ("model_name", "model", "model_id"):
            value = getattr(chat, attr, None)
            if isinstance(value, str) and value:
                return value
        return None

    def _get_ls_params(self, stop: list[str] | None = None, **kwargs: Any) -> Any:
        params = super()._get_ls_params(stop=stop, **kwargs)
        chat = self._chat()
        provider = type(chat).__name__ if chat is not None else "chatveil"
        if provider.startswith("Chat"):
            provider = provider[4:]
        elif provider.endswith("Chat"):
            provider = provider[:-4]
        params["ls_provider"] = provider.lower()
        params.setdefault("ls_model_name", self._llm_type)
        for attr, key in (("temperature", "ls_temperature"), ("max_tokens", "ls_max_tokens")):
            value = getattr(chat, attr, None)
            if key not in params and isinstance(value, int | float) and not isinstance(value, bool):
                params[key] = value  # type: ignore[literal-required]
        return params

    def _resolve_model_profile(self) -> Any:
        chat = self._chat()
        return chat.profile if chat is not None else None

    @property
    def config_specs(self) -> list[ConfigurableFieldSpec]:
        """The wrapped runnable's configurable fields plus ``session_id`` and ``thread_id``."""
        return get_unique_config_specs(
            [*super().config_specs, *self.inner.config_specs, *SESSION_SPECS]
        )

    def get_num_tokens_from_messages(self, messages: list[BaseMessage], tools: Any = None) -> int:
        """Token count from the wrapped model."""
        chat = self._chat()
        if chat is None:
            return super().get_num_tokens_from_messages(messages, tools)
        return chat.get_num_tokens_from_messages(messages, tools)

    def get_token_ids(self, text: str) -> list[int]:
        """Token ids from the wrapped model."""
        chat = self._chat()
        return chat.get_token_ids(text) if chat is not None else super().get_token_ids(text)

    # ------------------------------------------------------------------ tools
    def bind_tools(
        self, tools: Sequence[Any], *, tool_choice: Any = None, **kwargs: Any
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind tools the way the wrapped model does; their text is pseudonymized per call.

        The wrapped model formats the tools once, here. Each call then pseudonymizes, into
        its own session, the human-written strings of those definitions (tool and parameter
        descriptions, titles, enum members, examples, defaults; also a ``response_format``)
        before the wrapped model sends them; tool and property names, types and the rest of
        the schema stay as they are. Tool-call arguments in answers are restored, so tools
        run on original values (an enum member the model picks comes back as the original
        member), and ``with_structured_output`` (built on this) returns restored dicts and
        pydantic models.
        """
        chat = self._chat()
        if chat is None or chat is not self.inner:
            raise NotImplementedError("bind_tools needs the wrapped chat model itself")
        if tool_choice is not None:
            kwargs["tool_choice"] = tool_choice
        bound = chat.bind_tools(tools, **kwargs)
        if (
            isinstance(bound, RunnableBinding)
            and bound.bound is chat
            and all(is_json_like(bound.kwargs[k]) for k in DEFINITION_KWARGS if k in bound.kwargs)
        ):
            binding = self.bind(**bound.kwargs)  # plain JSON: masked in each call as it is
            return binding.with_config(bound.config) if bound.config else binding
        # The wrapped model's own format cannot be rewritten (objects, or a runnable of its
        # own): keep provider-neutral schemas and bind the masked ones again in each call.
        outer = {k: kwargs.pop(k) for k in ("ls_structured_output_format",) if k in kwargs}
        neutral = [_neutral(t) for t in tools]
        return self.bind(**{REBIND: {"tools": neutral, "kwargs": kwargs}}, **outer)

    def with_structured_output(
        self,
        schema: dict[str, Any] | type,
        *,
        include_raw: bool = False,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, dict[str, Any] | BaseModel]:
        """Structured output; the schema's text is pseudonymized per call, output restored.

        ``method="function_calling"`` (the default) binds the schema as a tool (see
        :meth:`bind_tools`). ``method="json_schema"`` and ``"json_mode"`` use the wrapped
        model's own ``with_structured_output`` for the request (its ``response_format``) and
        the parsing; a pydantic schema is sent as its JSON schema (so that its descriptions
        and enum members can be pseudonymized) and the restored output is validated by it.
        """
        method = kwargs.get("method")
        if method in (None, "function_calling"):
            return super().with_structured_output(schema, include_raw=include_raw, **kwargs)
        chat = self._chat()
        if chat is None or chat is not self.inner:
            raise NotImplementedError("with_structured_output needs the wrapped chat model itself")
        model_cls = schema if isinstance(schema, type) and is_basemodel_subclass(schema) else None
        validate = model_cls is not None and method == "json_schema"
        sent = model_cls.model_json_schema() if validate else schema  # type: ignore[union-attr]
        structured = chat.with_structured_output(sent, include_raw=False, **kwargs)
        steps = structured.steps if isinstance(structured, RunnableSequence) else [structured]
        first = steps[0]
        if not (isinstance(first, RunnableBinding) and first.bound is chat and len(steps) > 1):
            raise NotImplementedError(
                f"{type(chat).__name__}.with_structured_output(method={method!r}) cannot be "
                f"guarded; use method='function_calling'"
            )
        llm: Runnable = self.bind(**first.kwargs)  # masked in each call
        if first.config:
            llm = llm.with_config(first.config)
        parser: Runnable = steps[1] if len(steps) == 2 else RunnableSequence(*steps[1:])
        if validate:
            parser = parser | RunnableLambda(_validator(model_cls))  # type: ignore[arg-type]
        if not include_raw:
            return llm | parser
        parser_assign = RunnablePassthrough.assign(
            parsed=_raw | parser, parsing_error=lambda _: None
        )
        parser_none = RunnablePassthrough.assign(parsed=lambda _: None)
        with_fallback = parser_assign.with_fallbacks([parser_none], exception_key="parsing_error")
        return RunnableMap(raw=llm) | with_fallback

    # ------------------------------------------------------------------ public call paths
    def _context(self, config: RunnableConfig | None) -> tuple[_CallContext, RunnableConfig]:
        config = ensure_config(config)
        run_id = config.get("run_id") or uuid.uuid4()
        config["run_id"] = run_id
        ctx = _CallContext(
            owner=id(self),
            session_id=configured_session(config),
            handlers=handlers_of(config.get("callbacks"), self.callbacks),
            run_id=run_id,
            tags=list(config.get("tags") or []),
            metadata=dict(config.get("metadata") or {}),
            configurable=dict(config.get("configurable") or {}),
        )
        return ctx, config

    def invoke(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> AIMessage:
        ctx, config = self._context(config)
        token = _CALL.set(ctx)
        try:
            return super().invoke(input, config, stop=stop, **kwargs)
        finally:
            _CALL.reset(token)

    async def ainvoke(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> AIMessage:
        ctx, config = self._context(config)
        token = _CALL.set(ctx)
        try:
            return await super().ainvoke(input, config, stop=stop, **kwargs)
        finally:
            _CALL.reset(token)

    def stream(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> Iterator[AIMessageChunk]:
        ctx, config = self._context(config)
        chunks = super().stream(input, config, stop=stop, **kwargs)
        try:
            while True:
                token = _CALL.set(ctx)  # set only while the stream runs, never for the caller
                try:
                    chunk = next(chunks)
                except StopIteration:
                    return
                finally:
                    _CALL.reset(token)
                yield chunk
        finally:
            close = getattr(chunks, "close", None)  # a generator: end it with the stream
            if close is not None:
                close()

    async def astream(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[AIMessageChunk]:
        ctx, config = self._context(config)
        chunks = super().astream(input, config, stop=stop, **kwargs)
        try:
            while True:
                token = _CALL.set(ctx)
                try:
                    chunk = await anext(chunks)
                except StopAsyncIteration:
                    return
                finally:
                    _CALL.reset(token)
                yield chunk
        finally:
            await chunks.aclose()  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ extension points
    def _start(
        self,
        messages: list[BaseMessage],
        run_manager: CallbackManagerForLLMRun | AsyncCallbackManagerForLLMRun | None,
        streamed: bool,
        kwargs: dict[str, Any],
    ) -> _Call:
        ctx = _CALL.get()
        if ctx is not None and ctx.owner != id(self):
            ctx = None
        configurable = ctx.configurable if ctx is not None else {}
        if run_manager is not None:
            handlers = list(run_manager.handlers)
            parent: uuid.UUID | None = run_manager.run_id
            tags, metadata = run_manager.inheritable_tags, run_manager.inheritable_metadata
        elif ctx is not None:
            handlers, parent, tags, metadata = ctx.handlers, ctx.run_id, ctx.tags, ctx.metadata
        else:
            handlers, parent, tags, metadata = handlers_of(self.callbacks), None, [], {}
        audits = [h for h in handlers if isinstance(h, AuditCallbackHandler)]
        scope = open_scope(
            self.guard, ctx.session_id if ctx is not None else None, messages, counting=bool(audits)
        )
        try:
            masked = add_instruction(scope.mask_messages(messages, model_only=True),
                                     self.guard.instruction)
            call_kwargs = scope.mask_definitions(kwargs)
            runnable = self._runnable(call_kwargs)
        except BaseException as exc:
            _Call(scope, [], {}, audits, self._llm_type, streamed, self.inner).end(exc)
            raise
        inner_config: RunnableConfig = {
            "callbacks": masked_callbacks(handlers, parent, tags, metadata),
            "tags": list(tags),
            "metadata": dict(metadata),
            "configurable": dict(configurable),
        }
        return _Call(
            scope, masked, inner_config, audits, self._llm_type, streamed, runnable, call_kwargs
        )

    def _runnable(self, kwargs: dict[str, Any]) -> Runnable:
        """The runnable for one call: the wrapped one, or the wrapped model with masked tools."""
        spec = kwargs.pop(REBIND, None)
        if spec is None:
            return self.inner
        chat = self._chat()
        if chat is None:
            raise NotImplementedError("bind_tools needs the wrapped chat model itself")
        return chat.bind_tools(spec["tools"], **spec["kwargs"])

    def _run(self, call: _Call, produce: Callable[[], Any]) -> ChatResult:
        try:
            answer = produce()
            message = call.scope.restore_message(_as_message(answer))
        except BaseException as exc:
            call.end(exc)
            raise
        call.end()
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        call = self._start(messages, run_manager, False, kwargs)
        return self._run(
            call,
            lambda: call.runnable.invoke(call.masked, call.inner_config, stop=stop, **call.kwargs),
        )

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        # guard work (NER, vault store round trips) runs in a worker thread, off the loop, in
        # the call's context: the answer is restored where the call pseudonymized
        step = InCall()
        call = await step(self._start, messages, run_manager, False, kwargs)
        try:
            answer = await call.runnable.ainvoke(
                call.masked, call.inner_config, stop=stop, **call.kwargs
            )
        except BaseException as exc:
            await step(call.end, exc)
            raise
        return await step(self._run, call, lambda: answer)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        call = self._start(messages, run_manager, True, kwargs)
        error: BaseException | None = None
        pieces = call.runnable.stream(call.masked, call.inner_config, stop=stop, **call.kwargs)
        try:
            restorer = call.scope.chunk_restorer()
            for piece in pieces:
                yield ChatGenerationChunk(message=call.restore_chunk(restorer, piece))
            tail = call.flush(restorer)
            if tail is not None:
                yield ChatGenerationChunk(message=tail)
        except BaseException as exc:
            error = exc
            raise
        finally:
            close = getattr(pieces, "close", None)
            if close is not None:
                close()
            call.end(error)

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        # guard work (NER, vault store round trips) runs in a worker thread, off the loop, in
        # the call's context: the answer is restored where the call pseudonymized
        step = InCall()
        call = await step(self._start, messages, run_manager, True, kwargs)
        error: BaseException | None = None
        pieces = call.runnable.astream(call.masked, call.inner_config, stop=stop, **call.kwargs)
        try:
            restorer = call.scope.chunk_restorer()
            async for piece in pieces:
                chunk = await step(call.restore_chunk, restorer, piece)
                yield ChatGenerationChunk(message=chunk)
            tail = await step(call.flush, restorer)
            if tail is not None:
                yield ChatGenerationChunk(message=tail)
        except BaseException as exc:
            error = exc
            raise
        finally:
            close = getattr(pieces, "aclose", None)
            if close is not None:
                await close()
            await step(call.end, error)


def _neutral(tool: Any) -> Any:
    """A tool as an OpenAI tool schema; dicts, and objects that do not convert, as they are."""
    if isinstance(tool, Mapping):
        return tool
    try:
        return convert_to_openai_tool(tool)
    except (TypeError, ValueError):
        return tool  # masked as an object in each call, or refused


def _raw(value: dict[str, Any]) -> Any:
    return value["raw"]


def _validator(model_cls: type[BaseModel]) -> Callable[[Any], Any]:
    """Validate a parsed dict with ``model_cls`` (``None`` and instances pass through)."""

    def validate(value: Any) -> Any:
        if value is None or isinstance(value, model_cls):
            return value
        return model_cls.model_validate(value)

    return validate


def _as_message(answer: Any) -> BaseMessage:
    if isinstance(answer, BaseMessage):
        return answer
    if isinstance(answer, str):
        return AIMessage(content=answer)
    raise TypeError(f"the wrapped runnable returned {type(answer).__name__}, not a message")
