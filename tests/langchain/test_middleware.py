"""PseudonymizationMiddleware in a LangChain v1 agent (create_agent)."""

from __future__ import annotations

import asyncio
import re

import pytest
from langchain.agents import create_agent
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, ToolMessage
from langchain_core.tools import tool
from langgraph.checkpoint.memory import InMemorySaver
from pydantic import BaseModel

from chatveil.langchain import GuardedChatModel, PseudonymizationMiddleware
from lc_fakes import ScriptedReply, SpyChatModel
from lc_helpers import leaked

REQUEST = "I am Jane Doe. Please email jane.doe@acme.com a summary of my account."
DIRECTORY = {"jane.doe@acme.com": "Jane Doe, account 7781, manager John Smith in Paris"}


def find_email(text: str) -> str:
    return re.search(r"[\w.+-]+@[\w-]+\.[\w.]+\w", text).group(0)


def scripted_agent_model() -> SpyChatModel:
    """Calls `lookup` with the e-mail it saw, then answers quoting the tool result."""

    def call_lookup(messages):
        return AIMessage(
            content="",
            tool_calls=[
                {"name": "lookup", "args": {"email": find_email(messages[-1].text)}, "id": "call_1"}
            ],
        )

    def final(messages):
        tool_result = next(m for m in reversed(messages) if isinstance(m, ToolMessage))
        return AIMessage(content=f"Summary: {tool_result.text}")

    return SpyChatModel(reply=ScriptedReply([call_lookup, final]))


def make_agent(guard, model, **kwargs):
    calls: list[dict] = []

    @tool
    def lookup(email: str) -> str:
        """Look up an account by e-mail."""
        calls.append({"email": email})
        return DIRECTORY.get(email, "no such account")

    agent = create_agent(
        model, tools=[lookup], middleware=[PseudonymizationMiddleware(guard=guard)], **kwargs
    )
    return agent, calls


def test_agent_round_trip(guard):
    model = scripted_agent_model()
    agent, calls = make_agent(guard, model)
    state = agent.invoke({"messages": [HumanMessage(REQUEST)]})

    assert calls == [{"email": "jane.doe@acme.com"}]  # the tool got the original argument
    messages = state["messages"]
    assert messages[1].tool_calls[0]["args"] == {"email": "jane.doe@acme.com"}  # state: originals
    assert messages[-1].content == f"Summary: {DIRECTORY['jane.doe@acme.com']}"
    # the model never saw an original: not the request, not its own tool call, not the tool result
    assert len(model.received) == 2
    assert leaked(model, ("Jane Doe", "jane.doe@acme.com", "John Smith", "Paris")) == []
    assert isinstance(model.received[1][-1], ToolMessage)
    assert guard.metrics()["sessions"] == 0  # per-call vaults only, all forgotten


def test_agent_surrogates_stay_the_same_across_model_calls(guard):
    model = scripted_agent_model()
    agent, _ = make_agent(guard, model)
    agent.invoke({"messages": [HumanMessage(REQUEST)]})
    first_call, second_call = model.received
    assert first_call[0].content == second_call[0].content
    assert second_call[1].tool_calls[0]["args"]["email"] == find_email(first_call[0].content)


def test_agent_thread_is_the_session_and_streaming_is_restored(guard):
    model = scripted_agent_model()
    agent, _ = make_agent(guard, model, checkpointer=InMemorySaver())
    config = {"configurable": {"thread_id": "thread-7"}}
    text = ""
    for chunk, meta in agent.stream(
        {"messages": [HumanMessage(REQUEST)]}, config=config, stream_mode="messages"
    ):
        if isinstance(chunk, AIMessageChunk) and meta["langgraph_node"] == "model":
            text += chunk.text
    assert text == f"Summary: {DIRECTORY['jane.doe@acme.com']}"
    assert guard.has_session("thread-7")
    state = agent.get_state(config).values
    assert state["messages"][-1].content == text
    assert leaked(model, ("Jane Doe", "jane.doe@acme.com", "John Smith", "Paris")) == []


def test_agent_async(guard):
    model = scripted_agent_model()
    agent, calls = make_agent(guard, model)
    state = asyncio.run(agent.ainvoke({"messages": [HumanMessage(REQUEST)]}))
    assert calls == [{"email": "jane.doe@acme.com"}]
    assert state["messages"][-1].content == f"Summary: {DIRECTORY['jane.doe@acme.com']}"
    assert leaked(model, ("Jane Doe", "jane.doe@acme.com")) == []


def test_agent_structured_response_is_restored(guard):
    class Contact(BaseModel):
        name: str
        email: str

    def answer(messages):
        text = messages[-1].text
        name = re.search(r"I am ([A-Z]\w+ [A-Z]\w+)", text).group(1)
        return AIMessage(
            content="",
            tool_calls=[
                {"name": "Contact", "id": "so", "args": {"name": name, "email": find_email(text)}}
            ],
        )

    model = SpyChatModel(reply=answer)
    agent = create_agent(
        model,
        tools=[],
        response_format=Contact,
        middleware=[PseudonymizationMiddleware(guard=guard)],
    )
    state = agent.invoke({"messages": [HumanMessage(REQUEST)]})
    assert state["structured_response"] == Contact(name="Jane Doe", email="jane.doe@acme.com")
    assert leaked(model, ("Jane Doe", "jane.doe@acme.com")) == []


def test_middleware_reuses_its_wrapper_and_respects_guarded_models(guard, spy):
    middleware = PseudonymizationMiddleware(guard=guard)
    first = middleware.guarded_model(spy)
    assert isinstance(first, GuardedChatModel) and middleware.guarded_model(spy) is first
    assert middleware.guarded_model(first) is first
    with pytest.raises(TypeError):
        PseudonymizationMiddleware(guard=guard, strategy="token")
    assert PseudonymizationMiddleware(strategy="token").guard.config.strategy == "token"
