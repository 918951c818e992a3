"""Async GuardedLLM paths do the guard's work (NER, vault store calls) off the event loop."""

from __future__ import annotations

import asyncio

import pytest
from llama_index.core.base.llms.types import ChatMessage, MessageRole

from chatveil.llama_index import GuardedLLM
from loop_probe import on_this_loop, probe_guard

PROMPT = "Contact Jane Doe at jane.doe@acme.com or +1 415-555-0132 about the invoice."


async def _four_calls(llm: GuardedLLM) -> list[str]:
    """The answers of acomplete, achat, astream_complete and astream_chat on PROMPT."""
    message = [ChatMessage(role=MessageRole.USER, content=PROMPT)]
    done = await llm.acomplete(PROMPT)
    chat = await llm.achat(message)
    streamed = [c.delta async for c in await llm.astream_complete(PROMPT)]
    chat_streamed = [c.delta async for c in await llm.astream_chat(message)]
    return [done.text, chat.message.content or "", "".join(streamed), "".join(chat_streamed)]


@pytest.mark.parametrize("sid", ["u1", None])  # a bound session, or a per-call one
def test_async_paths_work_off_the_loop(echo, sid: str | None) -> None:
    guard, store, detector = probe_guard()
    llm = GuardedLLM.wrap(echo, guard=guard)
    if sid is not None:
        llm = llm.for_session(sid)

    async def main() -> list[str]:
        on_this_loop(store, detector)
        return await _four_calls(llm)

    chat_text = "user: " + PROMPT + "\nassistant: "
    assert asyncio.run(main()) == [PROMPT, chat_text, PROMPT, chat_text]
    assert all("Jane Doe" not in text for text in echo.received)
    assert store.probe.calls >= 8 and detector.probe.calls >= 1
    assert store.probe.on_loop == [] and detector.probe.on_loop == []
    if sid is None:
        assert list(store.sessions()) == []  # every per-call session ended


def test_async_calls_restore_in_the_calls_context(echo) -> None:
    """The answer of an async call is restored where the call pseudonymized (the steps share
    one context): no catch-up with the store, the same store calls as a sync call."""
    guard, store, _ = probe_guard()
    llm = GuardedLLM.wrap(echo, guard=guard).for_session("u1")
    assert llm.complete(PROMPT).text == PROMPT  # (the session exists)
    store.probe.names.clear()
    assert llm.complete(PROMPT).text == PROMPT
    sync = list(store.probe.names)

    async def main() -> list[str]:
        return await _four_calls(llm)

    store.probe.names.clear()
    chat_text = "user: " + PROMPT + "\nassistant: "
    assert asyncio.run(main()) == [PROMPT, chat_text, PROMPT, chat_text]
    assert sync == ["entries"]  # the catch-up before masking only
    assert store.probe.names == sync * 4
