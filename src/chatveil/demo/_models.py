"""Chat models that run without a network: the demo's stand-in coach and a scripted test model.

Both are ordinary LangChain ``BaseChatModel`` subclasses, so ``guarded(...)`` wraps them like any
provider's model. Neither ever sees an original when wrapped: they work only from the messages
they receive, which is what makes restoration visible.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import (
    ChatGeneration,
    ChatGenerationChunk,
    ChatResult,
    LLMResult,
)
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict, Field, PrivateAttr

__all__ = [
    "OFFLINE_NOTICE",
    "MessageRecorder",
    "OfflineCoachModel",
    "ScriptedChatModel",
    "tool_call_message",
]

#: How every answer of the stand-in model begins, so nobody mistakes it for a real LLM.
OFFLINE_NOTICE = "(offline stand-in model)"

# A name as the stand-in may receive it: a placeholder, a token, or capitalised words.
_NAME = (
    r"(?:<[A-Z_]+_\d+>|\[PII_[A-Z_]+_[0-9a-fA-F]{8}\]"
    r"|[A-Z][a-zA-Z'\u2019-]+(?:[ ][A-Z][a-zA-Z'\u2019-]+){0,2})"
)
_SELF_NAME = re.compile(rf"\b(?:I'm|I am|my name is|this is)\s+({_NAME})", re.IGNORECASE)
_CONTACT = re.compile(rf"\b(?:mentor|manager|colleague|friend|recruiter)\s+({_NAME})")
_EMAIL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|<EMAIL(?:_ADDRESS)?_\d+>|\[PII_EMAIL[A-Z_]*_\w{8}\]"
)
_PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d|<PHONE(?:_NUMBER)?_\d+>|\[PII_PHONE[A-Z_]*_\w{8}\]")


def _first_name(name: str) -> str:
    return name if name[:1] in "<[" else name.split()[0]


class OfflineCoachModel(BaseChatModel):
    """A rule-based career coach that stands in for an LLM when no provider is configured.

    It reads the names, emails and phone numbers it was sent (surrogates, when guarded) and
    quotes them back, so the demo shows them being restored. Every answer starts with
    :data:`OFFLINE_NOTICE`. Streaming yields a few characters at a time, so surrogates are
    often split across chunks.

    Args:
        chunk_size: characters per streamed chunk.
        delay: seconds to wait between streamed chunks (0 in tests; a little in the demo).
    """

    chunk_size: int = 4
    delay: float = 0.0

    @property
    def _llm_type(self) -> str:
        return "chatveil-offline-stand-in"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(self.reply(messages)))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self.reply(messages)
        for i in range(0, len(text), self.chunk_size):
            if i and self.delay:
                time.sleep(self.delay)
            piece = text[i : i + self.chunk_size]
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
            if run_manager is not None:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk

    def reply(self, messages: Sequence[BaseMessage]) -> str:
        """The stand-in's answer to ``messages`` (deterministic)."""
        said = [m.text for m in messages if isinstance(m, HumanMessage)]
        latest = said[-1] if said else ""
        everything = "\n".join(said)
        name = _search(_SELF_NAME, everything)
        first = _first_name(name) if name else "there"
        email = _search(_EMAIL, everything)
        phone = _search(_PHONE, everything)
        contact = _search(_CONTACT, latest)
        lowered = latest.lower()

        if any(w in lowered for w in ("draft", "write", "note to", "email to", "message to")):
            to = _first_name(contact) if contact else "there"
            details = " · ".join(x for x in (email, phone) if x)
            body = (
                f"Here is a short note you could send:\n\nHi {to},\n\nI hope you are well! I am "
                "planning a move into product management and would value twenty minutes of "
                "your advice on how you made a similar step. Would a call next week suit you?"
                f"\n\nBest wishes,\n{name or 'me'}"
            )
            reply = body + (f"\n{details}" if details else "")
        elif any(w in lowered for w in ("thank", "bye", "that's all", "that is all")):
            reply = f"You're welcome, {first}! Good luck with the next step."
            if email:
                reply += f" I'd send a recap to {email}."
        elif any(w in lowered for w in ("focus", "next", "plan", "first", "start")):
            reply = (
                f"Three things for you, {first}: 1) write up one project where you shaped a "
                "product decision with data; 2) ask to shadow a product manager for a sprint; "
                f"3) book that coffee{' with ' + _first_name(contact) if contact else ''}."
            )
        elif name and len(said) == 1:
            reply = f"Nice to meet you, {first}!"
            known = " and ".join(x for x in (email, phone) if x)
            if known:
                reply += f" I've noted {known} as your contact details."
            reply += " What do you do today, and where would you like to go next?"
        else:
            quote = latest if len(latest) <= 160 else latest[:157] + "..."
            reply = (
                f"Thanks, {first}. You said: \u201c{quote}\u201d That experience is worth "
                "putting front and centre. What would you like to do next?"
            )
        return f"{OFFLINE_NOTICE} {reply}"


