"""GuardedFunctionCallingLLM: tool definitions reach the model pseudonymized.

The mock model receives the tools that ``chat_with_tools`` hands it (``kwargs["tools"]``) and
reads them the ways integrations do: ``metadata.description``, ``get_parameters_dict()``,
``to_openai_tool()``, ``fn_schema_str`` and ``fn_schema.model_json_schema()``. It answers by
calling ``lookup`` with the first enum member and the default it was shown, so it picks surrogates.
"""

# no `from __future__ import annotations`: FunctionTool reads the real annotations of `lookup`

import asyncio
import json
from typing import Annotated, Any, Literal

import pytest
from llama_index.core.agent.workflow import FunctionAgent
from llama_index.core.base.llms.types import ChatMessage, MessageRole, TextBlock, ToolCallBlock
from llama_index.core.llms.mock import MockFunctionCallingLLM
from llama_index.core.prompts import PromptTemplate
from llama_index.core.tools import FunctionTool
from pydantic import BaseModel, Field

from chatveil import Guard
from chatveil._schema import map_schema
from chatveil.errors import ChatveilError
from chatveil.llama_index import GuardedLLM

ORIGINALS = ("Maria Lopez", "maria.lopez@example.org", "John Smith", "Lopez", "Smith")
HELLO = "Hello, please look up my last order."
EXPECTED = {"customer": "Maria Lopez", "order_id": 7, "reply_to": "maria.lopez@example.org"}


class Order(BaseModel):
    """An order placed by Maria Lopez (maria.lopez@example.org)."""

    customer: Literal["Maria Lopez", "John Smith"] = Field(description="e.g. Maria Lopez")
    order_id: int
    reply_to: str = Field(default="maria.lopez@example.org", examples=["maria.lopez@example.org"])


def seen_text(tools: list[Any]) -> str:
    """Everything the model can read of ``tools``."""
    parts = []
    for tool in tools:
        meta = tool.metadata
        parts.append(meta.description)
        parts.append(json.dumps(meta.to_openai_tool(skip_length_check=True)))
        parts.append(meta.fn_schema_str)
        parts.append(json.dumps(meta.fn_schema.model_json_schema()))
    return "\n".join(parts)


def leaked(text: str) -> list[str]:
    return [o for o in ORIGINALS if o in text]


def skeleton(value: Any) -> Any:
    return map_schema(value, lambda _text: "*")


class Harness:
    """A mock tool-calling model that records the tools it gets, and the real tool."""

    def __init__(self) -> None:
        self.tools_seen: list[list[Any]] = []
        self.messages_seen: list[list[ChatMessage]] = []
        self.ran: list[dict[str, Any]] = []
        self.model = MockFunctionCallingLLM()
        self.model.response_generator = self.respond

        def lookup(
            customer: Annotated[
                Literal["Maria Lopez", "John Smith"],
                Field(description="Whose order to look up, e.g. Maria Lopez."),
            ],
            order_id: int,
            reply_to: str = "maria.lopez@example.org",
        ) -> str:
            """Look up an order placed by Maria Lopez (maria.lopez@example.org)."""
            self.ran.append({"customer": customer, "order_id": order_id, "reply_to": reply_to})
            return f"order {order_id} of {customer}"

        self.tool = FunctionTool.from_defaults(fn=lookup)

    def respond(self, messages: list[ChatMessage], **kwargs: Any) -> ChatMessage:
        tools = list(kwargs.get("tools") or [])
        self.tools_seen.append(tools)
        self.messages_seen.append(list(messages))
        if messages[-1].role == MessageRole.TOOL:
            return ChatMessage(role=MessageRole.ASSISTANT, content=f"Done: {messages[-1].content}")
        tool = tools[0]
        props = tool.metadata.get_parameters_dict()["properties"]
        args = {"customer": props["customer"]["enum"][0], "order_id": 7}
        if "reply_to" in props:
            args["reply_to"] = props["reply_to"]["default"]
        return ChatMessage(
            role=MessageRole.ASSISTANT,
            blocks=[
                TextBlock(text="Looking it up."),
                ToolCallBlock(
                    tool_call_id="call-1", tool_name=tool.metadata.name, tool_kwargs=args
                ),
            ],
        )

    def assert_hidden(self) -> None:
        assert self.tools_seen
        assert leaked("\n".join(seen_text(tools) for tools in self.tools_seen)) == []
        dumped = [m.model_dump_json() for batch in self.messages_seen for m in batch]
        assert leaked("\n".join(dumped)) == []


@pytest.fixture
def harness() -> Harness:
    return Harness()


