"""A turn in one round trip: a worker that is a session's only writer pseudonymizes against
what it holds and stores the turn's new values with one script (COMMIT), which stores them only
if nobody changed the session since; else the worker catches up from the reply and does the
turn again. Another worker in between, a forget in between, Redis going away in between."""

from __future__ import annotations

import threading
import time

import pytest
from test_redis_remembered import TEXT, _sent, _worker

from chatveil._session import open_session
from chatveil.errors import ChatveilError, StoreUnavailableError, UnknownSessionError

NEW = "Peter Novak wrote to Zlata Horvat."
LATER = "Anna Berg and Liam Stone met Peter Novak."


def _solo(guard, sid: str = "c") -> None:
    """Make ``guard`` the session's only writer so far (its next turn goes ahead)."""
    guard.pseudonymize(TEXT, session_id=sid)
    guard.pseudonymize(TEXT, session_id=sid)  # (a COMMIT: the script is loaded in Redis)
    assert guard._live.get(sid).state.solo  # type: ignore[union-attr]


def _before_commit(guard, action) -> list[int]:
    """Run ``action()`` just before each of ``guard``'s COMMIT calls reaches Redis (another
    worker getting in between the turn and its store call); returns the calls seen."""
    store = guard.vault_store
    plain = store.commit
    seen: list[int] = []

    def commit(*args, **kwargs):
        seen.append(len(args[1]))
        if len(seen) == 1:
            action()
        return plain(*args, **kwargs)

    store.commit = commit
    return seen


def _surrogates(guard, sid: str = "c") -> dict[str, str]:
    return {e.original: e.surrogate for e in guard.vault(sid).entries}


def _index_is_the_store(guard, sid: str = "c") -> None:
    state = guard._live.get(sid).state
    stored = guard.vault_store.entries(sid)
    assert (state.index.epoch, state.index.version) == (stored.epoch, stored.version)
    assert state.index.entries() == list(stored.entries)


def test_a_turn_with_new_values_is_one_round_trip(redis_server, namespace) -> None:
    one = _worker(redis_server.url, namespace)
    _solo(one)
    sent = _sent(one)
    masked = one.pseudonymize_batch([TEXT, NEW], session_id="c")
    assert sent == ["COMMIT"]
    assert one.restore(masked[1], session_id="c") == NEW
    _index_is_the_store(one)
    sent.clear()
    assert one.pseudonymize_batch([TEXT, NEW], session_id="c") == masked  # nothing new
    assert sent == ["COMMIT"]
    # the store holds the values once each, and another worker restores them
    two = _worker(redis_server.url, namespace)
    assert two.restore(masked[1], session_id="c") == NEW
    originals = [e.original for e in two.vault("c").entries]
    assert sorted(originals) == sorted(set(originals))
    assert {"Peter Novak", "Zlata Horvat"} <= set(originals)


def test_another_worker_in_between_the_turn_goes_again_and_agrees(redis_server,
                                                                   namespace) -> None:
    """Both meet "Peter Novak" at once: the other worker stores it first, the COMMIT is
    refused, the worker catches up from its reply and takes the stored surrogate."""
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    _solo(one)
    later: list[str] = []
    seen = _before_commit(one, lambda: later.append(two.pseudonymize(LATER, session_id="c")))
    sent = _sent(one)
    masked = one.pseudonymize_batch([TEXT, NEW], session_id="c")
    # refused (nothing stored), caught up from the reply; then the two-step way: the new
    # value left goes in with the add (Peter Novak is two's now)
    assert sent == ["COMMIT", "ADD_SHARE"]
    assert seen == [2]  # (its own Peter Novak and Zlata Horvat, refused as a whole)
    stored = _surrogates(one)
    assert stored == _surrogates(two)
    assert stored["Peter Novak"] in later[0] and stored["Peter Novak"] in masked[1]
    assert "Peter Novak" not in masked[1] and "Zlata Horvat" not in masked[1]
    # one surrogate per original, one original per surrogate
    assert len(set(stored.values())) == len(stored)
    for guard in (one, two):
        assert guard.restore(masked[1], session_id="c") == NEW
        assert guard.restore(later[0], session_id="c") == LATER
    _index_is_the_store(one)
    # the next turn catches up first (it was just refused), then the one after goes ahead
    sent.clear()
    assert one.pseudonymize_batch([TEXT, NEW], session_id="c") == masked
    assert sent[0] in ("ENTRIES", "SYNC") and "COMMIT" not in sent
    sent.clear()
    assert one.pseudonymize_batch([TEXT, NEW], session_id="c") == masked
    assert sent == ["COMMIT"]


