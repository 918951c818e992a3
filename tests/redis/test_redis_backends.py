"""The store contract and two workers' turns on Valkey and on a Redis Cluster.

The Valkey tests skip when no ``valkey-server`` is installed; the cluster is three local
``redis-server --cluster-enabled yes`` processes started once per test process.
"""

from __future__ import annotations

import time

import pytest
from test_redis_store import _contract

from chatveil import Guard, GuardConfig
from chatveil.spans import Span
from chatveil.state import Entry, VaultStore
from redis_helpers import KEY_A

SECRET = b"chatveil-tests-secret-key-0123456789"
TEXT = "Hi, I am Maria Kowalski, write to maria.kowalski@example.org or call +1 555 010 4477."


class TestValkeyContract(_contract()):  # type: ignore[misc]
    @pytest.fixture(autouse=True)
    def _on_valkey(self, valkey_server, factory_on, namespace) -> None:
        self._make = lambda **o: factory_on(valkey_server.url, namespace=namespace, **o)

    def make_store(self, *, ttl: float | None = None, maxsize: int = 100) -> VaultStore:
        return self._make(ttl=ttl)


class TestClusterContract(_contract()):  # type: ignore[misc]
    @pytest.fixture(autouse=True)
    def _on_cluster(self, redis_cluster, factory_on, namespace) -> None:
        self._make = lambda **o: factory_on(redis_cluster.url, namespace=namespace,
                                            cluster=True, **o)

    def make_store(self, *, ttl: float | None = None, maxsize: int = 100) -> VaultStore:
        return self._make(ttl=ttl)


def _workers(url: str, namespace: str, **options) -> tuple[Guard, Guard]:
    from chatveil.redis import RedisVaultStore
    from fakes import FakeDetector

    def one() -> Guard:
        store = RedisVaultStore.from_url(url, namespace=namespace, encryption_key=KEY_A,
                                         **options)
        return Guard(GuardConfig(secret_key=SECRET), detector=FakeDetector(), vault_store=store)

    return one(), one()


def _turns_on_two_workers(one: Guard, two: Guard) -> None:
    masked = one.pseudonymize(TEXT, session_id="c")
    assert "Maria" not in masked and "4477" not in masked
    assert two.restore(masked, session_id="c") == TEXT
    assert two.pseudonymize(TEXT, session_id="c") == masked
    later = two.pseudonymize("Maria Kowalski met Peter Novak.", session_id="c")
    assert one.restore(later, session_id="c") == "Maria Kowalski met Peter Novak."
    assert one.vault("c") == two.vault("c")
    for sid in ("d", "e", "f"):  # sessions hash to several slots (nodes of a cluster)
        one.pseudonymize(TEXT, session_id=sid)
    assert sorted(two.vault_store.sessions()) == ["c", "d", "e", "f"]
    assert one.forget("c")
    assert not two.has_session("c")


def test_two_workers_on_valkey(valkey_server, namespace) -> None:
    _turns_on_two_workers(*_workers(valkey_server.url, namespace))


def test_two_workers_on_a_cluster(redis_cluster, namespace) -> None:
    _turns_on_two_workers(*_workers(redis_cluster.url, namespace, cluster=True))


def test_sessions_live_on_every_node_of_the_cluster(redis_cluster, factory_on, namespace
                                                    ) -> None:
    import redis

    store = factory_on(redis_cluster.url, namespace=namespace, cluster=True)
    # 40 sessions: the chance that one of 3 nodes holds none is 3 * (2/3)**40, about 1e-7
    # (with 12 it was 2%, and the test failed now and then)
    for i in range(40):
        store.create(f"s{i}")
        store.add(f"s{i}", Entry(f"Person {i}", f"Surrogate {i}", "PERSON"))
    holding = []
    for port in redis_cluster.ports:
        node = redis.Redis(port=port)
        holding.append(sum(1 for _ in node.scan_iter(match=f"chatveil:{namespace}:{{*}}:m")))
        node.close()
    assert sum(holding) == 40 and all(n > 0 for n in holding)
    assert sorted(store.sessions()) == sorted(f"s{i}" for i in range(40))


def test_drop_reaches_another_worker_on_a_cluster(redis_cluster, factory_on, namespace
                                                  ) -> None:
    one = factory_on(redis_cluster.url, namespace=namespace, cluster=True)
    two = factory_on(redis_cluster.url, namespace=namespace, cluster=True)
    heard: list[str] = []
    two.add_listener(heard.append)
    one.create("s")
    assert two.entries("s").version == 0  # worker two knows the session
    time.sleep(0.3)  # its listener thread has subscribed
    one.drop("s")
    deadline = time.monotonic() + 5
    while not heard and time.monotonic() < deadline:
        time.sleep(0.02)
    assert heard == ["s"]


def test_detection_cache_on_a_cluster(redis_cluster, namespace) -> None:
    from chatveil.redis import RedisDetectionCache

    cache = RedisDetectionCache.from_url(redis_cluster.url, namespace=namespace, cluster=True)
    spans = (Span(0, 5, "PERSON", 0.85),)
    keys = [f"k{i}" for i in range(20)]  # in many slots
    for key in keys[::2]:
        cache.set(key, spans)
    assert cache.get_many(keys) == [spans if i % 2 == 0 else None for i in range(20)]
    assert sorted(cache.keys()) == sorted(keys[::2])
    cache.delete(keys[:10])
    assert len(cache) == 5
    cache.clear()
    assert cache.keys() == []
    cache.client.close()


def _call_then_another_worker(url: str, namespace: str, **options) -> None:
    """A call stores its values with its results (one script), restores without a store
    call, and the next worker takes those results instead of pseudonymizing again."""
    from test_redis_remembered import LATER, _joined, _worker

    from chatveil._session import open_session

    _joined(url, namespace, **options)  # (a worker alone in a session hands nothing over)
    one, two = (_worker(url, namespace, **options) for _ in range(2))
    with open_session(one, "c"):
        masked = one.pseudonymize_batch([TEXT, LATER], session_id="c")
        assert one.restore(masked[1], session_id="c") == LATER
    with open_session(two, "c"):
        assert two.pseudonymize_batch([TEXT, LATER], session_id="c") == masked
        assert two.restore(masked[0], session_id="c") == TEXT
    assert two.detector.calls == []  # type: ignore[attr-defined]


def test_a_call_on_valkey(valkey_server, namespace) -> None:
    _call_then_another_worker(valkey_server.url, namespace)


def test_a_call_on_a_cluster(redis_cluster, namespace) -> None:
    _call_then_another_worker(redis_cluster.url, namespace, cluster=True)
