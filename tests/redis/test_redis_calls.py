"""Round trips of a guarded call on Redis: inside the call that pseudonymized (the context
that opened its session scope), restoring the answer needs no catch-up; anywhere else a
restore catches up, and a forget that reached the worker still stops the call."""

from __future__ import annotations

import threading
import time

import pytest

from chatveil._session import open_session
from chatveil.errors import UnknownSessionError
from test_redis_remembered import LATER, TEXT, _sent, _worker


def _in_thread(fn):
    """``fn()`` in a new thread (a context of its own: not the call's), its result or error."""
    out: dict[str, object] = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["value"]


def test_a_call_on_one_worker_makes_two_round_trips(redis_server, namespace) -> None:
    guard = _worker(redis_server.url, namespace)
    guard.pseudonymize(TEXT, session_id="c")
    guard.restore(guard.pseudonymize(TEXT, session_id="c"), session_id="c")
    sent = _sent(guard)
    with open_session(guard, "c"):
        masked = guard.pseudonymize_batch([TEXT, LATER], session_id="c")
        assert sent == ["SYNC", "ADD_MANY"]  # catch up (and take/hand results), store new
        assert guard.restore(masked[1], session_id="c") == LATER
        assert guard.restore_answer(masked[0], session_id="c") == TEXT
        restorer = guard.stream_restorer("c")
        assert restorer.feed(masked[1]) + restorer.flush() == LATER
        assert sent == ["SYNC", "ADD_MANY"]  # the answer: no store call at all
    # after the call, and for a call that did not pseudonymize: a restore catches up
    assert guard.restore(masked[1], session_id="c") == LATER
    assert sent[2:] == ["SYNC"]  # (with the results made in the call)
    with open_session(guard, "c"):
        assert guard.restore(masked[1], session_id="c") == LATER
    assert sent[3:] == ["ENTRIES"]
    sent.clear()
    with open_session(guard, "c"):  # nothing new: one catch-up in all
        again = guard.pseudonymize_batch([TEXT, LATER], session_id="c")
        assert guard.restore(again[1], session_id="c") == LATER
    assert sent == ["ENTRIES"] and again == masked


def test_a_restore_outside_the_calls_context_catches_up(redis_server, namespace) -> None:
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    one.pseudonymize(TEXT, session_id="c")
    sent = _sent(one)
    with open_session(one, "c"):
        one.pseudonymize(TEXT, session_id="c")
        sent.clear()
        # another worker adds a value meanwhile; a standalone restore (another thread,
        # another session, another guard's scope) must see it
        later = two.pseudonymize(LATER, session_id="c")
        assert _in_thread(lambda: one.restore(later, session_id="c")) == LATER
        assert sent == ["ENTRIES"]
    sent.clear()
    with open_session(two, "c"):  # another guard's call in this context
        assert one.restore(later, session_id="c") == LATER
    assert sent == ["ENTRIES"]


def test_nested_calls(redis_server, namespace) -> None:
    guard = _worker(redis_server.url, namespace)
    sent = _sent(guard)
    with open_session(guard, "outer"):
        masked = guard.pseudonymize(TEXT, session_id="outer")
        with open_session(guard, "inner"):
            inner = guard.pseudonymize(LATER, session_id="inner")
            sent.clear()
            assert guard.restore(inner, session_id="inner") == LATER
            assert guard.restore(masked, session_id="outer") == TEXT  # not this call's
            assert sent == ["SYNC"]
        sent.clear()
        assert guard.restore(masked, session_id="outer") == TEXT  # the outer call again
        assert sent == []


def test_forget_on_this_worker_stops_the_call(redis_server, namespace) -> None:
    guard = _worker(redis_server.url, namespace)
    with open_session(guard, "c"):
        masked = guard.pseudonymize(TEXT, session_id="c")
        guard.forget("c")
        with pytest.raises(UnknownSessionError):
            guard.restore(masked, session_id="c")
        with pytest.raises(UnknownSessionError):
            guard.stream_restorer("c")


def test_forget_on_another_worker_stops_the_call_once_it_arrives(redis_server,
                                                                  namespace) -> None:
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    one.pseudonymize(TEXT, session_id="c")  # (listening for drops from here on)
    with open_session(one, "c"):
        masked = one.pseudonymize(TEXT, session_id="c")
        assert two.forget("c")
        deadline = time.monotonic() + 5
        while one._live.get("c") is not None and time.monotonic() < deadline:
            time.sleep(0.01)  # the drop notice (pub/sub) reaches worker one
        with pytest.raises(UnknownSessionError):
            one.restore(masked, session_id="c")


def test_results_made_in_a_call_reach_the_next_worker(redis_server, namespace) -> None:
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    with open_session(one, "c"):
        masked = one.pseudonymize_batch([TEXT, LATER], session_id="c")
        assert one.restore(masked[0], session_id="c") == TEXT
    with open_session(two, "c"):
        assert two.pseudonymize_batch([TEXT, LATER], session_id="c") == masked
    assert two.detector.calls == []  # type: ignore[attr-defined]