def test_the_model_gets_masked_definitions_with_the_same_shape(guard: Guard, harness: Harness):
    llm = GuardedLLM.wrap(harness.model, guard=guard)
    with guard.session("defs"):
        llm.chat_with_tools([harness.tool], user_msg=HELLO)
    [[sent]] = harness.tools_seen
    assert sent is not harness.tool
    original = harness.tool.metadata
    assert sent.metadata.name == original.name == "lookup"
    assert sent.metadata.description != original.description
    assert skeleton(sent.metadata.to_openai_tool()) == skeleton(original.to_openai_tool())
    assert sent.metadata.get_parameters_dict()["required"] == ["customer", "order_id"]
    with pytest.raises(ChatveilError):
        sent({"customer": "x"})  # the stand-in never runs
    harness.assert_hidden()


def test_predict_and_call_runs_the_real_tool_on_originals(guard: Guard, harness: Harness):
    llm = GuardedLLM.wrap(harness.model, guard=guard)
    with guard.session("enum"):
        response = llm.predict_and_call([harness.tool], user_msg=HELLO)
    sent_member = harness.tools_seen[0][0].metadata.get_parameters_dict()["properties"]
    assert sent_member["customer"]["enum"][0] != "Maria Lopez"
    assert harness.ran == [EXPECTED]
    assert response.response == "order 7 of Maria Lopez"
    harness.assert_hidden()


def test_streamed_and_async_tool_calls_come_back_original(guard: Guard, harness: Harness):
    llm = GuardedLLM.wrap(harness.model, guard=guard).for_session("twins")
    chunks = list(llm.stream_chat_with_tools([harness.tool], user_msg=HELLO))
    [call] = llm.get_tool_calls_from_response(chunks[-1])
    assert call.tool_kwargs == EXPECTED

    async def main() -> tuple[Any, list[Any]]:
        done = await llm.achat_with_tools([harness.tool], user_msg=HELLO)
        stream = await llm.astream_chat_with_tools([harness.tool], user_msg=HELLO)
        return done, [c async for c in stream]

    done, achunks = asyncio.run(main())
    for response in (done, achunks[-1]):
        [call] = llm.get_tool_calls_from_response(response)
        assert call.tool_kwargs == EXPECTED
    assert len(harness.tools_seen) == 3
    harness.assert_hidden()


def test_definitions_use_the_session_of_the_call(guard: Guard, harness: Harness):
    llm = GuardedLLM.wrap(harness.model, guard=guard)
    for sid in ("user-a", "user-b"):
        llm.for_session(sid).chat_with_tools([harness.tool], user_msg="I am Maria Lopez.")
    for sid, tools, messages in zip(
        ("user-a", "user-b"), harness.tools_seen, harness.messages_seen, strict=True
    ):
        member = tools[0].metadata.get_parameters_dict()["properties"]["customer"]["enum"][0]
        assert messages[-1].content == f"I am {member}."
        assert guard.restore(member, sid) == "Maria Lopez"
    harness.assert_hidden()


def test_a_tool_without_personal_data_is_passed_as_it_is(guard: Guard, harness: Harness):
    def add(a: int, b: int) -> int:
        """Add two numbers."""
        return a + b

    plain = FunctionTool.from_defaults(fn=add)
    llm = GuardedLLM.wrap(harness.model, guard=guard)
    with guard.session("plain"):
        llm.chat_with_tools([harness.tool, plain], user_msg=HELLO)
    assert harness.tools_seen[0][1] is plain


def test_structured_predict_returns_originals(guard: Guard, harness: Harness):
    llm = GuardedLLM.wrap(harness.model, guard=guard)
    with guard.session("structured"):
        order = llm.structured_predict(
            Order, PromptTemplate("Find the order: {query}"), query=HELLO
        )
    assert order == Order(**EXPECTED)
    [[sent]] = harness.tools_seen
    assert sent.metadata.get_parameters_dict()["properties"]["reply_to"]["examples"] != [
        "maria.lopez@example.org"
    ]
    harness.assert_hidden()


@pytest.mark.filterwarnings("ignore::pydantic.warnings.PydanticDeprecatedSince20")
@pytest.mark.filterwarnings("ignore::pydantic.warnings.PydanticDeprecatedSince211")
def test_function_agent_end_to_end(guard: Guard, harness: Harness):
    llm = GuardedLLM.wrap(harness.model, guard=guard)
    agent = FunctionAgent(tools=[harness.tool], llm=llm)

    async def main() -> str:
        with guard.session("agent"):
            return str(await agent.run(user_msg=HELLO))

    answer = asyncio.run(main())
    assert harness.ran == [EXPECTED]
    assert answer == "Done: order 7 of Maria Lopez"
    assert len(harness.tools_seen) == 2
    harness.assert_hidden()
