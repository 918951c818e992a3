"""``GuardedLLM`` holds its call's session until the call or its stream ends: a reader slower
than ``vault_ttl`` still gets the originals back, and a stream never iterated releases the
session when it is dropped. See ``tests/core/test_session_lifetime.py``."""

from __future__ import annotations

import asyncio
import gc

from chatveil.llama_index import GuardedLLM
from fakes import fake_guard, wait_a_lifetime, wait_for

TTL = 1.0
TEXT = "Write to maria.lopez@example.org or call +1 555 010 4477, Maria Lopez."


def test_a_stream_read_slower_than_the_lifetime(make_echo) -> None:
    guard = fake_guard(vault_ttl=TTL)
    llm = GuardedLLM.wrap(make_echo(), guard=guard).for_session("user-1")
    stream = llm.stream_complete(TEXT)
    out = next(stream).delta or ""
    wait_a_lifetime(guard)
    out += "".join(c.delta or "" for c in stream)
    assert out == TEXT
    assert guard.has_session("user-1")
    assert wait_for(lambda: not guard.has_session("user-1"))


def test_an_async_stream_read_slower_than_the_lifetime(make_echo) -> None:
    guard = fake_guard(vault_ttl=TTL)
    llm = GuardedLLM.wrap(make_echo(), guard=guard).for_session("user-1")

    async def read() -> str:
        out = ""
        async for chunk in await llm.astream_complete(TEXT):
            if not out:
                await asyncio.to_thread(wait_a_lifetime, guard)
            out += chunk.delta or ""
        return out

    assert asyncio.run(read()) == TEXT
    assert guard.has_session("user-1")
    assert wait_for(lambda: not guard.has_session("user-1"))


def test_a_stream_never_iterated_releases_its_session(make_echo) -> None:
    guard = fake_guard(vault_ttl=TTL)
    llm = GuardedLLM.wrap(make_echo(), guard=guard).for_session("user-1")
    stream = llm.stream_complete(TEXT)  # the call pseudonymized and holds its session
    assert guard.has_session("user-1")
    del stream  # never started: its end never runs
    gc.collect()
    assert wait_for(lambda: not guard.has_session("user-1"))
