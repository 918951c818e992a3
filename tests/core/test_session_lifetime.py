"""A session in use is never purged; its lifetime counts from the end of its last use.

A guarded call holds its session from its start to its end (the end of its stream, its close
or abandonment, an error): a model or a reader slower than ``vault_ttl`` still gets the
originals back. Lifetimes here are about a second, and "slower than the lifetime" is waited
for by polling (an idle session of the same guard, created after the call's last store use,
must be gone first), never by a fixed sleep that a loaded machine could overrun.
"""

from __future__ import annotations

import asyncio
import gc
import time

import pytest

from chatveil import Guard, UnknownSessionError
from chatveil._session import open_session
from fakes import fake_guard, wait_a_lifetime, wait_for

TTL = 1.0
TEXT = "Hi, I am Maria Lopez, write to maria.lopez@example.org."


async def _alifetime_passes(guard: Guard) -> None:
    await asyncio.to_thread(wait_a_lifetime, guard)


# ---------------------------------------------------------------------- guarded calls
def test_a_call_slower_than_the_lifetime_restores_its_answer() -> None:
    guard = fake_guard(vault_ttl=TTL)
    with open_session(guard, "user-1") as scope:
        masked = guard.pseudonymize(TEXT, session_id="user-1", recognise_later=False)
        assert masked != TEXT
        wait_a_lifetime(guard)  # the model takes its time
        assert guard.restore(masked, session_id="user-1") == TEXT
        assert guard.restore_answer(f"Dear {masked}", session_id="user-1") == f"Dear {TEXT}"
        assert "user-" not in repr(scope) and scope.held
    # the lifetime starts again at the end of the call, then it expires as any other
    assert guard.has_session("user-1")
    assert guard.restore(masked, session_id="user-1") == TEXT
    assert wait_for(lambda: not guard.has_session("user-1"))
    with pytest.raises(UnknownSessionError):
        guard.restore(masked, session_id="user-1")


def test_a_stream_read_slower_than_the_lifetime_restores_every_chunk() -> None:
    guard = fake_guard(vault_ttl=TTL)
    answer = f"Sure. {TEXT} Bye."
    with open_session(guard, "u"):
        masked = guard.pseudonymize(answer, session_id="u", recognise_later=False)
        restorer = guard.stream_restorer("u")
        half = len(masked) // 2
        out = restorer.feed(masked[:half])
        wait_a_lifetime(guard)  # the reader is slow
        out += restorer.feed(masked[half:]) + restorer.flush()
    assert out == answer
    assert guard.has_session("u")


def test_a_call_that_fails_late_releases_its_session() -> None:
    guard = fake_guard(vault_ttl=TTL)

    def call() -> None:
        with open_session(guard, "u"):
            guard.pseudonymize(TEXT, session_id="u", recognise_later=False)
            wait_a_lifetime(guard)
            raise RuntimeError("the model failed")

    with pytest.raises(RuntimeError):
        call()
    assert guard.has_session("u")  # released at the error: its lifetime starts now
    assert wait_for(lambda: not guard.has_session("u"))


def test_a_scope_dropped_without_close_releases_its_session() -> None:
    guard = fake_guard(vault_ttl=TTL)
    scope = open_session(guard, "u")
    guard.pseudonymize(TEXT, session_id="u")
    assert scope.held
    del scope  # a stream never started, say: nobody will close it
    gc.collect()
    assert wait_for(lambda: not guard.has_session("u"))


def test_a_per_call_session_lives_as_long_as_its_call() -> None:
    guard = fake_guard(vault_ttl=TTL)
    with open_session(guard, seed=TEXT) as scope:
        sid = scope.session_id
        masked = guard.pseudonymize(TEXT, session_id=sid, recognise_later=False)
        wait_a_lifetime(guard)
        assert guard.restore(masked, session_id=sid) == TEXT
    assert not guard.has_session(sid)  # forgotten at the end of the call, as before


def test_forget_during_a_call_still_erases_the_session() -> None:
    guard = fake_guard(vault_ttl=TTL)
    with open_session(guard, "u"):
        masked = guard.pseudonymize(TEXT, session_id="u", recognise_later=False)
        guard.forget("u")
        assert not guard.has_session("u")
        with pytest.raises(UnknownSessionError):
            guard.restore(masked, session_id="u")


def test_held_sessions_are_not_evicted() -> None:
    guard = fake_guard(vault_ttl=None, max_sessions=2)
    with open_session(guard, "a"), open_session(guard, "b"):
        guard.pseudonymize(TEXT, session_id="a")
        guard.pseudonymize(TEXT, session_id="b")
        masked = guard.pseudonymize(TEXT, session_id="c")  # one more than max_sessions
        assert all(guard.has_session(s) for s in "abc")
        guard.pseudonymize(TEXT, session_id="d")  # "c" goes, not the held ones
        assert not guard.has_session("c")
        assert guard.has_session("a") and guard.has_session("b")
    # "b"'s call ends, then "a"'s: back to two sessions; "d" went, the least recently used
    # of the sessions no call used
    assert sorted(guard.vault_store.sessions()) == ["a", "b"]
    assert len(guard.vault_store) == 2  # type: ignore[arg-type]
    with pytest.raises(UnknownSessionError):
        guard.restore(masked, session_id="c")


def test_an_async_call_slower_than_the_lifetime_restores_its_answer() -> None:
    guard = fake_guard(vault_ttl=TTL)

    async def call() -> str:
        async with open_session(guard, "u"):
            masked = await guard.apseudonymize(TEXT, session_id="u", recognise_later=False)
            await _alifetime_passes(guard)
            return await guard.arestore(masked, session_id="u")

    assert asyncio.run(call()) == TEXT
    assert guard.has_session("u")
    assert wait_for(lambda: not guard.has_session("u"))


def test_a_session_used_by_no_call_expires_on_time() -> None:
    guard = fake_guard(vault_ttl=TTL)
    masked = guard.pseudonymize(TEXT, session_id="u")
    start = time.monotonic()
    with open_session(guard, "other"):  # another session's call holds only its own
        assert wait_for(lambda: not guard.has_session("u"))
    assert time.monotonic() - start < 10 * TTL
    with pytest.raises(UnknownSessionError):
        guard.restore(masked, session_id="u")
