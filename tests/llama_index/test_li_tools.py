"""GuardedFunctionCallingLLM: tools run with the originals, the model only sees surrogates."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from llama_index.core.agent.workflow import FunctionAgent
from llama_index.core.base.llms.types import (
    ChatMessage,
    MessageRole,
    TextBlock,
    ToolCallBlock,
)
from llama_index.core.llms.mock import MockFunctionCallingLLM
from llama_index.core.tools import FunctionTool

from chatveil import Guard, guarded
from chatveil.llama_index import GuardedFunctionCallingLLM, GuardedLLM

PROMPT = "Please email Jane Doe at jane.doe@acme.com about the invoice."
ORIGINALS = ["Jane Doe", "jane.doe@acme.com"]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+\w")


class Harness:
    """A mock tool-calling model and an email tool, both recording what they receive."""

    def __init__(self) -> None:
        self.seen: list[list[ChatMessage]] = []
        self.sent: list[dict[str, str]] = []
        self.model = MockFunctionCallingLLM()
        self.model.response_generator = self.respond
        self.tool = FunctionTool.from_defaults(fn=self.send_email, name="send_email")

    def send_email(self, to: str, body: str) -> str:
        """Send an email."""
        self.sent.append({"to": to, "body": body})
        return f"Sent to {to}."

    def respond(self, messages: list[ChatMessage], **kwargs: Any) -> ChatMessage:
        self.seen.append(list(messages))
        last = messages[-1]
        if last.role == MessageRole.TOOL:
            return ChatMessage(role=MessageRole.ASSISTANT, content=f"Done. {last.content}")
        text = last.content or ""
        return ChatMessage(
            role=MessageRole.ASSISTANT,
            blocks=[
                TextBlock(text="Sending it now."),
                ToolCallBlock(
                    tool_call_id="call-1",
                    tool_name="send_email",
                    tool_kwargs={"to": EMAIL.search(text).group(0), "body": text},
                ),
            ],
        )

    def assert_hidden(self) -> None:
        assert self.seen
        dumped = [m.model_dump_json() for messages in self.seen for m in messages]
        assert not any(value in text for text in dumped for value in ORIGINALS)


@pytest.fixture
def harness() -> Harness:
    return Harness()


def test_wrap_picks_the_function_calling_wrapper(guard: Guard, harness: Harness, echo) -> None:
    llm = guarded(harness.model, guard=guard)
    assert isinstance(llm, GuardedFunctionCallingLLM)
    assert llm.metadata == harness.model.metadata
    assert llm.metadata.is_function_calling_model is True
    assert type(GuardedLLM.wrap(echo, guard=guard)) is GuardedLLM
    with pytest.raises(TypeError):
        GuardedFunctionCallingLLM(echo, guard=guard)


def test_chat_with_tools_restores_tool_arguments(guard: Guard, harness: Harness) -> None:
    llm = GuardedLLM.wrap(harness.model, guard=guard)
    with guard.session("u1"):
        response = llm.chat_with_tools([harness.tool], user_msg=PROMPT)
        calls = llm.get_tool_calls_from_response(response)
    assert [(c.tool_name, c.tool_kwargs) for c in calls] == [
        ("send_email", {"to": "jane.doe@acme.com", "body": PROMPT})
    ]
    harness.assert_hidden()


def test_predict_and_call_runs_the_tool_with_originals(guard: Guard, harness: Harness) -> None:
    llm = GuardedLLM.wrap(harness.model, guard=guard)
    with guard.session("u1"):
        response = llm.predict_and_call([harness.tool], user_msg=PROMPT)
    assert harness.sent == [{"to": "jane.doe@acme.com", "body": PROMPT}]
    assert response.response == "Sent to jane.doe@acme.com."
    harness.assert_hidden()


def test_streamed_and_async_tool_calls(guard: Guard, harness: Harness) -> None:
    llm = GuardedLLM.wrap(harness.model, guard=guard).for_session("u1")
    chunks = list(llm.stream_chat_with_tools([harness.tool], user_msg=PROMPT))
    expected = [("send_email", {"to": "jane.doe@acme.com", "body": PROMPT})]
    calls = llm.get_tool_calls_from_response(chunks[-1])
    assert [(c.tool_name, c.tool_kwargs) for c in calls] == expected

    async def main() -> tuple[Any, list[Any]]:
        done = await llm.achat_with_tools([harness.tool], user_msg=PROMPT)
        stream = await llm.astream_chat_with_tools([harness.tool], user_msg=PROMPT)
        return done, [c async for c in stream]

    done, achunks = asyncio.run(main())
    for response in (done, achunks[-1]):
        calls = llm.get_tool_calls_from_response(response)
        assert [(c.tool_name, c.tool_kwargs) for c in calls] == expected
    harness.assert_hidden()


@pytest.mark.filterwarnings("ignore::pydantic.warnings.PydanticDeprecatedSince20")
@pytest.mark.filterwarnings("ignore::pydantic.warnings.PydanticDeprecatedSince211")
def test_function_agent_end_to_end(guard: Guard, harness: Harness) -> None:
    llm = GuardedLLM.wrap(harness.model, guard=guard)
    agent = FunctionAgent(tools=[harness.tool], llm=llm)

    async def main() -> str:
        with guard.session("u1"):
            return str(await agent.run(user_msg=PROMPT))

    answer = asyncio.run(main())
    assert harness.sent == [{"to": "jane.doe@acme.com", "body": PROMPT}]
    assert answer == "Done. Sent to jane.doe@acme.com."
    assert len(harness.seen) == 2, "tool call, then the answer after the tool result"
    harness.assert_hidden()
