"""Tool definitions over real HTTP: ChatOpenAI replayed from a hand-written cassette.

The cassette answers in OpenAI's wire format with placeholder surrogates: the question's
person and e-mail are ``<PERSON_1>`` and ``<EMAIL_1>``; the tool definitions, masked after
the messages, bring Maria Lopez (``<PERSON_2>``), her e-mail (``<EMAIL_2>``) and John Smith
(``<PERSON_3>``). The recorded request bodies must hold none of the originals.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import vcr
from langchain_core.messages import HumanMessage
from lc_tools import EXPECTED_ARGS, ORIGINALS, RAN, Lookup, lookup

from chatveil import guarded

langchain_openai = pytest.importorskip("langchain_openai")

CASSETTE = str(Path(__file__).parent / "cassettes" / "openai_tools.yaml")
QUESTION = [HumanMessage("Hi, I am Jane Doe (jane.doe@acme.com). Where is my order 7?")]
REPLAY = vcr.VCR(record_mode="none", match_on=["method", "scheme", "host", "port", "path"])
ALL_ORIGINALS = (*ORIGINALS, "Jane Doe", "jane.doe@acme.com")


@pytest.fixture
def sent_bodies():
    return []


@pytest.fixture
def openai_chat(make_guard, sent_bodies):
    """A guarded ChatOpenAI whose HTTP client records every request body it sends."""

    def record(request: httpx.Request) -> None:
        sent_bodies.append(json.loads(request.content))

    llm = langchain_openai.ChatOpenAI(
        model="gpt-4o-mini",
        api_key="sk-test-not-a-real-key",
        base_url="https://api.openai.com/v1",
        max_retries=0,
        http_client=httpx.Client(event_hooks={"request": [record]}),
    )
    return guarded(llm, guard=make_guard(strategy="placeholder"))


@pytest.fixture(autouse=True)
def _clear_runs():
    RAN.clear()


def test_bound_tools_and_json_schema_over_http(openai_chat, sent_bodies):
    config = {"configurable": {"session_id": "vcr-tools"}}
    with REPLAY.use_cassette(CASSETTE) as cassette:
        answer = openai_chat.bind_tools([lookup]).invoke(QUESTION, config=config)
        structured = openai_chat.with_structured_output(Lookup, method="json_schema")
        parsed = structured.invoke(QUESTION, config=config)
    assert cassette.play_count == 2
    tool_body, schema_body = sent_bodies
    for body in sent_bodies:
        text = json.dumps(body, ensure_ascii=False)
        assert [o for o in ALL_ORIGINALS if o in text] == []
        assert body["messages"][-1]["content"] == (
            "Hi, I am <PERSON_1> (<EMAIL_1>). Where is my order 7?"
        )

    [tool_def] = tool_body["tools"]
    assert tool_def["type"] == "function"
    function = tool_def["function"]
    assert function["name"] == "lookup"
    assert function["description"] == "Look up an order placed by <PERSON_2> (<EMAIL_2>)."
    props = function["parameters"]["properties"]
    assert list(props) == ["customer", "reply_to", "order_id"]
    assert props["customer"]["enum"] == ["<PERSON_2>", "<PERSON_3>"]
    assert props["customer"]["description"] == "Whose order to look up, e.g. <PERSON_2>."
    assert props["reply_to"]["default"] == "<EMAIL_2>"
    assert props["order_id"]["type"] == "integer"

    # the model's tool call comes back with originals and the real tool runs on them
    assert answer.tool_calls[0]["args"] == EXPECTED_ARGS
    assert lookup.invoke(answer.tool_calls[0]).content == "order 7 of Maria Lopez"
    assert RAN == [EXPECTED_ARGS]

    response_format = schema_body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "Lookup"
    schema = response_format["json_schema"]["schema"]
    assert schema["properties"]["customer"]["enum"] == ["<PERSON_2>", "<PERSON_3>"]
    assert parsed == Lookup(**EXPECTED_ARGS)
