"""The one session policy, forgetting, expiry, and state shared through a store (many workers)."""

from __future__ import annotations

import threading

import pytest

from chatveil import (
    Guard,
    GuardConfig,
    MemoryVaultStore,
    NoSessionError,
    UnknownSessionError,
)
from chatveil._session import open_session
from fakes import SECRET, FakeDetector, fake_guard, wait_for

TEXT = "Hi, I am Jane Doe, mail jane.doe@acme.com or call +1 415 555 0132."


# ---------------------------------------------------------------------- the policy
def test_guard_methods_without_a_session_raise_a_clear_error(guard: Guard) -> None:
    for call in (
        lambda: guard.pseudonymize(TEXT),
        lambda: guard.pseudonymize_batch([TEXT]),
        lambda: guard.pseudonymize_record({"t": TEXT}),
        lambda: guard.restore(TEXT),
        lambda: guard.stream_restorer(),
        lambda: guard.forget(),
    ):
        with pytest.raises(NoSessionError, match="session"):
            call()
    assert guard.metrics()["sessions"] == 0  # nothing was created, no "default" session


def test_the_session_block_is_the_current_session(guard: Guard) -> None:
    with guard.session("block"):
        masked = guard.pseudonymize(TEXT)
        assert guard.restore(masked) == TEXT
    assert list(guard.vault_store.sessions()) == ["block"]


def test_open_session_explicit_then_block_then_per_call(guard: Guard) -> None:
    assert open_session(guard, "explicit").session_id == "explicit"
    with guard.session("block"):
        scope = open_session(guard, None)
        assert (scope.session_id, scope.per_call) == ("block", False)
        assert open_session(guard, "explicit").session_id == "explicit"
    with open_session(guard, None, seed="Hi, I am Jane Doe") as scope:
        assert scope.per_call
        guard.pseudonymize(TEXT, scope.session_id)
        assert guard.has_session(scope.session_id)
    assert not guard.has_session(scope.session_id)  # forgotten when the call ended
    # the same conversation gets the same per-call id (stable surrogates), a concurrent one not
    one, two = open_session(guard, None, seed="x"), open_session(guard, None, seed="x")
    assert one.session_id != two.session_id
    one.close()
    two.close()
    assert open_session(guard, None, seed="x").session_id == one.session_id


# ---------------------------------------------------------------------- forget and expiry
def test_forget_erases_everything_derived_from_the_session() -> None:
    detector = FakeDetector()
    guard = fake_guard(detector)
    masked = guard.pseudonymize(TEXT, session_id="f")
    restorer = guard.stream_restorer("f")
    assert guard.forget("f") is True
    with pytest.raises(UnknownSessionError):
        guard.restore(masked, session_id="f")
    # a restorer created before holds nothing any more
    assert restorer.feed(masked) + restorer.flush() == masked
    # a new session of the same name starts empty: the text is detected again, not remembered
    calls = len(detector.calls)
    guard.pseudonymize(TEXT, session_id="f")
    assert len(detector.calls) == calls + 1


def test_expired_sessions_are_purged_with_their_caches() -> None:
    # a lifetime well above one call's time even on a loaded machine; then wait for the purge
    guard = fake_guard(vault_ttl=1.0)
    masked = guard.pseudonymize(TEXT, session_id="t")
    restorer = guard.stream_restorer("t")
    assert guard.restore(masked, session_id="t") == TEXT
    # purged, no call needed
    assert wait_for(lambda: len(guard.vault_store) == 0)  # type: ignore[arg-type]
    assert restorer.feed(masked) + restorer.flush() == masked  # per-process index erased too
    with pytest.raises(UnknownSessionError):
        guard.restore(masked, session_id="t")


def test_least_recently_used_sessions_are_evicted(make_guard) -> None:
    g = make_guard(max_sessions=2)
    for sid in ("a", "b", "c"):
        g.pseudonymize("Write to jane@example.org", session_id=sid)
    assert not g.has_session("a") and g.has_session("b") and g.has_session("c")


# ---------------------------------------------------------------------- many workers, one store
def _workers(n: int = 2) -> list[Guard]:
    store = MemoryVaultStore()
    config = GuardConfig(secret_key=SECRET)
    return [Guard(config, detector=FakeDetector(), vault_store=store) for _ in range(n)]


def test_workers_sharing_a_store_see_each_others_entries() -> None:
    a, b = _workers()
    masked = a.pseudonymize(TEXT, session_id="u")
    assert b.restore(masked, session_id="u") == TEXT  # b caught up from the store
    assert b.pseudonymize(TEXT, session_id="u") == masked  # same surrogates
    more = b.pseudonymize("Ask John Smith.", session_id="u")
    assert a.restore(more, session_id="u") == "Ask John Smith."


def test_workers_racing_on_one_original_agree_on_its_surrogate() -> None:
    workers = _workers(4)
    results: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(workers))

    def work(guard: Guard) -> None:
        barrier.wait()
        out = guard.pseudonymize(TEXT, session_id="race")
        with lock:
            results.append(out)

    threads = [threading.Thread(target=work, args=(g,)) for g in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1
    assert len(workers[0].vault("race").entries) == 3


def test_forget_in_one_worker_reaches_the_others() -> None:
    a, b = _workers()
    masked = a.pseudonymize(TEXT, session_id="u")
    assert b.restore(masked, session_id="u") == TEXT
    a.forget("u")
    with pytest.raises(UnknownSessionError):
        b.restore(masked, session_id="u")
    # recreated elsewhere: b starts from the new incarnation, never from its old cache
    a.pseudonymize("Ask John Smith.", session_id="u")
    assert b.restore(masked, session_id="u") == masked


def test_adapters_hear_when_a_session_goes() -> None:
    from chatveil import _session

    heard: list[str] = []
    guard = fake_guard(vault_ttl=1.0)

    def hook(g: Guard, sid: str) -> None:
        if g is guard:
            heard.append(sid)

    _session.on_forget(hook)
    try:
        guard.pseudonymize(TEXT, session_id="forgotten")
        guard.pseudonymize(TEXT, session_id="expires")
        guard.forget("forgotten")
        assert wait_for(lambda: "expires" in heard)
    finally:
        _session._FORGET_HOOKS.remove(hook)
    assert heard[0] == "forgotten" and "expires" in heard
