"""output_pii through guarded(): a fake chat model writes personal data the user never sent."""

from __future__ import annotations

import asyncio

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from chatveil import PIILeakError, guarded
from chatveil.langchain import AuditCallbackHandler
from fakes import fake_guard
from lc_fakes import SpyChatModel
from lc_helpers import session

USER = "Hi, I am Jane Doe. Mail me at jane.doe@acme.com."
#: what the model writes on its own: none of it was sent
INVENTED = ("bob.stone@gmail.com", "555-201-3344", "Peter Novak")


def inventive(messages: list[BaseMessage]) -> AIMessage:
    """Greets the user by (surrogate) name and adds contacts nobody sent it."""
    last = messages[-1].text
    name = last.removeprefix("Hi, I am ").split(".")[0]
    return AIMessage(content=(
        f"Hello {name}. Peter Novak can help: bob.stone@gmail.com or 555-201-3344.\n"
        f"Regards to {name}!"))


def with_tool_call(messages: list[BaseMessage]) -> AIMessage:
    answer = inventive(messages)
    return AIMessage(content=answer.content, tool_calls=[
        {"name": "send", "args": {"to": "bob.stone@gmail.com"}, "id": "c1", "type": "tool_call"}])


EXPECTED = "Hello Jane Doe. <PERSON_1> can help: <EMAIL_1> or <PHONE_1>.\nRegards to Jane Doe!"


def make(mode: str, reply=inventive):
    return guarded(SpyChatModel(reply=reply), guard=fake_guard(output_pii=mode))


def test_mask_invoke_leaves_no_model_written_value() -> None:
    chat = make("mask")
    audit = AuditCallbackHandler()
    out = chat.invoke(USER, config={"callbacks": [audit], **session("u1")})
    assert out.content == EXPECTED
    assert not any(value in out.content for value in INVENTED)
    record = audit.records[0]
    assert record.model_written == {"EMAIL_ADDRESS": 1, "PERSON": 1, "PHONE_NUMBER": 1}
    assert record.restored == {"PERSON": 2}  # the user's name, never counted as written
    assert audit.totals()["model_written"] == record.model_written


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_mask_stream_leaves_no_model_written_value(seed: int) -> None:
    chat = make("mask")
    chat.inner.seed = seed  # chunks of 1-3 characters, cut differently per seed
    audit = AuditCallbackHandler()
    chunks = list(chat.stream(USER, config={"callbacks": [audit], **session("u1")}))
    text = "".join(c.content for c in chunks)
    assert text == EXPECTED
    assert not any(value in c.content for c in chunks for value in INVENTED)
    assert audit.records[0].model_written == {"EMAIL_ADDRESS": 1, "PERSON": 1,
                                              "PHONE_NUMBER": 1}
    assert audit.records[0].streamed is True


def test_mask_async_invoke_and_stream() -> None:
    chat = make("mask")

    async def run() -> tuple[str, str]:
        out = await chat.ainvoke(USER, config=session("u1"))
        streamed = "".join([c.content async for c in chat.astream(USER, config=session("u2"))])
        return out.content, streamed

    assert asyncio.run(run()) == (EXPECTED, EXPECTED)


def test_tool_call_arguments_are_restored_not_screened() -> None:
    chat = make("mask", with_tool_call)
    out = chat.invoke(USER, config=session("u1"))
    assert out.content == EXPECTED
    assert out.tool_calls[0]["args"] == {"to": "bob.stone@gmail.com"}


def test_the_masked_answer_sent_back_keeps_its_stand_ins() -> None:
    chat = make("mask")
    first = chat.invoke(USER, config=session("u1"))
    spy = chat.inner
    chat.invoke([HumanMessage(USER), first, HumanMessage("Who is <PERSON_1>?")],
                config=session("u1"))
    sent = spy.received[-1]
    assert "<PERSON_1>" in sent[1].content and "<EMAIL_1>" in sent[1].content
    assert sent[2].content == "Who is <PERSON_1>?"
    assert not any(value in str(sent) for value in (*INVENTED, "Jane Doe"))


@pytest.mark.parametrize("streamed", [False, True])
def test_raise_refuses_with_types_and_counts_only(streamed: bool) -> None:
    chat = make("raise")
    audit = AuditCallbackHandler()
    config = {"callbacks": [audit], **session("u1")}
    def call() -> object:
        if streamed:
            return "".join(c.content for c in chat.stream(USER, config=config))
        return chat.invoke(USER, config=config)

    with pytest.raises(PIILeakError) as info:
        call()
    assert info.value.counts == ({"EMAIL_ADDRESS": 1, "PERSON": 1, "PHONE_NUMBER": 1})
    assert not any(value in str(info.value) for value in (*INVENTED, "Jane", "jane.doe"))
    assert audit.records[0].error == "PIILeakError"
    assert audit.records[0].model_written == info.value.counts


def test_pass_lets_model_written_values_through() -> None:
    chat = make("pass")
    out = chat.invoke(USER, config=session("u1"))
    assert out.content == ("Hello Jane Doe. Peter Novak can help: bob.stone@gmail.com or "
                           "555-201-3344.\nRegards to Jane Doe!")
