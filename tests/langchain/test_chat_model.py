"""GuardedChatModel: what the wrapped model receives, and what the caller gets back."""

from __future__ import annotations

import asyncio
import re

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    HumanMessage,
    SystemMessage,
)
from langchain_core.runnables import Runnable
from pydantic import BaseModel

from chatveil import guarded
from chatveil.langchain import GuardedChatModel
from lc_fakes import ScriptedReply, SpyChatModel
from lc_helpers import ORIGINALS, conversation, dump, leaked, session

GREETING = "Hi, I am Jane Doe. Mail me at jane.doe@acme.com or call +1 415-555-0134."


def joined(chunks) -> str:
    return "".join(c.content for c in chunks)


# ---------------------------------------------------------------------- input side
def test_no_original_of_a_multi_role_history_reaches_the_model(chat, spy):
    history = conversation()
    chat.invoke(history, config=session("hist"))
    assert leaked(spy) == []
    # a first name alone is also masked (session recall)
    assert "Jane" not in dump(spy.received[0])


def test_ids_names_tool_call_ids_and_media_blocks_are_kept(chat, spy):
    history = conversation()
    chat.invoke(history, config=session("keep"))
    sent = spy.received[0]
    assert [type(m) for m in sent] == [type(m) for m in history]
    assert [m.id for m in sent] == [m.id for m in history]
    assert sent[1].name == "user"
    assert sent[3].tool_call_id == "call_1"
    assert sent[2].tool_calls[0]["id"] == "call_1"
    assert sent[2].tool_calls[0]["name"] == "lookup"
    assert sent[4].content[1] == history[4].content[1]  # the image is untouched
    assert sent[4].content[0]["type"] == "text"
    # the caller's messages are never modified
    assert history[1].content == "Hi, I am Jane Doe. Call me at +1 415-555-0134."


def test_tool_call_arguments_in_history_are_masked_consistently(chat, spy):
    chat.invoke(conversation(), config=session("args"))
    sent = spy.received[0]
    masked_email = sent[2].tool_calls[0]["args"]["email"]
    assert masked_email != "jane.doe@acme.com"
    assert "@" in masked_email
    assert masked_email in sent[0].content  # same original, same surrogate, every role


def test_reasoning_blocks_in_history_are_masked(chat, spy):
    history = [
        HumanMessage("Who is Jane Doe?"),
        AIMessage(
            content=[
                {"type": "reasoning", "reasoning": "Jane Doe wrote from jane.doe@acme.com"},
                {"type": "text", "text": "Jane Doe is a user."},
            ]
        ),
        HumanMessage("Thanks"),
    ]
    chat.invoke(history, config=session("reason-in"))
    assert leaked(spy) == []


# ---------------------------------------------------------------------- output side
@pytest.mark.parametrize("path", ["invoke", "stream", "ainvoke", "astream", "batch", "abatch"])
def test_echo_returns_the_original_text_exactly(chat, spy, path):
    config = session(f"echo-{path}")
    messages = [HumanMessage(GREETING)]
    if path == "invoke":
        out = chat.invoke(messages, config=config).content
    elif path == "stream":
        out = joined(chat.stream(messages, config=config))
    elif path == "ainvoke":
        out = asyncio.run(chat.ainvoke(messages, config=config)).content
    elif path == "astream":

        async def collect():
            return [c async for c in chat.astream(messages, config=config)]

        out = joined(asyncio.run(collect()))
    elif path == "batch":
        out = chat.batch([messages, messages], config=config)[1].content
    else:
        out = asyncio.run(chat.abatch([messages, messages], config=config))[1].content
    assert out == GREETING
    assert leaked(spy) == []
    assert spy.received[-1][-1].content != GREETING


def test_stream_is_incremental(guard):
    """Restored chunks come out while the model is still producing (nothing is buffered)."""
    produced: list[str] = []

    class Counting(SpyChatModel):
        def _stream(self, messages, stop=None, run_manager=None, **kwargs):
            for chunk in super()._stream(messages, stop, run_manager, **kwargs):
                produced.append(chunk.message.content)
                yield chunk

    chat = guarded(Counting(), guard=guard)
    seen_when_received = []
    out = []
    for chunk in chat.stream([HumanMessage(GREETING)], config=session("inc")):
        if chunk.content:
            seen_when_received.append(len(produced))
        out.append(chunk.content)
    assert "".join(out) == GREETING
    total = len(produced)
    assert total > 10
    assert seen_when_received[0] < total / 2  # the first text left long before the end
    assert len(seen_when_received) > total / 3


