"""A guarded model's call holds its session: a model or a reader slower than ``vault_ttl``
still gets the originals back, and the lifetime restarts when the call or its stream ends
(normally, by an error, or abandoned). See ``tests/core/test_session_lifetime.py``."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from chatveil import Guard, guarded
from chatveil.langchain import PseudonymizeRunnable, RestoreRunnable
from fakes import fake_guard, wait_a_lifetime, wait_for
from lc_fakes import SpyChatModel, echo_last_human

TTL = 1.0
TEXT = "Hi, I am Maria Lopez, write to maria.lopez@example.org or call +1 555 010 4477."
CONFIG: Any = {"configurable": {"session_id": "user-1"}}


def _slow_echo(guard: Guard):
    """A model that answers (the last human message, echoed) a whole lifetime later."""

    def reply(messages: list[BaseMessage]) -> AIMessage:
        wait_a_lifetime(guard)
        return echo_last_human(messages)

    return reply


def _released_then_expires(guard: Guard) -> None:
    assert guard.has_session("user-1")  # its lifetime restarted when the call ended
    assert wait_for(lambda: not guard.has_session("user-1"))


def test_a_model_slower_than_the_lifetime() -> None:
    guard = fake_guard(vault_ttl=TTL)
    spy = SpyChatModel(reply=_slow_echo(guard))
    answer = guarded(spy, guard=guard).invoke(TEXT, config=CONFIG)
    assert TEXT not in spy.received[0][-1].text  # the model saw surrogates only
    assert answer.content == TEXT
    _released_then_expires(guard)


def test_a_stream_read_slower_than_the_lifetime() -> None:
    guard = fake_guard(vault_ttl=TTL)
    chat = guarded(SpyChatModel(), guard=guard)
    chunks = chat.stream(TEXT, config=CONFIG)
    out = next(chunks).content
    wait_a_lifetime(guard)  # the reader is slow
    out += "".join(str(c.content) for c in chunks)
    assert out == TEXT
    _released_then_expires(guard)


def test_a_chains_restore_step_holds_the_session_while_it_streams() -> None:
    guard = fake_guard(vault_ttl=TTL)
    chain = PseudonymizeRunnable(guard) | SpyChatModel() | RestoreRunnable(guard)
    chunks = chain.stream(TEXT, config=CONFIG)
    out = str(next(chunks).content)
    wait_a_lifetime(guard)
    out += "".join(str(c.content) for c in chunks)
    assert out == TEXT
    _released_then_expires(guard)


def test_a_model_that_fails_late() -> None:
    guard = fake_guard(vault_ttl=TTL)

    def reply(messages: list[BaseMessage]) -> AIMessage:
        wait_a_lifetime(guard)
        raise RuntimeError("the provider timed out")

    with pytest.raises(RuntimeError):
        guarded(SpyChatModel(reply=reply), guard=guard).invoke(TEXT, config=CONFIG)
    _released_then_expires(guard)


@pytest.mark.parametrize("how", ["close", "drop"])
def test_an_abandoned_stream_releases_its_session(how: str) -> None:
    guard = fake_guard(vault_ttl=TTL)
    chunks = guarded(SpyChatModel(), guard=guard).stream(TEXT, config=CONFIG)
    next(chunks)
    if how == "close":
        chunks.close()  # type: ignore[attr-defined]
    del chunks
    gc.collect()
    assert wait_for(lambda: not guard.has_session("user-1"))


def test_async_calls_and_streams_slower_than_the_lifetime() -> None:
    guard = fake_guard(vault_ttl=TTL)
    slow = guarded(SpyChatModel(reply=_slow_echo(guard)), guard=guard)
    chat = guarded(SpyChatModel(), guard=guard)

    async def calls() -> tuple[str, str]:
        answer = await slow.ainvoke(TEXT, config=CONFIG)
        streamed = ""
        async for chunk in chat.astream(TEXT, config=CONFIG):
            if not streamed:
                await asyncio.to_thread(wait_a_lifetime, guard)
            streamed += str(chunk.content)
        return str(answer.content), streamed

    assert asyncio.run(calls()) == (TEXT, TEXT)
    _released_then_expires(guard)


def test_an_abandoned_async_stream_releases_its_session() -> None:
    guard = fake_guard(vault_ttl=TTL)
    chat = guarded(SpyChatModel(), guard=guard)

    async def abandon() -> bool:
        chunks = chat.astream(TEXT, config=CONFIG)
        await anext(chunks)  # type: ignore[arg-type]
        await chunks.aclose()  # type: ignore[attr-defined]
        # (LangChain leaves the inner stream to the event loop's finalizer: the loop runs on)
        return await asyncio.to_thread(wait_for, lambda: not guard.has_session("user-1"))

    assert asyncio.run(abandon())
