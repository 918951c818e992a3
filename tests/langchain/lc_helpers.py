"""Shared data and helpers for the LangChain adapter tests."""

from __future__ import annotations

import json

from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)

from lc_fakes import SpyChatModel

#: Originals used in the conversation below (none may reach a model).
ORIGINALS = (
    "Jane Doe",
    "jane.doe@acme.com",
    "+1 415-555-0134",
    "John Smith",
    "john.smith@example.org",
    "Paris",
)


def conversation() -> list[BaseMessage]:
    """A multi-turn, multi-role history: system, human (text + image), AI tool call, tool."""
    return [
        SystemMessage("You are the assistant of Jane Doe (jane.doe@acme.com).", id="s0"),
        HumanMessage("Hi, I am Jane Doe. Call me at +1 415-555-0134.", id="h1", name="user"),
        AIMessage(
            "Let me look you up, Jane Doe.",
            id="a1",
            tool_calls=[
                {
                    "name": "lookup",
                    "args": {"email": "jane.doe@acme.com"},
                    "id": "call_1",
                    "type": "tool_call",
                }
            ],
        ),
        ToolMessage("Found Jane Doe, living in Paris.", tool_call_id="call_1", id="t1"),
        HumanMessage(
            content=[
                {"type": "text", "text": "My colleague is John Smith, john.smith@example.org."},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
            ],
            id="h2",
        ),
    ]


def dump(messages: list[BaseMessage]) -> str:
    """Everything a provider could see in ``messages``, as one string."""
    return json.dumps([m.model_dump() for m in messages], default=str, ensure_ascii=False)


def leaked(spy: SpyChatModel, originals: tuple[str, ...] = ORIGINALS) -> list[str]:
    """Originals found in anything the spy received."""
    seen = "\n".join(dump(batch) for batch in spy.received)
    return [o for o in originals if o in seen]


def session(sid: str) -> dict:
    return {"configurable": {"session_id": sid}}