def test_astream_events_only_carry_restored_text(chat, spy):
    async def collect():
        return [
            e
            async for e in chat.astream_events(
                [HumanMessage(GREETING)], config=session("events"), version="v2"
            )
        ]

    events = asyncio.run(collect())
    streamed = [e["data"]["chunk"].content for e in events if e["event"] == "on_chat_model_stream"]
    assert "".join(streamed) == GREETING
    masked = spy.received[0][-1].content
    surrogate_email = re.search(r"\S+@\S+\.\w+", masked).group(0)
    assert surrogate_email not in str(events)  # the inner (masked) run is not in the stream
    ends = [e for e in events if e["event"] == "on_chat_model_end"]
    assert [e["data"]["output"].content for e in ends] == [GREETING]


def test_tool_call_arguments_are_restored_for_invoke_and_stream(guard):
    def call_send_mail(messages):
        masked = messages[-1].text
        email = re.search(r"\S+@\S+\.\w+", masked).group(0)
        name = re.search(r"I am ([A-Z]\w+ [A-Z]\w+)", masked).group(1)
        return AIMessage(
            content="",
            tool_calls=[
                {"name": "send_mail", "args": {"to": email, "greeting": f"Dear {name}"}, "id": "c1"}
            ],
        )

    spy = SpyChatModel(reply=call_send_mail)
    chat = guarded(spy, guard=guard)
    messages = [HumanMessage(GREETING)]
    expected = {"to": "jane.doe@acme.com", "greeting": "Dear Jane Doe"}

    out = chat.invoke(messages, config=session("tools"))
    assert out.tool_calls[0]["args"] == expected

    chunks = list(chat.stream(messages, config=session("tools")))
    assert any(c.tool_call_chunks for c in chunks)
    full = chunks[0]
    for c in chunks[1:]:
        full = full + c
    assert full.tool_calls == [
        {"name": "send_mail", "args": expected, "id": "c1", "type": "tool_call"}
    ]
    assert full.invalid_tool_calls == []
    assert "jane.doe@acme.com" not in dump(spy.received[-1])


def test_invalid_tool_calls_and_raw_provider_arguments_are_restored(guard):
    def answer(messages):
        email = re.search(r"\S+@\S+\.\w+", messages[-1].text).group(0)
        return AIMessage(
            content="",
            invalid_tool_calls=[
                {
                    "name": "x",
                    "args": f'{{"to": "{email}"',
                    "id": "c9",
                    "error": "bad json",
                    "type": "invalid_tool_call",
                }
            ],
            additional_kwargs={"function_call": {"name": "x", "arguments": f'{{"to": "{email}"}}'}},
        )

    chat = guarded(SpyChatModel(reply=answer), guard=guard)
    out = chat.invoke([HumanMessage(GREETING)], config=session("invalid"))
    assert out.invalid_tool_calls[0]["args"] == '{"to": "jane.doe@acme.com"'
    assert out.additional_kwargs["function_call"]["arguments"] == '{"to": "jane.doe@acme.com"}'


def test_content_and_reasoning_blocks_are_restored_while_streaming(guard):
    def answer(messages):
        masked = messages[-1].text
        return AIMessage(
            content=[
                {"type": "reasoning", "reasoning": f"The user said: {masked}"},
                {"type": "text", "text": masked},
            ]
        )

    chat = guarded(SpyChatModel(reply=answer), guard=guard)
    messages = [HumanMessage(GREETING)]
    out = chat.invoke(messages, config=session("blocks"))
    assert out.content == [
        {"type": "reasoning", "reasoning": f"The user said: {GREETING}"},
        {"type": "text", "text": GREETING},
    ]
    full = None
    for chunk in chat.stream(messages, config=session("blocks")):
        full = chunk if full is None else full + chunk
    texts = {b["type"]: b.get("reasoning") or b.get("text") for b in full.content}
    assert texts == {"reasoning": f"The user said: {GREETING}", "text": GREETING}


def test_stop_kwargs_and_bound_tools_pass_through(chat, spy):
    chat.invoke([HumanMessage("hello")], config=session("kw"), stop=["END"], seed=7)
    assert spy.kwargs_seen[-1] == {"seed": 7}  # stop goes through BaseChatModel's own parameter

    class Lookup(BaseModel):
        """Look a person up."""

        email: str

    bound = chat.bind_tools([Lookup], tool_choice="any")
    bound.invoke([HumanMessage("hello")], config=session("kw"))
    assert spy.kwargs_seen[-1]["tool_choice"] == "any"
    assert spy.kwargs_seen[-1]["tools"][0]["function"]["name"] == "Lookup"