def test_a_refused_turn_leaves_nothing_of_its_own(redis_server, namespace) -> None:
    """What the refused turn made (entries, remembered results) is undone: the worker's
    index is the store's, and results made against its stale index are not shared."""
    one, two, three = (_worker(redis_server.url, namespace) for _ in range(3))
    _solo(one)
    _before_commit(one, lambda: two.pseudonymize(LATER, session_id="c"))
    masked = one.pseudonymize_batch([TEXT, NEW], session_id="c")
    _index_is_the_store(one)
    state = one._live.get("c").state
    assert state.remembered(NEW).masked == masked[1]
    assert state.remembered(NEW).version <= state.index.version
    # a third worker takes one's result for NEW and sends the model the same text (one
    # made TEXT's result while it was alone in the session: that one was not handed over)
    assert three.pseudonymize_batch([TEXT, NEW], session_id="c") == masked
    assert three.detector.calls == [TEXT]  # type: ignore[attr-defined]


def test_a_forget_in_between_the_turn_starts_over(redis_server, namespace) -> None:
    """The session was forgotten while the turn was under way: nothing of the old vault is
    stored again; the turn is done in a new session, as if it had started after the forget."""
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    _solo(one)
    one.pseudonymize(LATER, session_id="c")
    old_epoch = one.vault_store.entries("c").epoch
    _before_commit(one, lambda: two.forget("c"))
    masked = one.pseudonymize_batch([NEW], session_id="c")
    batch = one.vault_store.entries("c")
    assert batch.epoch != old_epoch
    # only this turn's values: not those of TEXT and LATER, known to the old vault
    assert sorted(e.original for e in batch.entries) == ["Peter Novak", "Zlata Horvat"]
    assert one.restore(masked[0], session_id="c") == NEW
    assert two.restore(masked[0], session_id="c") == NEW
    _index_is_the_store(one)


def test_a_call_whose_turn_started_over_restores_from_the_new_session(redis_server,
                                                                      namespace) -> None:
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    _solo(one)
    _before_commit(one, lambda: two.forget("c"))
    with open_session(one, "c"):
        masked = one.pseudonymize_batch([TEXT, NEW], session_id="c")
        sent = _sent(one)
        assert one.restore(masked[1], session_id="c") == NEW
        # in the call: no store call, wherever the forget's notice (pub/sub, another thread)
        # reached this worker (it names the session's old epoch: once the worker has begun
        # the new one, it is ignored)
        assert sent == []
        one.forget("c")  # a forget after the turn still stops the call's restore
        with pytest.raises(UnknownSessionError):
            one.restore(masked[1], session_id="c")