def _search(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    if m is None:
        return None
    return m.group(1) if pattern.groups else m.group(0)


class ScriptedChatModel(BaseChatModel):
    """A chat model that answers from a script and records exactly what it received.

    Each call takes the next item of ``responses``: a string, an ``AIMessage`` (e.g. one with
    tool calls, for structured output) or a callable that builds the answer from the messages
    received (and may raise, to simulate a failing provider). Tools passed through
    ``bind_tools`` are recorded too. Streaming splits the content into ``chunk_size`` pieces.

    Examples:
        >>> model = ScriptedChatModel(responses=["Hello!"])
        >>> model.invoke("Hi").content
        'Hello!'
        >>> [m.text for m in model.received[0]]
        ['Hi']
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    responses: list[Any] = Field(default_factory=list)
    cycle: bool = False
    chunk_size: int = 3
    _next: int = PrivateAttr(default=0)
    _received: list[list[BaseMessage]] = PrivateAttr(default_factory=list)
    _tools: list[list[dict[str, Any]]] = PrivateAttr(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "chatveil-scripted"

    @property
    def received(self) -> list[list[BaseMessage]]:
        """The messages of every call so far, in order (failed calls included)."""
        return self._received

    @property
    def received_tools(self) -> list[list[dict[str, Any]]]:
        """The tools bound for every call so far (empty lists when none)."""
        return self._tools

    @property
    def calls(self) -> int:
        """Number of calls made so far (failed ones included)."""
        return len(self._received)

    def texts_received(self) -> list[str]:
        """The text of every message of every call, in order (handy for leak assertions)."""
        return [m.text for call in self.received for m in call]

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Any:
        """Bind tools the OpenAI way, so ``with_structured_output`` works on this model."""
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)

    def _answer(self, messages: list[BaseMessage], **kwargs: Any) -> AIMessage:
        self._received.append(list(messages))
        self._tools.append(list(kwargs.get("tools") or []))
        if not self.responses:
            raise RuntimeError("ScriptedChatModel has no responses")
        if self._next >= len(self.responses) and not self.cycle:
            raise RuntimeError(f"ScriptedChatModel ran out of responses after {self._next} call(s)")
        item = self.responses[self._next % len(self.responses)]
        self._next += 1
        if callable(item):
            item = item(list(messages))
        return item if isinstance(item, AIMessage) else AIMessage(content=item)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._answer(messages, **kwargs))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        message = self._answer(messages, **kwargs)
        text = message.text
        pieces = [text[i : i + self.chunk_size] for i in range(0, len(text), self.chunk_size)]
        for piece in pieces:
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
            if run_manager is not None:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk
        if message.tool_calls:
            yield ChatGenerationChunk(
                message=AIMessageChunk(
                    content="",
                    tool_call_chunks=[
                        {
                            "name": call["name"],
                            "args": json.dumps(call["args"]),
                            "id": call["id"],
                            "index": i,
                        }
                        for i, call in enumerate(message.tool_calls)
                    ],
                )
            )


def tool_call_message(name: str, args: dict[str, Any], call_id: str = "call_1") -> AIMessage:
    """An ``AIMessage`` that calls tool ``name`` with ``args`` (what structured output parses)."""
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": call_id}])


class MessageRecorder(BaseCallbackHandler):
    """A callback that keeps what a chat model was sent and what it answered, call by call.

    Attach it to the *inner* model (``ChatOpenAI(..., callbacks=[recorder])``) to see what the
    provider received through a guarded wrapper.
    """

    def __init__(self) -> None:
        self.sent: list[list[BaseMessage]] = []
        self.answers: list[str] = []

    def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[BaseMessage]], **kwargs: Any
    ) -> None:
        self.sent.extend(list(batch) for batch in messages)

    def on_llm_end(self, response: LLMResult, **kwargs: Any) -> None:
        for generations in response.generations:
            self.answers.extend(g.text for g in generations[:1])

    def __repr__(self) -> str:
        return f"MessageRecorder(calls={len(self.sent)})"