def test_stop_reaches_the_wrapped_model(guard):
    seen = []

    class StopSpy(SpyChatModel):
        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            seen.append(stop)
            return super()._generate(messages, stop, run_manager, **kwargs)

    guarded(StopSpy(), guard=guard).invoke("hi", config=session("stop"), stop=["END"])
    assert seen == [["END"]]


def test_with_structured_output_returns_restored_pydantic_and_dicts(guard):
    class Contact(BaseModel):
        name: str
        email: str

    def answer(messages):
        masked = messages[-1].text
        email = re.search(r"\S+@\S+\.\w+", masked).group(0)
        name = re.search(r"I am ([A-Z]\w+ [A-Z]\w+)", masked).group(1)
        return AIMessage(
            content="",
            tool_calls=[{"name": "Contact", "args": {"name": name, "email": email}, "id": "s1"}],
        )

    spy = SpyChatModel(reply=answer)
    chat = guarded(spy, guard=guard)
    result = chat.with_structured_output(Contact).invoke(GREETING, config=session("so"))
    assert result == Contact(name="Jane Doe", email="jane.doe@acme.com")
    as_dict = chat.with_structured_output(Contact.model_json_schema()).invoke(
        GREETING, config=session("so")
    )
    assert as_dict == {"name": "Jane Doe", "email": "jane.doe@acme.com"}
    raw = chat.with_structured_output(Contact, include_raw=True).invoke(
        GREETING, config=session("so")
    )
    assert raw["parsed"] == Contact(name="Jane Doe", email="jane.doe@acme.com")
    assert raw["raw"].tool_calls[0]["args"]["email"] == "jane.doe@acme.com"
    assert leaked(spy) == []


def test_placeholder_strategy_adds_the_keep_verbatim_instruction(make_guard):
    guard = make_guard(strategy="placeholder")
    spy = SpyChatModel(reply=lambda m: AIMessage(content=m[-1].text))
    chat = guarded(spy, guard=guard)
    out = chat.invoke([SystemMessage("Be brief."), HumanMessage(GREETING)], config=session("ph"))
    assert out.content == GREETING
    sent = spy.received[0]
    assert sent[0].content == f"Be brief.\n\n{guard.instruction}"
    assert "<PERSON_1>" in sent[1].content and "<EMAIL" in sent[1].content
    # without a system message one is added; it is not repeated on re-sent histories
    chat.invoke([HumanMessage(GREETING)], config=session("ph"))
    assert spy.received[1][0] == SystemMessage(guard.instruction)
    assert [type(m).__name__ for m in spy.received[1]] == ["SystemMessage", "HumanMessage"]


def test_faker_strategy_adds_no_instruction(chat, spy):
    chat.invoke([HumanMessage(GREETING)], config=session("noinst"))
    assert [type(m).__name__ for m in spy.received[0]] == ["HumanMessage"]


def test_instruction_can_be_switched_off(make_guard):
    spy = SpyChatModel()
    guarded(spy, guard=make_guard(strategy="token", instruction=False)).invoke(
        GREETING, config=session("off")
    )
    assert [type(m).__name__ for m in spy.received[0]] == ["HumanMessage"]
    assert "[PII_EMAIL_" in spy.received[0][0].content


# ---------------------------------------------------------------------- identity and plumbing
def test_identity_for_tracing(chat, spy):
    """The wrapped model's identity reaches tracers through LangChain's own calls to the
    hooks it documents for subclasses (so a renamed hook fails here, not silently)."""
    seen: list[dict] = []

    class Metadata(BaseCallbackHandler):
        def on_chat_model_start(self, serialized, messages, *, metadata=None, **kwargs):
            seen.append(dict(metadata or {}))

    chat.invoke(GREETING, config={**session("ids"), "callbacks": [Metadata()]}, stop=["x"])
    outer = seen[0]
    assert outer["ls_model_name"] == "spy-1" and outer["ls_model_type"] == "chat"
    assert outer["ls_provider"] == "spychatmodel" and outer["ls_stop"] == ["x"]
    seen.clear()
    chat.invoke(GREETING, config={**session("ids"), "callbacks": [Metadata()]}, model="other")
    assert seen[0]["ls_model_name"] == "other"
    assert chat.model_name == "spy-1"
    # the profile comes from the _resolve_model_profile hook
    profiled = SpyChatModel(profile={"max_input_tokens": 1234})
    assert guarded(profiled, guard=chat.guard).profile == {"max_input_tokens": 1234}


