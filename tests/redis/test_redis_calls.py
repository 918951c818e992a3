"""Round trips of a guarded call on Redis: inside the call that pseudonymized (the context
that opened its session scope), restoring the answer needs no catch-up; anywhere else a
restore catches up, and a forget that reached the worker still stops the call."""

from __future__ import annotations

import threading
import time

import pytest
from test_redis_remembered import LATER, TEXT, _joined, _sent, _worker

from chatveil._session import open_session
from chatveil.errors import UnknownSessionError


def _in_thread(fn):
    """``fn()`` in a new thread (a context of its own: not the call's), its result or error."""
    out: dict[str, object] = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:  # handed back to the test
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["value"]


def test_a_call_on_one_worker_makes_one_round_trip(redis_server, namespace) -> None:
    guard = _worker(redis_server.url, namespace)
    guard.pseudonymize(TEXT, session_id="c")
    guard.restore(guard.pseudonymize(TEXT, session_id="c"), session_id="c")
    sent = _sent(guard)
    with open_session(guard, "c"):
        masked = guard.pseudonymize_batch([TEXT, LATER], session_id="c")
        # pseudonymized against what the worker holds; one script checks that nobody changed
        # the session since, stores the new values (and the results made for them)
        assert sent == ["COMMIT"]
        assert guard.restore(masked[1], session_id="c") == LATER
        assert guard.restore_answer(masked[0], session_id="c") == TEXT
        restorer = guard.stream_restorer("c")
        assert restorer.feed(masked[1]) + restorer.flush() == LATER
        assert sent == ["COMMIT"]  # the answer: no store call at all
    # after the call, and for a call that did not pseudonymize: a restore catches up
    assert guard.restore(masked[1], session_id="c") == LATER
    assert sent[1:] == ["ENTRIES"]  # (the results made in the call went with its entries)
    with open_session(guard, "c"):
        assert guard.restore(masked[1], session_id="c") == LATER
    assert sent[2:] == ["ENTRIES"]
    sent.clear()
    with open_session(guard, "c"):  # nothing new: the check alone
        again = guard.pseudonymize_batch([TEXT, LATER], session_id="c")
        assert guard.restore(again[1], session_id="c") == LATER
    assert sent == ["COMMIT"] and again == masked


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
            assert sent == ["ENTRIES"]  # (alone in the session: no results to hand over)
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
    _joined(redis_server.url, namespace)
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    with open_session(one, "c"):
        masked = one.pseudonymize_batch([TEXT, LATER], session_id="c")
        assert one.restore(masked[0], session_id="c") == TEXT
    with open_session(two, "c"):
        assert two.pseudonymize_batch([TEXT, LATER], session_id="c") == masked
    assert two.detector.calls == []  # type: ignore[attr-defined]


def _entry(original: str, surrogate: str):
    from chatveil.state import Entry

    return Entry(original, surrogate, "PERSON")


def test_values_go_with_the_entries_only_when_made_against_them(store_factory) -> None:
    from chatveil.state.stores import HandingOverStore

    store, other = store_factory(), store_factory()
    assert isinstance(store, HandingOverStore)
    store.create("s")
    epoch = store.entries("s").epoch

    def kept(key: bytes) -> bytes | None:
        return store.entries_remembered("s", 0, epoch=epoch, want=[key], put=())[1][0]

    one = store.add_many_remembered("s", [_entry("Ann Lee", "Bo Kim")], since=1, epoch=epoch,
                                    put=[(b"k1", b"v1")])
    assert one.batch.version == 1 and kept(b"k1") == b"v1"
    # an entry whose original is stored already: the value was made against another entry
    store.add_many_remembered("s", [_entry("Cy Ode", "Di Fo"), _entry("ANN LEE", "X Y")],
                              since=3, epoch=epoch, put=[(b"k2", b"v2")])
    assert kept(b"k2") is None
    # another worker's entries came first: not made against them
    other.add_many("s", [_entry("Ed Gu", "Fi Ha")], since=0)
    late = store.add_many_remembered("s", [_entry("Gil Ho", "Ida Ju")], since=3, epoch=epoch,
                                     put=[(b"k3", b"v3")])
    assert late.batch.version == 4 and kept(b"k3") is None
    # another epoch (the session was dropped and created again)
    store.add_many_remembered("s", [_entry("Jo Ka", "Lu Mo")], since=5, epoch="old",
                              put=[(b"k4", b"v4")])
    assert kept(b"k4") is None
    none = store_factory(remembered=0)
    none.add_many_remembered("s", [_entry("Ny Op", "Pa Qu")], since=6, epoch=epoch,
                             put=[(b"k5", b"v5")])
    assert kept(b"k5") is None
    with pytest.raises(UnknownSessionError):
        store.add_many_remembered("gone", [_entry("Ra Sa", "Ta Ub")], since=1, epoch=epoch,
                                  put=[(b"k6", b"v6")])


def test_a_value_handed_with_the_entries_is_not_sent_again(redis_server, namespace) -> None:
    _joined(redis_server.url, namespace)
    guard = _worker(redis_server.url, namespace)
    guard.pseudonymize(TEXT, session_id="c")  # (its result goes with its entries)
    guard.pseudonymize(TEXT, session_id="c")  # (nobody else wrote since: the next turn commits)
    store = guard.vault_store
    puts: list[tuple[str, int]] = []

    def spy(name: str):
        plain = getattr(store, name)

        def call(*args, **kwargs):
            puts.append((name, len(kwargs["put"])))
            return plain(*args, **kwargs)

        return call

    store.entries_remembered = spy("entries_remembered")  # type: ignore[method-assign]
    store.commit = spy("commit")  # type: ignore[attr-defined]
    with open_session(guard, "c"):
        masked = guard.pseudonymize_batch([TEXT, LATER], session_id="c")
        assert guard.restore(masked[1], session_id="c") == LATER
    assert puts == [("commit", 1)]  # LATER's result; TEXT's went with its entries
    sent = _sent(guard)
    assert guard.restore(masked[1], session_id="c") == LATER
    assert puts == [("commit", 1)] and sent == ["ENTRIES"]  # nothing left to hand over


def test_redis_down_after_the_model_answered(durable_redis, namespace) -> None:
    """Restoring in the call needs no store call: the answer is restored in full from what
    the worker holds; a standalone restore still fails closed."""
    from chatveil.errors import StoreUnavailableError

    guard = _worker(durable_redis.url, namespace, timeout=0.2, retries=0)
    with open_session(guard, "c"):
        masked = guard.pseudonymize(TEXT, session_id="c")
        durable_redis.stop()
        assert guard.restore(masked, session_id="c") == TEXT
        with pytest.raises(StoreUnavailableError):
            guard.pseudonymize(LATER, session_id="c")
    with pytest.raises(StoreUnavailableError):
        guard.restore(masked, session_id="c")
