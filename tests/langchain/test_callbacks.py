"""Leak guard (fails closed), audit records, and what tracers see."""

from __future__ import annotations

import asyncio

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models.fake import FakeListLLM
from langchain_core.messages import AIMessage
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.tracers.run_collector import RunCollectorCallbackHandler

from chatveil import guarded
from chatveil.errors import PIILeakError
from chatveil.langchain import (
    MASKED_TAG,
    AuditCallbackHandler,
    LeakGuardCallbackHandler,
)
from lc_fakes import SpyChatModel
from lc_helpers import ORIGINALS, conversation, leaked, session

GREETING = "Hi, I am Jane Doe. Mail me at jane.doe@acme.com or call +1 415-555-0134."


# ---------------------------------------------------------------------- leak guard
def test_leak_guard_blocks_an_unguarded_model_before_it_is_called(spy, guard):
    leak = LeakGuardCallbackHandler(guard)
    with pytest.raises(PIILeakError) as info:
        spy.invoke(conversation(), config={"callbacks": [leak]})
    assert spy.received == []  # the request never left
    assert info.value.counts["EMAIL_ADDRESS"] == 3
    assert info.value.counts["PERSON"] >= 4
    message = str(info.value)
    assert "EMAIL_ADDRESS=3" in message
    assert not [o for o in ORIGINALS if o in message]
    assert (leak.checked, leak.blocked) == (1, 1)


@pytest.mark.parametrize("path", ["invoke", "stream", "ainvoke"])
def test_leak_guard_blocks_every_call_path(spy, guard, path):
    model = spy.with_config(callbacks=[LeakGuardCallbackHandler(guard)])
    calls = {
        "invoke": lambda: model.invoke(GREETING),
        "stream": lambda: list(model.stream(GREETING)),
        "ainvoke": lambda: asyncio.run(model.ainvoke(GREETING)),
    }
    with pytest.raises(PIILeakError):
        calls[path]()
    assert spy.received == []


def test_leak_guard_lets_a_guarded_model_through_and_checks_what_it_sends(chat, spy, guard):
    leak = LeakGuardCallbackHandler(guard)
    out = chat.invoke(conversation(), config={"callbacks": [leak], **session("lg")})
    assert out.content  # the call went through
    assert (leak.checked, leak.blocked) == (1, 0)  # the wrapped model's input was checked
    assert leaked(spy) == []
    "".join(c.content for c in chat.stream(GREETING, config={"callbacks": [leak]}))
    assert leak.checked == 2


def test_leak_guard_attached_to_the_guarded_model_or_a_chain(spy, guard):
    leak = LeakGuardCallbackHandler(guard)
    chat = guarded(spy, guard=guard)
    chat.callbacks = [leak]
    chat.invoke(GREETING, config=session("attached"))
    chain = ChatPromptTemplate.from_messages([("human", "{q}")]) | guarded(spy, guard=guard)
    chain.invoke({"q": GREETING}, config={"callbacks": [leak], **session("attached")})
    assert (leak.checked, leak.blocked) == (2, 0)


def test_leak_guard_catches_a_model_that_skips_the_guard_in_a_chain(spy, guard):
    leak = LeakGuardCallbackHandler(guard)
    chain = ChatPromptTemplate.from_messages([("human", "{q}")]) | spy
    with pytest.raises(PIILeakError):
        chain.invoke({"q": GREETING}, config={"callbacks": [leak]})
    assert spy.received == []


def test_leak_guard_checks_text_llms(guard):
    llm = FakeListLLM(responses=["ok"])
    leak = LeakGuardCallbackHandler(guard)
    with pytest.raises(PIILeakError, match="EMAIL_ADDRESS=1"):
        llm.invoke("Write to jane.doe@acme.com", config={"callbacks": [leak]})
    assert llm.invoke("Write to the team", config={"callbacks": [leak]}) == "ok"


def test_leak_guard_with_a_session_also_knows_its_originals(guard):
    guard.pseudonymize(GREETING, "known")
    leak = LeakGuardCallbackHandler(guard, session_id="known")
    with pytest.raises(PIILeakError) as info:
        leak.check(["Please ask Doe about it."])  # a known name part, recalled by the session
    assert info.value.counts == {"PERSON": 1}
    leak.check([guard.pseudonymize(GREETING, "known")])