def test_session_fields_show_in_the_config_schema(chat):
    schema = chat.config_schema().model_json_schema()
    fields = schema["$defs"]["Configurable"]["properties"]
    assert {"session_id", "thread_id"} <= set(fields)
    bound_schema = chat.bind(seed=1).config_schema().model_json_schema()
    assert "session_id" in bound_schema["$defs"]["Configurable"]["properties"]


def test_guarded_accepts_only_chat_models_and_does_not_double_wrap(spy, guard):
    chat = guarded(spy, guard=guard)
    assert isinstance(chat, GuardedChatModel)
    assert GuardedChatModel.wrap(chat, guard=guard) is chat
    with pytest.raises(TypeError):
        guarded(object())
    assert isinstance(chat.bind_tools([]), Runnable)
    built = guarded(SpyChatModel(), strategy="placeholder")  # a new guard from options
    assert built.guard.config.strategy == "placeholder"


def test_reprs_never_show_originals(chat, spy):
    chat.invoke([HumanMessage(GREETING)], config=session("repr"))
    for text in (repr(chat), str(chat)):
        assert not [o for o in ORIGINALS if o in text]


def test_the_caller_gets_an_ai_message_with_usage_and_ids(guard):
    answer = AIMessage(
        content="ok",
        id="resp-1",
        usage_metadata={"input_tokens": 3, "output_tokens": 1, "total_tokens": 4},
    )
    chat = guarded(SpyChatModel(reply=lambda m: answer), guard=guard)
    out = chat.invoke("hi", config=session("usage"))
    assert out.id == "resp-1"
    assert out.usage_metadata["total_tokens"] == 4
    chunks = list(chat.stream("hi", config=session("usage")))
    assert isinstance(chunks[0], AIMessageChunk)
    assert chunks[-1].chunk_position == "last"


def test_scripted_multi_turn_history_is_consistent(guard):
    spy = SpyChatModel(reply=ScriptedReply([lambda m: AIMessage(content=m[0].text)]))
    chat = guarded(spy, guard=guard)
    history = [HumanMessage(GREETING)]
    for turn in range(3):
        answer = chat.invoke(history, config=session("turns"))
        assert answer.content == GREETING
        history += [answer, HumanMessage(f"Turn {turn}: still Jane Doe")]
    # the same original got the same surrogate in every turn the model saw
    first = spy.received[0][0].content
    assert all(batch[0].content == first for batch in spy.received)
    assert all(batch[1].content == first for batch in spy.received[1:])


def test_a_resent_history_changed_in_place_is_never_sent_stale(chat, spy):
    history = [HumanMessage(GREETING)]
    config = session("resend")
    chat.invoke(history, config=config)
    chat.invoke(history, config=config)
    assert spy.received[0][0].content == spy.received[1][0].content
    history[0].id = "assigned-later"  # e.g. LangGraph's add_messages assigns ids in place
    chat.invoke(history, config=config)
    assert spy.received[2][0].id == "assigned-later"
    history[0].content = "Now I am John Smith."
    out = chat.invoke(history, config=config)
    assert out.content == "Now I am John Smith."
    assert "John Smith" not in spy.received[3][0].content


def test_str_subclasses_such_as_message_text_are_accepted(chat, spy):
    text = HumanMessage(GREETING).text  # langchain-core's TextAccessor, a str subclass
    step_out = chat.invoke([HumanMessage(GREETING)], config=session("sub"))
    from chatveil.langchain import PseudonymizeRunnable

    masked = PseudonymizeRunnable(chat.guard).invoke({"q": text}, config=session("sub"))
    assert masked["q"] == spy.received[0][0].content
    assert step_out.content == GREETING


def test_streaming_a_model_that_cannot_stream(guard):
    from langchain_core.language_models import BaseChatModel
    from langchain_core.outputs import ChatGeneration, ChatResult

    class NoStream(BaseChatModel):
        @property
        def _llm_type(self) -> str:
            return "no-stream"

        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            call = {"name": "echo", "args": {"text": messages[-1].text}, "id": "n1"}
            message = AIMessage(content=messages[-1].text, tool_calls=[call])
            return ChatResult(generations=[ChatGeneration(message=message)])

    chat = guarded(NoStream(), guard=guard)
    chunks = list(chat.stream(GREETING, config=session("nostream")))
    full = chunks[0]
    for c in chunks[1:]:
        full = full + c
    assert full.content == GREETING
    assert full.tool_calls[0]["args"] == {"text": GREETING}
