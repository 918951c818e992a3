"""A guarded call on Redis and the session's lifetime.

Redis expires a session's keys on its own clock: a hold cannot pause that. What a call gets:
its answer is restored from what the worker holds in memory even if the keys expired during
the call (no store call is needed inside the call), and a call that ends long after its last
store call refreshes the lifetime once more at its end, so that it counts from there.
"""

from __future__ import annotations

import time

import pytest

from chatveil import Guard, GuardConfig, UnknownSessionError
from chatveil._session import open_session
from chatveil.redis import RedisVaultStore
from fakes import SECRET, FakeDetector, wait_a_lifetime
from redis_helpers import KEY_A, watch_requests

TEXT = "Hi, I am Maria Kowalski, write to maria.kowalski@example.org or call +1 555 010 4477."


def _guard(url: str, namespace: str, ttl: float) -> Guard:
    store = RedisVaultStore.from_url(url, namespace=namespace, encryption_key=KEY_A, ttl=ttl)
    return Guard(GuardConfig(secret_key=SECRET, vault_ttl=ttl), detector=FakeDetector(),
                 vault_store=store)


def test_a_call_that_outlasts_the_ttl_still_restores_its_answer(redis_server,
                                                                 namespace) -> None:
    guard = _guard(redis_server.url, namespace, ttl=1.0)
    with open_session(guard, "c"):
        masked = guard.pseudonymize(TEXT, session_id="c", recognise_later=False)
        wait_a_lifetime(guard)  # an idle session created after the call's store use is gone
        assert not guard.has_session("c")  # Redis let the call's keys expire too...
        assert guard.restore(masked, session_id="c") == TEXT  # ...the worker still restores
        restorer = guard.stream_restorer("c")
        assert restorer.feed(masked) + restorer.flush() == TEXT
    # the end of the call finds the session gone: the worker drops what it held of it
    assert not guard.has_session("c")
    assert guard._live.get("c", touch=False) is None
    with pytest.raises(UnknownSessionError):
        guard.restore(masked, session_id="c")


def test_a_long_call_refreshes_the_lifetime_at_its_end(redis_server, namespace) -> None:
    from chatveil.state import HoldingStore

    guard = _guard(redis_server.url, namespace, ttl=10.0)  # refreshed after 1 s without use
    store = guard.vault_store
    assert isinstance(store, HoldingStore)
    meta = store._session("c").meta  # type: ignore[attr-defined]
    client = redis_server.client()
    with open_session(guard, "c"):
        masked = guard.pseudonymize(TEXT, session_id="c", recognise_later=False)
        time.sleep(1.5)  # the model takes its time (well inside the lifetime)
        assert guard.restore(masked, session_id="c") == TEXT
        sent = watch_requests(store)
        before = client.pttl(meta)
    assert sent == ["TOUCH"]  # one script at the end of the call
    assert client.pttl(meta) > before
    sent.clear()
    with open_session(guard, "c"):  # a quick call: no extra round trip
        guard.pseudonymize(TEXT, session_id="c", recognise_later=False)
    assert sent == ["COMMIT"]