def test_leak_guard_allows_placeholders_and_tokens(make_guard):
    for strategy in ("placeholder", "token"):
        guard = make_guard(strategy=strategy)
        leak = LeakGuardCallbackHandler(guard)
        spy = SpyChatModel()
        guarded(spy, guard=guard).invoke(conversation(), config={"callbacks": [leak]})
        assert (leak.checked, leak.blocked) == (1, 0)


def test_leak_guard_accepts_faker_addresses(chat, guard):
    leak = LeakGuardCallbackHandler(guard)
    text = (
        "Dr. Jane Doe's address is 12 Baker Street, London. Her card "
        "4111 1111 1111 1111 and IBAN DE89370400440532013000."
    )
    chat.invoke(text, config={"callbacks": [leak], **session("addr")})


# ---------------------------------------------------------------------- audit
def test_audit_records_counts_by_type_and_guard_time(chat, guard):
    audit = AuditCallbackHandler()
    config = {"callbacks": [audit], **session("audit")}
    chat.invoke(GREETING, config=config)
    "".join(c.content for c in chat.stream(GREETING, config=config))
    first, second = audit.records
    assert first.pseudonymized == {"EMAIL_ADDRESS": 1, "PERSON": 1, "PHONE_NUMBER": 1}
    assert first.restored == {"EMAIL_ADDRESS": 1, "PERSON": 1, "PHONE_NUMBER": 1}
    assert (first.streamed, second.streamed) == (False, True)
    assert second.restored == first.restored
    assert first.unrestored_tokens == 0 and first.error is None
    assert first.per_call_session is False and first.model == "spy-chat"
    assert first.guard_seconds > 0
    totals = audit.totals()
    assert totals["calls"] == 2 and totals["pseudonymized"]["PERSON"] == 2
    text = repr(audit.records) + repr(totals) + repr(audit)
    assert not [o for o in ORIGINALS if o in text]


def test_audit_counts_unrestored_tokens_and_errors(make_guard):
    guard = make_guard(strategy="placeholder")
    audit = AuditCallbackHandler()
    spy = SpyChatModel(reply=lambda m: AIMessage(content=f"{m[-1].text} and <PERSON_9>"))
    chat = guarded(spy, guard=guard)
    out = chat.invoke(GREETING, config={"callbacks": [audit]})
    assert out.content == f"{GREETING} and <PERSON_9>"
    assert audit.records[0].unrestored_tokens == 1
    assert audit.records[0].per_call_session is True

    spy.reply = lambda m: (_ for _ in ()).throw(RuntimeError("provider down"))
    with pytest.raises(RuntimeError):
        chat.invoke(GREETING, config={"callbacks": [audit]})
    assert audit.records[1].error == "RuntimeError"
    assert guard.metrics()["sessions"] == 0  # the per-call vault is gone after the error too


# ---------------------------------------------------------------------- tracing
def test_tracers_see_the_masked_request_nested_under_the_guarded_run(chat, guard):
    tracer = RunCollectorCallbackHandler()
    chat.invoke(GREETING, config={"callbacks": [tracer], **session("trace")})
    [outer] = tracer.traced_runs  # one trace: the guarded run with the inner run inside
    [inner] = outer.child_runs
    assert outer.name == "GuardedChatModel" and inner.name == "SpyChatModel"
    assert inner.parent_run_id == outer.id
    assert MASKED_TAG in inner.tags
    inner_input = str(inner.inputs)
    assert not [o for o in ORIGINALS if o in inner_input]
    assert "Jane Doe" in str(outer.inputs)  # the caller's own view
    assert outer.extra["invocation_params"]["chatveil_guarded"] is True


def test_streaming_handlers_only_see_restored_tokens(chat):
    tokens: list[str] = []

    class Printer(BaseCallbackHandler):
        def on_llm_new_token(self, token, **kwargs):
            tokens.append(token)

    "".join(c.content for c in chat.stream(GREETING, config={"callbacks": [Printer()]}))
    assert "".join(tokens) == GREETING
