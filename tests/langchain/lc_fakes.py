"""Fake chat models for the LangChain adapter tests: they record what they receive."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict, Field

Reply = Callable[[list[BaseMessage]], AIMessage]


def echo_last_human(messages: list[BaseMessage]) -> AIMessage:
    """Answer with the text of the last human message, unchanged."""
    last = next(m for m in reversed(messages) if isinstance(m, HumanMessage))
    return AIMessage(content=last.text)


def split_sizes(text: str, seed: int, low: int = 1, high: int = 3) -> list[str]:
    """Cut ``text`` into pieces of ``low``..``high`` characters (deterministic per seed)."""
    rng = random.Random(seed)
    pieces, pos = [], 0
    while pos < len(text):
        n = rng.randint(low, high)
        pieces.append(text[pos : pos + n])
        pos += n
    return pieces


class SpyChatModel(BaseChatModel):
    """Records every message list it receives; answers with ``reply(messages)``.

    Streams the answer's text in 1-3 character chunks and tool-call arguments in pieces.
    """

    reply: Reply = echo_last_human
    model_name: str = "spy-1"
    temperature: float | None = None
    seed: int = 0
    received: list[list[BaseMessage]] = Field(default_factory=list)
    kwargs_seen: list[dict[str, Any]] = Field(default_factory=list)

    model_config = ConfigDict(arbitrary_types_allowed=True)

    @property
    def _llm_type(self) -> str:
        return "spy-chat"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": self.model_name}

    def _answer(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> AIMessage:
        self.received.append(list(messages))
        self.kwargs_seen.append(dict(kwargs))
        return self.reply(list(messages))

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._answer(messages, kwargs))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        answer = self._answer(messages, kwargs)
        seed = self.seed + len(self.received)
        if isinstance(answer.content, str):
            for piece in split_sizes(answer.content, seed):
                yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
        else:
            for index, block in enumerate(answer.content):
                key = {"text": "text", "reasoning": "reasoning"}.get(block.get("type", ""))
                if key is None:
                    yield ChatGenerationChunk(message=AIMessageChunk(content=[block]))
                    continue
                for piece in split_sizes(block[key], seed + index):
                    part = {"type": block["type"], key: piece, "index": index}
                    yield ChatGenerationChunk(message=AIMessageChunk(content=[part]))
        for index, call in enumerate(answer.tool_calls):
            args = json.dumps(call["args"])
            for n, piece in enumerate(split_sizes(args, seed + 7, 2, 6)):
                first = n == 0
                yield ChatGenerationChunk(
                    message=AIMessageChunk(
                        content="",
                        tool_call_chunks=[
                            {
                                "name": call["name"] if first else None,
                                "args": piece,
                                "id": call["id"] if first else None,
                                "index": index,
                                "type": "tool_call_chunk",
                            }
                        ],
                    )
                )

    def bind_tools(self, tools: Sequence[Any], *, tool_choice: Any = None, **kwargs: Any) -> Any:
        formatted = [convert_to_openai_tool(t) for t in tools]
        if tool_choice is not None:
            kwargs["tool_choice"] = tool_choice
        return self.bind(tools=formatted, **kwargs)


class ScriptedReply:
    """Replies from a list, in order (the ``reply`` of a spy model)."""

    def __init__(
        self, answers: Sequence[AIMessage | Callable[[list[BaseMessage]], AIMessage]]
    ) -> None:
        self.answers = list(answers)
        self.calls = 0

    def __call__(self, messages: list[BaseMessage]) -> AIMessage:
        answer = self.answers[min(self.calls, len(self.answers) - 1)]
        self.calls += 1
        return answer(messages) if callable(answer) else answer
