"""Fail closed: on any error before the model call, nothing is sent."""

from __future__ import annotations

import asyncio

import pytest
from langchain.agents import create_agent
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.prompts import ChatPromptTemplate

from chatveil import guarded
from chatveil.errors import DetectionError
from chatveil.langchain import (
    PseudonymizationMiddleware,
    PseudonymizeRunnable,
    RestoreRunnable,
    UnsupportedContentError,
)
from fakes import BrokenDetector, fake_guard
from lc_fakes import SpyChatModel
from lc_helpers import conversation, session

GREETING = "Hi, I am Jane Doe. Mail me at jane.doe@acme.com."


@pytest.fixture
def broken_guard():
    return fake_guard(BrokenDetector())


def _run(chat, path: str):
    messages = conversation()
    if path == "invoke":
        return chat.invoke(messages)
    if path == "stream":
        return list(chat.stream(messages))
    if path == "batch":
        return chat.batch([messages, messages])
    if path == "ainvoke":
        return asyncio.run(chat.ainvoke(messages))
    if path == "astream_events":

        async def events():
            return [e async for e in chat.astream_events(messages, version="v2")]

        return asyncio.run(events())

    async def collect():
        return [c async for c in chat.astream(messages)]

    return asyncio.run(collect())


@pytest.mark.parametrize(
    "path", ["invoke", "stream", "batch", "ainvoke", "astream", "astream_events"]
)
def test_detection_failure_never_calls_the_model(broken_guard, path):
    spy = SpyChatModel()
    chat = guarded(spy, guard=broken_guard)
    with pytest.raises(DetectionError) as info:
        _run(chat, path)
    assert spy.received == []
    assert "Jane" not in str(info.value)
    assert broken_guard.metrics()["sessions"] == 0


def test_detection_failure_in_a_chain_and_an_agent(broken_guard):
    spy = SpyChatModel()
    chain = (
        ChatPromptTemplate.from_messages([("human", "{q}")])
        | PseudonymizeRunnable(broken_guard)
        | spy
        | RestoreRunnable(broken_guard)
    )
    with pytest.raises(DetectionError):
        chain.invoke({"q": GREETING})
    with pytest.raises(DetectionError):
        list(chain.stream({"q": GREETING}, config=session("broken")))
    agent = create_agent(spy, tools=[], middleware=[PseudonymizationMiddleware(broken_guard)])
    with pytest.raises(DetectionError):
        agent.invoke({"messages": [HumanMessage(GREETING)]})
    assert spy.received == []


@pytest.mark.parametrize(
    "content",
    [
        [{"type": "mystery_block", "payload": "Jane Doe"}],
        [{"text": "Jane Doe, no type"}],
        [
            {"type": "text", "text": "fine"},
            {"type": "x-provider-thing", "data": "jane.doe@acme.com"},
        ],
    ],
)
def test_unsupported_content_is_refused_before_the_call(chat, spy, content):
    with pytest.raises(UnsupportedContentError) as info:
        chat.invoke([HumanMessage(content=content)], config=session("bad"))
    assert spy.received == []
    assert "Jane" not in str(info.value) and "jane.doe" not in str(info.value)
    with pytest.raises(UnsupportedContentError):
        list(chat.stream([HumanMessage(content=content)], config=session("bad")))
    assert spy.received == []


def test_media_and_provider_blocks_pass_through(chat, spy):
    blocks = [
        {"type": "text", "text": "Look at this, Jane Doe", "cache_control": {"type": "ephemeral"}},
        {"type": "image", "base64": "iVBORw0KGgo=", "mime_type": "image/png"},
        {"type": "file", "url": "https://example.com/report.pdf"},
        {"type": "audio", "base64": "AAAA", "mime_type": "audio/wav"},
    ]
    chat.invoke([HumanMessage(content=blocks)], config=session("media"))
    sent = spy.received[0][0].content
    assert sent[1:] == blocks[1:]
    assert sent[0]["cache_control"] == {"type": "ephemeral"}
    assert "Jane Doe" not in sent[0]["text"]


def test_a_failing_model_leaves_no_per_call_vault(guard):
    def fail(messages):
        raise ConnectionError("provider unreachable")

    chat = guarded(SpyChatModel(reply=fail), guard=guard)
    with pytest.raises(ConnectionError):
        chat.invoke(GREETING)
    with pytest.raises(ConnectionError):
        list(chat.stream(GREETING))
    assert guard.metrics()["sessions"] == 0


def test_a_stream_abandoned_midway_forgets_its_vault(guard):
    chat = guarded(SpyChatModel(reply=lambda m: AIMessage(content=m[-1].text)), guard=guard)
    stream = chat.stream(GREETING)
    next(stream)
    assert guard.metrics()["sessions"] == 1
    stream.close()
    assert guard.metrics()["sessions"] == 0
