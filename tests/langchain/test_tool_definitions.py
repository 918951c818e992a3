"""Tool definitions and output schemas reach the model pseudonymized, in the call's session.

The spy model records the call keyword arguments it receives (``kwargs_seen``): the tool
definitions ``bind_tools`` formatted, or a ``response_format``. Replies read the masked
definitions from there, so a model that picks an enum member picks a surrogate.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.output_parsers import JsonOutputParser
from langchain_core.utils.function_calling import convert_to_openai_tool
from lc_tools import EXPECTED_ARGS, HELLO, ORIGINALS, RAN, Lookup, lookup
from pydantic import BaseModel

from chatveil import guarded
from chatveil._schema import map_schema
from chatveil.errors import PIILeakError
from chatveil.langchain import (
    AuditCallbackHandler,
    LeakGuardCallbackHandler,
    UnsupportedContentError,
)
from lc_fakes import SpyChatModel
from lc_helpers import session

#: A JSON-schema tool with a free-text title and a ``const``.
NOTIFY = {
    "type": "function",
    "function": {
        "name": "notify",
        "description": "Notify John Smith when an order ships.",
        "parameters": {
            "type": "object",
            "title": "Notification for John Smith",
            "properties": {
                "channel": {"type": "string", "const": "maria.lopez@example.org"},
                "note": {"type": "string", "$comment": "written by Maria Lopez"},
            },
            "required": ["channel"],
        },
    },
}


def sent_text(spy: SpyChatModel, key: str = "tools") -> str:
    return json.dumps([kw.get(key) for kw in spy.kwargs_seen], default=str, ensure_ascii=False)


def leaked(text: str) -> list[str]:
    return [o for o in ORIGINALS if o in text]


def skeleton(value: Any) -> Any:
    """The definition with every human-written string blanked: what must not change."""
    return map_schema(value, lambda _text: "*")


def lookup_schema(kwargs: dict[str, Any]) -> dict[str, Any]:
    tool_def = next(t for t in kwargs["tools"] if t.get("function", {}).get("name") == "lookup")
    return tool_def["function"]["parameters"]


def pick_first_member(spy_ref: list[SpyChatModel]):
    """A reply that calls `lookup` with the first enum member and the default it was shown."""

    def reply(messages):
        props = lookup_schema(spy_ref[0].kwargs_seen[-1])["properties"]
        args = {
            "customer": props["customer"]["enum"][0],
            "reply_to": props["reply_to"]["default"],
            "order_id": 7,
        }
        return AIMessage(content="", tool_calls=[{"name": "lookup", "args": args, "id": "c1"}])

    return reply


def picking_spy() -> SpyChatModel:
    ref: list[SpyChatModel] = []
    spy = SpyChatModel(reply=pick_first_member(ref))
    ref.append(spy)
    return spy


@pytest.fixture(autouse=True)
def _clear_runs():
    RAN.clear()


# ---------------------------------------------------------------------- what the model sees
def test_bound_tools_reach_the_model_with_no_original(guard):
    spy = SpyChatModel()
    chat = guarded(spy, guard=guard)
    builtin = {"type": "web_search_preview"}
    bound = chat.bind_tools([lookup, Lookup, NOTIFY, builtin], tool_choice="lookup")
    config = session("defs")
    bound.invoke([HumanMessage(HELLO)], config=config)
    list(bound.stream([HumanMessage(HELLO)], config=config))

    async def run() -> None:
        await bound.ainvoke([HumanMessage(HELLO)], config=config)
        [c async for c in bound.astream([HumanMessage(HELLO)], config=config)]

    asyncio.run(run())
    assert len(spy.kwargs_seen) == 4
    assert leaked(sent_text(spy)) == []
    # only the human-written strings changed: names, property names, types, required stay
    originals = [convert_to_openai_tool(t) for t in (lookup, Lookup, NOTIFY, builtin)]
    for kwargs in spy.kwargs_seen:
        assert skeleton(kwargs["tools"]) == skeleton(originals)
        assert kwargs["tool_choice"] == "lookup"
        assert kwargs["tools"][3] == builtin
    sent = spy.kwargs_seen[0]["tools"]
    assert sent[1]["function"]["parameters"]["properties"]["reply_to"]["examples"] != [
        "maria.lopez@example.org"
    ]
    assert sent[0]["function"]["parameters"]["required"] == ["customer", "order_id"]
    assert sent[2]["function"]["parameters"]["properties"]["channel"]["const"] != (
        "maria.lopez@example.org"
    )


def test_the_model_picks_a_surrogate_member_and_the_tool_runs_on_originals(guard):
    spy = picking_spy()
    bound = guarded(spy, guard=guard).bind_tools([lookup])
    out = bound.invoke([HumanMessage(HELLO)], config=session("enum"))
    sent_member = lookup_schema(spy.kwargs_seen[-1])["properties"]["customer"]["enum"][0]
    assert sent_member != "Maria Lopez"
    assert out.tool_calls[0]["args"] == EXPECTED_ARGS
    assert lookup.invoke(out.tool_calls[0]).content == "order 7 of Maria Lopez"  # validates
    assert RAN == [EXPECTED_ARGS]

    full = None
    for chunk in bound.stream([HumanMessage(HELLO)], config=session("enum")):
        full = chunk if full is None else full + chunk
    assert full.tool_calls[0]["args"] == EXPECTED_ARGS
    assert leaked(sent_text(spy)) == []


def test_definitions_are_masked_in_the_session_of_each_call(make_guard):
    guard = make_guard()
    spy = SpyChatModel()
    bound = guarded(spy, guard=guard).bind_tools([Lookup])  # bound once, used by two users
    for sid in ("user-a", "user-b"):
        bound.invoke([HumanMessage("I am Maria Lopez.")], config=session(sid))
    (a_kwargs, b_kwargs), (a_msgs, b_msgs) = spy.kwargs_seen, spy.received
    for sid, kwargs, messages in (("user-a", a_kwargs, a_msgs), ("user-b", b_kwargs, b_msgs)):
        member = lookup_schema_of(kwargs)["properties"]["customer"]["enum"][0]
        # the surrogate of the definitions is the one the same call's messages use
        assert messages[-1].content == f"I am {member}."
        assert guard.restore(member, sid) == "Maria Lopez"
    assert leaked(sent_text(spy)) == []


def lookup_schema_of(kwargs: dict[str, Any]) -> dict[str, Any]:
    return kwargs["tools"][0]["function"]["parameters"]


def test_placeholder_numbering_follows_the_session(make_guard):
    guard = make_guard(strategy="placeholder")
    spy = SpyChatModel()
    bound = guarded(spy, guard=guard).bind_tools([Lookup])
    bound.invoke([HumanMessage("I am John Smith.")], config=session("ph"))
    enum = lookup_schema_of(spy.kwargs_seen[0])["properties"]["customer"]["enum"]
    assert enum == ["<PERSON_2>", "<PERSON_1>"]  # John Smith came first, in the message


def test_calls_without_a_session_mask_and_forget(guard):
    spy = picking_spy()
    out = guarded(spy, guard=guard).bind_tools([lookup]).invoke([HumanMessage(HELLO)])
    assert out.tool_calls[0]["args"] == EXPECTED_ARGS
    assert leaked(sent_text(spy)) == []
    assert guard.metrics()["sessions"] == 0


def test_definitions_are_not_detected_again_each_turn(guard):
    spy = SpyChatModel()
    bound = guarded(spy, guard=guard).bind_tools([lookup, NOTIFY])
    bound.invoke([HumanMessage(HELLO)], config=session("turns"))
    misses = guard.metrics()["cache_misses"]
    bound.invoke([HumanMessage(HELLO)], config=session("turns"))  # next turn: session memo
    bound.invoke([HumanMessage(HELLO)], config=session("other"))  # other user: detection cache
    assert guard.metrics()["cache_misses"] == misses
    assert leaked(sent_text(spy)) == []


def test_audit_counts_include_the_definitions(guard):
    audit = AuditCallbackHandler()
    bound = guarded(SpyChatModel(), guard=guard).bind_tools([Lookup])
    bound.invoke([HumanMessage(HELLO)], config={**session("audit"), "callbacks": [audit]})
    [record] = audit.records
    assert record.pseudonymized.get("PERSON", 0) >= 2
    assert record.pseudonymized.get("EMAIL_ADDRESS", 0) >= 1


# ---------------------------------------------------------------------- structured output
def test_structured_output_by_tool_calling(guard):
    ref: list[SpyChatModel] = []

    def reply(messages):
        params = ref[0].kwargs_seen[-1]["tools"][0]["function"]["parameters"]
        args = {
            "customer": params["properties"]["customer"]["enum"][0],
            "reply_to": params["properties"]["reply_to"]["default"],
            "order_id": 7,
        }
        return AIMessage(content="", tool_calls=[{"name": "Lookup", "args": args, "id": "s1"}])

    spy = SpyChatModel(reply=reply)
    ref.append(spy)
    chat = guarded(spy, guard=guard)
    assert chat.with_structured_output(Lookup).invoke(HELLO, config=session("so")) == Lookup(
        **EXPECTED_ARGS
    )
    raw = chat.with_structured_output(Lookup, include_raw=True).invoke(HELLO, config=session("so"))
    assert raw["parsed"] == Lookup(**EXPECTED_ARGS)
    as_dict = chat.with_structured_output(Lookup.model_json_schema()).invoke(
        HELLO, config=session("so")
    )
    assert as_dict == EXPECTED_ARGS
    assert leaked(sent_text(spy)) == []


class JsonSchemaSpy(SpyChatModel):
    """A spy whose structured output sends a ``response_format`` (as OpenAI's does)."""

    def with_structured_output(self, schema, *, include_raw=False, method=None, **kwargs):
        if method == "json_mode":
            return self.bind(response_format={"type": "json_object"}) | JsonOutputParser()
        if method != "json_schema":
            return super().with_structured_output(schema, include_raw=include_raw)
        assert isinstance(schema, dict), "the guarded model sends a JSON schema"
        response_format = {
            "type": "json_schema",
            "json_schema": {
                "name": schema["title"],
                "description": schema.get("description", ""),
                "schema": schema,
            },
        }
        return self.bind(response_format=response_format) | JsonOutputParser()


def json_answer(ref: list[SpyChatModel]):
    def reply(messages):
        kwargs = ref[0].kwargs_seen[-1]
        fmt = kwargs["response_format"]
        if fmt["type"] == "json_object":
            return AIMessage(content=json.dumps({"customer": "Maria Lopez", "order_id": 1}))
        props = fmt["json_schema"]["schema"]["properties"]
        answer = {
            "customer": props["customer"]["enum"][0],
            "reply_to": props["reply_to"]["default"],
            "order_id": 7,
        }
        return AIMessage(content=json.dumps(answer))

    return reply


def test_structured_output_by_json_schema(guard):
    ref: list[SpyChatModel] = []
    spy = JsonSchemaSpy(reply=json_answer(ref))
    ref.append(spy)
    chat = guarded(spy, guard=guard)
    structured = chat.with_structured_output(Lookup, method="json_schema")
    assert structured.invoke(HELLO, config=session("js")) == Lookup(**EXPECTED_ARGS)
    sent = spy.kwargs_seen[-1]["response_format"]
    assert skeleton(sent) == skeleton(
        {
            "type": "json_schema",
            "json_schema": {
                "name": "Lookup",
                "description": Lookup.__doc__,
                "schema": Lookup.model_json_schema(),
            },
        }
    )
    assert structured.invoke(HELLO) == Lookup(**EXPECTED_ARGS)  # per-call session too
    raw = chat.with_structured_output(Lookup, method="json_schema", include_raw=True).invoke(
        HELLO, config=session("js")
    )
    assert raw["parsed"] == Lookup(**EXPECTED_ARGS) and raw["parsing_error"] is None
    as_dict = chat.with_structured_output(Lookup.model_json_schema(), method="json_schema")
    assert as_dict.invoke(HELLO, config=session("js")) == EXPECTED_ARGS
    assert leaked(sent_text(spy, "response_format")) == []
    assert leaked(json.dumps([m[-1].content for m in spy.received])) == []


def test_structured_output_by_json_mode_sends_no_schema(guard):
    ref: list[SpyChatModel] = []
    spy = JsonSchemaSpy(reply=json_answer(ref))
    ref.append(spy)
    out = (
        guarded(spy, guard=guard)
        .with_structured_output(Lookup, method="json_mode")
        .invoke(HELLO, config=session("jm"))
    )
    assert out == {"customer": "Maria Lopez", "order_id": 1}
    assert spy.kwargs_seen[-1]["response_format"] == {"type": "json_object"}


# ---------------------------------------------------------------------- other ways in
class ToolSpec(BaseModel):
    """A provider's own tool object (not plain JSON)."""

    name: str
    description: str
    parameters: dict[str, Any]


class ObjectToolsSpy(SpyChatModel):
    """A spy whose ``bind_tools`` formats tools into objects, as some providers do."""

    def bind_tools(self, tools, *, tool_choice=None, **kwargs):
        specs = []
        for t in tools:
            function = convert_to_openai_tool(t)["function"]
            specs.append(ToolSpec(**function))
        return self.bind(tools=specs, **kwargs)


def test_tools_formatted_into_objects_are_rebound_masked_per_call(guard):
    ref: list[SpyChatModel] = []

    def reply(messages):
        params = ref[0].kwargs_seen[-1]["tools"][0].parameters
        args = {
            "customer": params["properties"]["customer"]["enum"][0],
            "reply_to": params["properties"]["reply_to"]["default"],
            "order_id": 7,
        }
        return AIMessage(content="", tool_calls=[{"name": "lookup", "args": args, "id": "c1"}])

    spy = ObjectToolsSpy(reply=reply)
    ref.append(spy)
    bound = guarded(spy, guard=guard).bind_tools([lookup])
    out = bound.invoke([HumanMessage(HELLO)], config=session("objects"))
    [spec] = spy.kwargs_seen[-1]["tools"]
    assert isinstance(spec, ToolSpec) and spec.name == "lookup"
    assert leaked(spec.model_dump_json()) == []
    assert out.tool_calls[0]["args"] == EXPECTED_ARGS


def test_definitions_in_call_kwargs_are_masked_too(guard):
    spy = SpyChatModel()
    chat = guarded(spy, guard=guard)
    chat.bind(tools=[NOTIFY]).invoke([HumanMessage(HELLO)], config=session("kw"))
    chat.invoke([HumanMessage(HELLO)], config=session("kw"), tools=[NOTIFY])
    agent_format = {
        "type": "json_schema",
        "json_schema": {"name": "Lookup", "schema": Lookup.model_json_schema()},
    }
    chat.bind(response_format=agent_format).invoke([HumanMessage(HELLO)], config=session("kw"))
    assert leaked(sent_text(spy) + sent_text(spy, "response_format")) == []
    assert spy.kwargs_seen[0]["tools"][0]["function"]["name"] == "notify"


def test_a_class_that_cannot_be_rewritten_is_refused(guard):
    class Plain(BaseModel):
        """An order."""

        order_id: int

    spy = SpyChatModel()
    chat = guarded(spy, guard=guard)
    chat.bind(response_format=Plain).invoke([HumanMessage(HELLO)], config=session("cls"))
    assert spy.kwargs_seen[-1]["response_format"] is Plain  # nothing personal: sent as it is
    with pytest.raises(UnsupportedContentError) as info:
        chat.bind(response_format=Lookup).invoke([HumanMessage(HELLO)], config=session("cls"))
    assert len(spy.kwargs_seen) == 1  # refused before the model was called
    assert leaked(str(info.value)) == []


def test_leak_guard_checks_tool_definitions(guard):
    leak_guard = LeakGuardCallbackHandler(guard)
    spy = SpyChatModel()
    with pytest.raises(PIILeakError):
        spy.bind_tools([lookup]).invoke([HumanMessage(HELLO)], config={"callbacks": [leak_guard]})
    assert spy.kwargs_seen == []
    chat = guarded(spy, guard=guard).bind_tools([lookup])
    chat.invoke([HumanMessage(HELLO)], config={**session("lg"), "callbacks": [leak_guard]})
    assert leak_guard.checked == 2 and leak_guard.blocked == 1
    assert leaked(sent_text(spy)) == []


def test_agent_tools_reach_the_model_masked(guard):
    langchain_agents = pytest.importorskip("langchain.agents")
    from chatveil.langchain import PseudonymizationMiddleware

    ref: list[SpyChatModel] = []

    def reply(messages):
        if messages[-1].type == "tool":
            return AIMessage(content=f"Done: {messages[-1].text}")
        return pick_first_member(ref)(messages)

    spy = SpyChatModel(reply=reply)
    ref.append(spy)
    agent = langchain_agents.create_agent(
        spy, tools=[lookup], middleware=[PseudonymizationMiddleware(guard=guard)]
    )
    state = agent.invoke({"messages": [HumanMessage(HELLO)]})
    assert RAN == [EXPECTED_ARGS]
    assert state["messages"][-1].content == "Done: order 7 of Maria Lopez"
    assert len(spy.kwargs_seen) == 2
    assert leaked(sent_text(spy)) == []
    assert leaked(json.dumps([m.text for batch in spy.received for m in batch])) == []


def test_agent_provider_strategy_response_format_is_masked(guard):
    langchain_agents = pytest.importorskip("langchain.agents")
    from langchain.agents.structured_output import ProviderStrategy

    from chatveil.langchain import PseudonymizationMiddleware

    ref: list[SpyChatModel] = []
    spy = JsonSchemaSpy(reply=json_answer(ref))
    ref.append(spy)
    agent = langchain_agents.create_agent(
        spy,
        tools=[],
        response_format=ProviderStrategy(Lookup),
        middleware=[PseudonymizationMiddleware(guard=guard)],
    )
    state = agent.invoke({"messages": [HumanMessage(HELLO)]})
    assert state["structured_response"] == Lookup(**EXPECTED_ARGS)
    assert leaked(sent_text(spy, "response_format")) == []
    sent = spy.kwargs_seen[-1]["response_format"]["json_schema"]["schema"]
    assert sent["properties"]["customer"]["enum"][0] != "Maria Lopez"


# ---------------------------------------------------------------------- the schema walk
def test_schema_walk_maps_only_human_written_text():
    schema = {
        "title": "Order",  # one identifier: kept
        "description": "Orders of Maria Lopez",
        "type": "object",
        "properties": {
            # properties named like keywords are names, and their schemas are walked
            "description": {"type": "string", "title": "Description", "pattern": "^M.*$"},
            "enum": {"enum": ["Maria Lopez", "maria lopez", 3], "title": "Member of Maria"},
            "reply_to": {"title": "Reply To", "format": "email", "$ref": "#/$defs/Who"},
            "items": {"type": "array", "items": {"examples": [{"name": "Maria Lopez"}]}},
        },
        "required": ["description", "enum"],
        "$defs": {"Who": {"anyOf": [{"const": "Maria Lopez"}, {"type": "null"}]}},
    }
    mapped = map_schema(schema, str.upper)
    assert mapped == {
        "title": "Order",
        "description": "ORDERS OF MARIA LOPEZ",
        "type": "object",
        "properties": {
            "description": {"type": "string", "title": "Description", "pattern": "^M.*$"},
            "enum": {"enum": ["MARIA LOPEZ", 3], "title": "MEMBER OF MARIA"},
            "reply_to": {"title": "Reply To", "format": "email", "$ref": "#/$defs/Who"},
            "items": {"type": "array", "items": {"examples": [{"name": "MARIA LOPEZ"}]}},
        },
        "required": ["description", "enum"],
        "$defs": {"Who": {"anyOf": [{"const": "MARIA LOPEZ"}, {"type": "null"}]}},
    }
