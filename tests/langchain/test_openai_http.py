"""A real client over HTTP: ChatOpenAI replayed from hand-written cassettes (no network).

The cassettes answer in OpenAI's wire format with placeholder surrogates, which are
deterministic (``<PERSON_1>`` is the first person of the session). The streaming cassette
splits surrogates across SSE events, in the text and in tool-call arguments.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest
import vcr
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.tools import tool

from chatveil import guarded

langchain_openai = pytest.importorskip("langchain_openai")

CASSETTES = Path(__file__).parent / "cassettes"
ORIGINALS = ("Jane Doe", "jane.doe@acme.com", "+1 415-555-0134", "Jane", "acme.com")
QUESTION = [
    SystemMessage("You are a helpful assistant."),
    HumanMessage("Hi, I am Jane Doe. Please write to jane.doe@acme.com and call +1 415-555-0134."),
]
ANSWER = "Hello Jane Doe! I will write to jane.doe@acme.com and call +1 415-555-0134 today."
REPLAY = vcr.VCR(record_mode="none", match_on=["method", "scheme", "host", "port", "path"])


@tool
def send_mail(to: str, greeting: str) -> str:
    """Send an e-mail."""
    return "sent"


@pytest.fixture
def sent_bodies():
    return []


@pytest.fixture
def openai_chat(make_guard, sent_bodies):
    """A guarded ChatOpenAI whose HTTP clients record every request body they send."""

    def record(request: httpx.Request) -> None:
        sent_bodies.append(json.loads(request.content))

    async def arecord(request: httpx.Request) -> None:
        record(request)

    llm = langchain_openai.ChatOpenAI(
        model="gpt-4o-mini",
        api_key="sk-test-not-a-real-key",
        base_url="https://api.openai.com/v1",
        max_retries=0,
        http_client=httpx.Client(event_hooks={"request": [record]}),
        http_async_client=httpx.AsyncClient(event_hooks={"request": [arecord]}),
    )
    guard = make_guard(strategy="placeholder")
    return guarded(llm, guard=guard), guard


def assert_masked(body: dict, guard) -> None:
    text = json.dumps(body, ensure_ascii=False)
    assert [o for o in ORIGINALS if o in text] == []
    messages = body["messages"]
    assert messages[0] == {
        "role": "system",
        "content": f"You are a helpful assistant.\n\n{guard.instruction}",
    }
    assert messages[1] == {
        "role": "user",
        "content": "Hi, I am <PERSON_1>. Please write to <EMAIL_1> and call <PHONE_1>.",
    }


def test_invoke_over_http(openai_chat, sent_bodies):
    chat, guard = openai_chat
    config = {"configurable": {"session_id": "vcr-invoke"}}
    with REPLAY.use_cassette(str(CASSETTES / "openai_invoke.yaml")) as cassette:
        answer = chat.invoke(QUESTION, config=config)
    assert cassette.play_count == 1
    assert answer.content == ANSWER
    assert answer.usage_metadata["total_tokens"] == 78
    assert answer.response_metadata["model_name"] == "gpt-4o-mini-2024-07-18"
    [body] = sent_bodies
    assert_masked(body, guard)
    assert body["model"] == "gpt-4o-mini"


def test_stream_over_http_with_split_surrogates_and_tool_calls(openai_chat, sent_bodies):
    chat, guard = openai_chat
    config = {"configurable": {"session_id": "vcr-stream"}}
    with REPLAY.use_cassette(str(CASSETTES / "openai_stream.yaml")) as cassette:
        pieces = [c.content for c in chat.stream(QUESTION, config=config)]
        tool_chunks = list(chat.bind_tools([send_mail]).stream(QUESTION, config=config))
    assert cassette.play_count == 2
    assert "".join(pieces) == ANSWER
    assert len([p for p in pieces if p]) >= 4  # streamed, not buffered
    full = tool_chunks[0]
    for chunk in tool_chunks[1:]:
        full = full + chunk
    assert full.tool_calls == [
        {
            "name": "send_mail",
            "id": "call_lc3",
            "type": "tool_call",
            "args": {"to": "jane.doe@acme.com", "greeting": "Dear Jane Doe, see you soon"},
        }
    ]
    assert len(sent_bodies) == 2
    for body in sent_bodies:
        assert body["stream"] is True
        assert_masked(body, guard)
    assert sent_bodies[1]["tools"][0]["function"]["name"] == "send_mail"


def test_astream_over_http(openai_chat, sent_bodies):
    chat, guard = openai_chat

    async def run():
        config = {"configurable": {"session_id": "vcr-astream"}}
        return [c.content async for c in chat.astream(QUESTION, config=config)]

    with REPLAY.use_cassette(str(CASSETTES / "openai_stream.yaml"), allow_playback_repeats=True):
        pieces = asyncio.run(run())
    assert "".join(pieces) == ANSWER
    assert_masked(sent_bodies[0], guard)


def test_unknown_requests_never_reach_the_network(openai_chat):
    chat, _ = openai_chat
    with REPLAY.use_cassette(str(CASSETTES / "openai_invoke.yaml")):
        chat.invoke(QUESTION, config={"configurable": {"session_id": "vcr-once"}})
        with pytest.raises(Exception, match="Can't overwrite existing cassette"):
            chat.invoke(QUESTION, config={"configurable": {"session_id": "vcr-once"}})
