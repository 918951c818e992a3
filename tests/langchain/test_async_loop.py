"""Async LangChain paths do the guard's work (NER, vault store calls) off the event loop."""

from __future__ import annotations

import asyncio

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.prompts import ChatPromptTemplate

from chatveil import guarded
from chatveil.langchain import PseudonymizationMiddleware, PseudonymizeRunnable, RestoreRunnable
from lc_fakes import SpyChatModel
from lc_helpers import session
from loop_probe import on_this_loop, probe_guard

GREETING = "Hi, I am Jane Doe. Mail me at jane.doe@acme.com or call +1 415-555-0134."


@pytest.mark.parametrize("path", ["ainvoke", "astream"])
@pytest.mark.parametrize("sid", ["a1", None])  # an explicit session, or a per-call one
def test_guarded_chat_model_async_paths(path: str, sid: str | None) -> None:
    guard, store, detector = probe_guard()
    spy = SpyChatModel()
    chat = guarded(spy, guard=guard)
    config = session(sid) if sid else None

    async def main() -> str:
        on_this_loop(store, detector)
        if path == "ainvoke":
            return (await chat.ainvoke([HumanMessage(GREETING)], config=config)).content
        return "".join([c.content async for c in chat.astream([HumanMessage(GREETING)],
                                                               config=config)])

    assert asyncio.run(main()) == GREETING
    assert "Jane Doe" not in spy.received[0][-1].content
    assert store.probe.calls >= 3 and detector.probe.calls >= 1
    assert store.probe.on_loop == [] and detector.probe.on_loop == []
    if sid is None:
        assert list(store.sessions()) == []  # the per-call session ended


@pytest.mark.parametrize("path", ["ainvoke", "astream"])
def test_async_calls_restore_in_the_calls_context(path: str) -> None:
    """The answer of an async call is restored where the call pseudonymized (the steps share
    one context): no catch-up with the store, the same store calls as a sync call."""
    calls = {}
    for mode in ("sync", path):
        guard, store, _ = probe_guard()
        chat = guarded(SpyChatModel(), guard=guard)
        chat.invoke([HumanMessage(GREETING)], config=session("a1"))  # (the session exists)
        store.probe.names.clear()

        async def main(chat=chat, mode=mode) -> str:
            if mode == "ainvoke":
                return (await chat.ainvoke([HumanMessage(GREETING)],
                                           config=session("a1"))).content
            return "".join([c.content async for c in chat.astream([HumanMessage(GREETING)],
                                                                   config=session("a1"))])

        if mode == "sync":
            answer = chat.invoke([HumanMessage(GREETING)], config=session("a1")).content
        else:
            answer = asyncio.run(main())
        assert answer == GREETING
        calls[mode] = list(store.probe.names)
    assert calls[path] == calls["sync"] == ["entries"]  # the catch-up before masking only


def test_runnables_async_paths() -> None:
    guard, store, detector = probe_guard()
    spy = SpyChatModel(reply=lambda messages: AIMessage(content=messages[-1].text))
    prompt = ChatPromptTemplate.from_messages([("human", "{question}")])
    chain = prompt | PseudonymizeRunnable(guard) | spy | RestoreRunnable(guard)

    async def main() -> tuple[str, str]:
        on_this_loop(store, detector)
        whole = await chain.ainvoke({"question": GREETING}, config=session("r1"))
        pieces = [c.content async for c in chain.astream({"question": GREETING})]
        return whole.content, "".join(pieces)

    assert asyncio.run(main()) == (GREETING, GREETING)
    assert store.probe.calls >= 4
    assert store.probe.on_loop == [] and detector.probe.on_loop == []


def test_middleware_async_path() -> None:
    pytest.importorskip("langchain.agents")
    from langchain.agents.middleware import ModelRequest

    guard, store, detector = probe_guard()
    spy = SpyChatModel()
    middleware = PseudonymizationMiddleware(guard=guard)

    async def handler(request: ModelRequest) -> AIMessage:
        return await request.model.ainvoke(request.messages, config=session("m1"))

    async def main() -> str:
        on_this_loop(store, detector)
        request = ModelRequest(model=spy, messages=[HumanMessage(GREETING)], system_prompt=None,
                               tool_choice=None, tools=[], response_format=None, state={},
                               runtime=None)
        answer = await middleware.awrap_model_call(request, handler)  # type: ignore[arg-type]
        return answer.content  # type: ignore[no-any-return]

    assert asyncio.run(main()) == GREETING
    assert store.probe.calls >= 3
    assert store.probe.on_loop == [] and detector.probe.on_loop == []
