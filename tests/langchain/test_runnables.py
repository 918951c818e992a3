"""Composable runnables: prompt | PseudonymizeRunnable | model | RestoreRunnable."""

from __future__ import annotations

import asyncio

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompt_values import ChatPromptValue, StringPromptValue
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate
from langchain_core.runnables import RunnableLambda
from pydantic import BaseModel

from chatveil.errors import ConfigurationError
from chatveil.langchain import (
    PseudonymizeRunnable,
    RestoreRunnable,
    UnsupportedContentError,
)
from lc_fakes import SpyChatModel
from lc_helpers import conversation, leaked, session

GREETING = "Hi, I am Jane Doe. Mail me at jane.doe@acme.com or call +1 415-555-0134."
PROMPT = ChatPromptTemplate.from_messages(
    [("system", "You assist {user}."), ("human", "{question}")]
)
INPUT = {"user": "Jane Doe", "question": GREETING}


def echo_masked(messages):
    return AIMessage(content=messages[-1].text)


@pytest.fixture
def echo_spy():
    return SpyChatModel(reply=echo_masked)


def chain(guard, model, *after):
    steps = PROMPT | PseudonymizeRunnable(guard) | model
    for step in after:
        steps = steps | step
    return steps | RestoreRunnable(guard)


@pytest.mark.parametrize("with_session", [True, False])
def test_invoke_and_stream_with_and_without_a_session(guard, echo_spy, with_session):
    c = chain(guard, echo_spy)
    config = session("chain") if with_session else None
    assert c.invoke(INPUT, config=config).content == GREETING
    chunks = list(c.stream(INPUT, config=config))
    assert len(chunks) > 5
    assert "".join(ch.content for ch in chunks) == GREETING
    assert leaked(echo_spy) == []
    assert guard.has_session("chain") is with_session
    assert guard.metrics()["sessions"] == (1 if with_session else 0)


def test_async_and_batch(guard, echo_spy):
    c = chain(guard, echo_spy, StrOutputParser())

    async def run():
        streamed = "".join([s async for s in c.astream(INPUT)])
        return await c.ainvoke(INPUT), streamed

    invoked, streamed = asyncio.run(run())
    assert invoked == streamed == GREETING
    assert c.batch([INPUT, {"user": "John Smith", "question": "I am John Smith"}]) == [
        GREETING,
        "I am John Smith",
    ]
    assert asyncio.run(c.abatch([INPUT, INPUT])) == [GREETING, GREETING]
    assert guard.metrics()["sessions"] == 0
    assert leaked(echo_spy) == []


def test_string_streams_after_an_output_parser(guard, echo_spy):
    c = chain(guard, echo_spy, StrOutputParser())
    pieces = list(c.stream(INPUT, config=session("str")))
    assert all(isinstance(p, str) for p in pieces) and len(pieces) > 5
    assert "".join(pieces) == GREETING


def test_any_runnable_can_sit_in_the_middle(guard):
    seen = []

    def shout(prompt: ChatPromptValue) -> str:
        seen.append(prompt.to_string())
        return prompt.messages[-1].text.upper()

    c = PROMPT | PseudonymizeRunnable(guard) | RunnableLambda(shout) | RestoreRunnable(guard)
    out = c.invoke(INPUT, config=session("upper"))
    assert out == GREETING.upper()  # JANE DOE restored in upper case
    assert "Jane Doe" not in seen[0] and "jane.doe@acme.com" not in seen[0]


def test_structured_output_in_a_chain_comes_back_restored(guard):
    class Contact(BaseModel):
        name: str
        email: str

    def answer(messages):
        text = messages[-1].text
        import re

        email = re.search(r"\S+@\S+\.\w+", text).group(0)
        name = re.search(r"I am ([A-Z]\w+ [A-Z]\w+)", text).group(1)
        return AIMessage(
            content="",
            tool_calls=[{"name": "Contact", "id": "1", "args": {"name": name, "email": email}}],
        )

    spy = SpyChatModel(reply=answer)
    c = chain(guard, spy.with_structured_output(Contact))
    assert c.invoke(INPUT, config=session("so")) == Contact(
        name="Jane Doe", email="jane.doe@acme.com"
    )
    dict_chain = chain(guard, spy.with_structured_output(Contact.model_json_schema()))
    assert dict_chain.invoke(INPUT) == {"name": "Jane Doe", "email": "jane.doe@acme.com"}
    assert leaked(spy) == []


def test_pseudonymize_accepts_every_prompt_shape(guard):
    step = PseudonymizeRunnable(guard)
    config = session("shapes")
    masked_text = step.invoke(GREETING, config=config)
    assert isinstance(masked_text, str) and "Jane Doe" not in masked_text
    assert step.invoke(StringPromptValue(text=GREETING), config=config).text == masked_text
    assert step.invoke(HumanMessage(GREETING), config=config).content == masked_text
    as_tuples = step.invoke([("human", GREETING)], config=config)
    assert as_tuples[0].content == masked_text
    history = step.invoke(conversation(), config=config)
    assert [m.id for m in history] == [m.id for m in conversation()]
    variables = step.invoke(
        {"question": GREETING, "n": 3, "history": [HumanMessage(GREETING)]}, config=config
    )
    assert variables["question"] == masked_text and variables["n"] == 3
    assert variables["history"][0].content == masked_text


def test_pseudonymize_adds_the_instruction_for_placeholders(make_guard):
    guard = make_guard(strategy="placeholder")
    out = PseudonymizeRunnable(guard).invoke(PROMPT.invoke(INPUT), config=session("inst"))
    assert out.messages[0].content.endswith(guard.instruction)
    text = PseudonymizeRunnable(guard).invoke(
        PromptTemplate.from_template("{q}").invoke({"q": GREETING}), config=session("inst")
    )
    assert text.text.startswith(guard.instruction)
    bare = PseudonymizeRunnable(guard, instruction=False).invoke(
        PROMPT.invoke(INPUT), config=session("inst")
    )
    assert guard.instruction not in bare.messages[0].content


def test_restore_without_any_session_is_a_clear_error(guard):
    with pytest.raises(ConfigurationError, match="no session"):
        RestoreRunnable(guard).invoke("text")
    with pytest.raises(ConfigurationError, match="no session"):
        PseudonymizeRunnable(guard).invoke("Jane Doe")  # alone, nobody could restore it


def test_unsupported_input_is_refused(guard):
    with pytest.raises(UnsupportedContentError):
        PseudonymizeRunnable(guard).invoke(42, config=session("bad"))
    with pytest.raises(UnsupportedContentError):
        PseudonymizeRunnable(guard).invoke([object()], config=session("bad"))
    with pytest.raises(UnsupportedContentError):  # an object in prompt variables: fail closed
        PseudonymizeRunnable(guard).invoke({"q": object()}, config=session("bad"))


def test_restore_handles_plain_values_and_messages(guard):
    masked = guard.pseudonymize(GREETING, "values")
    restore = RestoreRunnable(guard)
    config = session("values")
    assert restore.invoke(masked, config=config) == GREETING
    assert restore.invoke(AIMessage(masked), config=config).content == GREETING
    assert restore.invoke({"a": [masked], "n": 1}, config=config) == {"a": [GREETING], "n": 1}