def test_a_forget_notice_that_comes_late_ends_nothing_new(redis_server, namespace) -> None:
    """The forget's notice reaches the worker's listener thread only after the worker began
    the session again: it names the old epoch, so it is ignored; the worker dropped what it
    held of the old session itself when its COMMIT found the session gone."""
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    _solo(one)
    old = one._live.get("c")
    store = one.vault_store
    deadline = time.monotonic() + 10  # both listener threads have subscribed
    while (dict(store.client.pubsub_numsub(store._channel)).get(store._channel.encode(), 0)
           < 2 and time.monotonic() < deadline):
        time.sleep(0.01)
    arrived, release = threading.Event(), threading.Event()
    told: list[str | None] = []
    plain = store._heard

    def late(text: str) -> str | None:
        arrived.set()
        release.wait(10)
        told.append(plain(text))
        return told[-1]

    store._heard = late
    _before_commit(one, lambda: two.forget("c"))
    with open_session(one, "c"):
        masked = one.pseudonymize_batch([TEXT, NEW], session_id="c")
        assert one._live.get("c") is not old  # dropped, begun again
        assert arrived.wait(10)  # the notice is there, held back until now
        release.set()
        deadline = time.monotonic() + 10
        while not told and time.monotonic() < deadline:
            time.sleep(0.01)
        assert told == [None]  # ignored
        sent = _sent(one)
        assert one.restore(masked[1], session_id="c") == NEW
        assert sent == []
    _index_is_the_store(one)


def test_redis_down_at_the_commit_fails_closed(durable_redis, namespace) -> None:
    one = _worker(durable_redis.url, namespace, timeout=0.2, retries=0)
    _solo(one)
    before = one.vault_store.entries("c")
    _before_commit(one, durable_redis.stop)
    with pytest.raises(StoreUnavailableError) as caught:
        one.pseudonymize_batch([TEXT, NEW], session_id="c")
    assert isinstance(caught.value, ChatveilError)
    assert "Peter" not in str(caught.value) and "Novak" not in str(caught.value)
    # nothing of the turn is kept: the worker's index is as before
    state = one._live.get("c").state
    assert state.index.version == before.version and state.remembered(NEW) is None
    durable_redis.start()
    masked = one.pseudonymize_batch([TEXT, NEW], session_id="c")
    assert one.restore(masked[1], session_id="c") == NEW
    _index_is_the_store(one)
    two = _worker(durable_redis.url, namespace)
    assert two.restore(masked[1], session_id="c") == NEW


def test_commit_contract(store_factory) -> None:
    from chatveil.state import Entry
    from chatveil.state.stores import CommittingStore

    store = store_factory()
    assert isinstance(store, CommittingStore)
    with pytest.raises(UnknownSessionError):
        store.commit("s", [], epoch="e", since=0)
    store.create("s")
    epoch = store.entries("s").epoch
    a, b = Entry("Ann Lee", "Bo Kim", "PERSON"), Entry("Cy Ode", "Di Fo", "PERSON")
    done = store.commit("s", [a], epoch=epoch, since=0, want=[b"k0"], put=[(b"k1", b"v1")])
    assert done.done and done.stored == (a,) and done.batch.version == 1
    assert done.batch.entries == () and done.values == ()
    kept = store.entries_remembered("s", 1, epoch=epoch, want=[b"k1"], put=())[1]
    assert kept == [b"v1"]
    # a stale version: nothing added or kept; the entries since and the values asked for
    refused = store.commit("s", [b], epoch=epoch, since=0, want=[b"k1", b"k9"],
                           put=[(b"k2", b"v2")])
    assert not refused.done and refused.stored == ()
    assert refused.batch.entries == (a,) and refused.batch.version == 1
    assert refused.values == (b"v1", None)
    assert store.entries("s").version == 1
    assert store.entries_remembered("s", 1, epoch=epoch, want=[b"k2"], put=())[1] == [None]
    # another epoch: the entries from the start
    other = store.commit("s", [b], epoch="old", since=1)
    assert not other.done and other.batch.entries == (a,) and other.batch.epoch == epoch
    # at the version, but an original taken meanwhile in another casing: as add_many
    clash = store.commit("s", [Entry("ANN LEE", "X Y", "PERSON"), b], epoch=epoch, since=1)
    assert clash.done and clash.stored == (a, b) and clash.batch.version == 2
    assert clash.batch.entries == (b,)
